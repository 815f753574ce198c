"""Thin shells that run cleaner inside tools people already use.

- :mod:`cleaner.integrations.scrapy`: ``CleanerPipeline``, a Scrapy item pipeline
  (``pip install cleaner[scrapy]``).
- :mod:`cleaner.integrations.datatrove`: ``CleanerStep``, a datatrove pipeline step
  that runs under datatrove's local, Slurm and Ray executors
  (``pip install cleaner[datatrove]``).

This package imports neither Scrapy nor datatrove: only the submodule you import pulls
in its framework, so ``import cleaner`` stays light for everyone else.  No cleaning logic
lives here; both shells call :meth:`cleaner.Cleaner.clean` and map its
:class:`~cleaner.Article` onto the framework's item or document.
"""

__all__: list[str] = []
