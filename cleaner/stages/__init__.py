"""The text engine's stages, one module each, in the order :class:`~cleaner.pipeline.Engine`
runs them:

1. :mod:`.line_rules`: each line against the outlet profile, then the language packs;
2. :mod:`.structures`: rules over several lines (foreign script, teasers, duplicates,
   list headers and the items they take, headline runs, the profile's hard cuts);
3. :mod:`.body`: per-line scores, the body window (Kadane) and its three edge fixes;
4. :mod:`.decide`: one final decision per line, and the header facts the metadata
   lines lifted;
5. :mod:`.facts`: title and standfirst, dateline, date and byline, captions, sources;
6. :mod:`.extracted`: in extracted-text mode (the HTML path) the decisions that only
   make sense for dumps are revised, and the facts the page declares win;
7. :mod:`.assemble`: the frozen :class:`~cleaner.article.Article`.

Every stage reads and writes the :class:`.doc.Doc` of one document and takes its numbers
from :class:`cleaner.thresholds.Thresholds`.
"""
