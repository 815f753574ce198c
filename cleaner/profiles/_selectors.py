"""The ``[html]`` selectors of a profile, compiled: XPath 1.0 or CSS (via cssselect).

One implementation for both uses: the loader compiles every selector when it reads a
profile (a broken one is a ``ProfileError`` naming the file and key at load, not on
the first HTML page of that outlet), and the HTML path compiles the same strings again
from the cache when it applies them.  The built-in profiles are compiled by their tests
instead (as their regexes are vetted), so loading them imports no lxml.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["CSSUnavailable", "compile_selector"]


class CSSUnavailable(ValueError):
    """A CSS selector, and the ``cssselect`` package that translates it is missing."""


@lru_cache(maxsize=1024)
def compile_selector(selector: str) -> Any:
    """An ``lxml.etree.XPath`` for an XPath or CSS selector (XPath when it starts with
    ``/``, ``./``, ``(``; CSS otherwise, translated by cssselect); ``ValueError`` says
    what is wrong.  lxml is imported here, not at module load: reading profiles must
    not pull in the HTML stack for a text-only run."""
    from lxml import etree

    expr = selector.strip()
    if not expr.startswith(("/", "./", "(")):
        try:
            from cssselect import HTMLTranslator, SelectorError
        except ImportError:
            raise CSSUnavailable("CSS selectors need the 'cssselect' package; "
                                 "write XPath or pip install cssselect") from None
        try:
            expr = HTMLTranslator().css_to_xpath(expr)
        except SelectorError as exc:
            raise ValueError(f"invalid CSS selector: {exc}") from None
    try:
        return etree.XPath(expr)
    except etree.XPathSyntaxError as exc:
        raise ValueError(f"invalid XPath: {exc}") from None
