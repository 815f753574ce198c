"""cleaner: turn scraped news pages into clean articles.

>>> import cleaner
>>> art = cleaner.clean("Judul\\nJAKARTA - Isi berita yang cukup panjang untuk dianggap paragraf.")
>>> art.dateline
'JAKARTA'

The public API is what ``__all__`` lists; everything else is internal.
"""

from .article import Article, LineDecision
from .core import Cleaner, clean
from .errors import CleanerError, InputError, ProfileError
from .options import Options

__all__ = [
    "Article",
    "Cleaner",
    "CleanerError",
    "InputError",
    "LineDecision",
    "Options",
    "ProfileError",
    "__version__",
    "clean",
]

__version__ = "0.1.0"
