"""What kind of page a dump is: article, listing, gallery, forum, product or other.

A small multinomial logistic regression over page-level shape counts (how much prose the
body has and how long its paragraphs are, how much of the page is list-shaped, stamps,
comment and share furniture, prices, the share of the page the body covers), trained by
``scripts/train_line_model.py`` on the WCXB dev page types (article; listing and
collection as *listing*; forum; product; service and documentation as *other*) and
stored beside the line model.  WCXB has no gallery pages, so *gallery* is a shape rule:
a page whose body is short and whose lines are mostly captions and photo stamps.
Returns the kind and the model's probability for it (the confidence).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from ..lines import Line
from .features import HEAD_CHARS

__all__ = ["FEATURE_NAMES", "KINDS", "URL_FEATURES", "kind_features", "page_kind"]

KINDS: tuple[str, ...] = ("article", "listing", "gallery", "forum", "product", "other")
FEATURE_NAMES: tuple[str, ...] = (
    "log_lines", "log_kept_words", "kept_share", "kept_prose_share", "log_max_para",
    "prose_share", "headline_share", "short_share", "stamp_share", "price_share",
    "comments_share", "list_share", "caption_share", "numeric_share", "log_kept_lines",
    "has_url", "url_date", "url_slug_words", "url_depth",
)
#: the last features, from the page's URL (zero without one)
URL_FEATURES: tuple[str, ...] = FEATURE_NAMES[-4:]
#: a text of fewer lines is not a whole page: its kind is read from how much is body
SHORT_TEXT_LINES = 20
#: a gallery's body has fewer words than this...
GALLERY_MAX_BODY_WORDS = 150
#: ...and at least this many caption or photo-stamp lines
GALLERY_MIN_CAPTIONS = 4
_STAMP = re.compile(r"(?<!\d)(?:[0-2]?\d[:.][0-5]\d(?!\d)|(?:19|20)\d\d(?!\d))")
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?[$€£¥₹]|\b(?:Rp|USD|EUR|IDR)\.?\s?\d", re.I)


_URL_DATE = re.compile(r"/(?:19|20)\d\d/\d{1,2}/|/(?:19|20)\d{6}|-(?:19|20)\d\d-\d\d-")
_SLUG_SPLIT = re.compile(r"[-_+]")


def _url_features(url: str | None) -> list[float]:
    """An article's address is usually deep, dated or a long slug of its headline."""
    if not url:
        return [0.0, 0.0, 0.0, 0.0]
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    parts = [p for p in path.split("/")[1:] if p]
    slug = max((len(_SLUG_SPLIT.split(p)) for p in parts), default=0)
    return [1.0, float(_URL_DATE.search(path) is not None), math.log1p(slug),
            float(len(parts))]


def kind_features(lines: Sequence[Line], final: Sequence[tuple[str, str, str]],
                  url: str | None = None) -> list[float]:
    """The page-level features (``FEATURE_NAMES`` order) from lines and final decisions.

    Shape shares (headlines, stamps, prices, numbers) are of the kept lines: the page's
    own content, and far fewer lines to look at than the whole dump."""
    n = len(lines) or 1
    kept = [ln for ln, f in zip(lines, final, strict=True) if f[0] == "kept"]
    kept_words = sum(ln.words for ln in kept)
    total_words = sum(ln.words for ln in lines) or 1
    reasons = [f[2] for f in final]
    k = len(kept) or 1
    return [
        math.log1p(len(lines)), math.log1p(kept_words), kept_words / total_words,
        sum(ln.prose for ln in kept) / k,
        math.log1p(max((ln.words for ln in kept), default=0)),
        sum(ln.prose for ln in lines) / n, sum(ln.headline for ln in kept) / k,
        sum(ln.words <= 3 for ln in lines) / n,
        sum(_STAMP.search(ln.text, 0, HEAD_CHARS) is not None for ln in kept) / k,
        sum(_PRICE.search(ln.text, 0, HEAD_CHARS) is not None for ln in kept) / k,
        reasons.count("comments") / n, (reasons.count("related") + reasons.count("nav")) / n,
        reasons.count("caption") / n, sum(ln.numeric >= 0.5 for ln in kept) / k,
        math.log1p(len(kept)),
        *_url_features(url),
    ]

def page_kind(lines: Sequence[Line], final: Sequence[tuple[str, str, str]],
              model: dict[str, Any] | None, url: str | None = None) -> tuple[str, float]:
    """``(kind, confidence)`` of a page; ``("article", 0.0)`` without a model."""
    if model and list(model.get("names", FEATURE_NAMES)) != list(FEATURE_NAMES):
        model = None  # a model file of other features: do not misread it
    captions = sum(1 for f in final if f[2] == "caption")
    kept_words = sum(ln.words for ln, f in zip(lines, final, strict=True) if f[0] == "kept")
    if captions >= GALLERY_MIN_CAPTIONS and kept_words < GALLERY_MAX_BODY_WORDS:
        return "gallery", min(1.0, captions / (2 * GALLERY_MIN_CAPTIONS))
    if len(lines) < SHORT_TEXT_LINES:
        # a few lines are no page (the model learned whole pages): an article already
        # cut out when most of it is body, else something else
        share = kept_words / (sum(ln.words for ln in lines) or 1)
        return ("article", share) if share >= 0.5 else ("other", 1.0 - share)
    if not model:
        return "article", 0.0
    x = kind_features(lines, final, url)
    z = []
    for coef, b in zip(model["coef"], model["intercept"], strict=True):
        s = b
        for v, m, sd, c in zip(x, model["mean"], model["scale"], coef, strict=True):
            s += c * (v - m) / sd
        z.append(s)
    top = max(z)
    e = [math.exp(v - top) for v in z]
    best = max(range(len(z)), key=z.__getitem__)
    return model["classes"][best], e[best] / sum(e)
