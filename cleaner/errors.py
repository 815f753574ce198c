"""The one error tree of cleaner.

Every error cleaner raises on purpose derives from :class:`CleanerError`, so a caller
can catch one class.  Batch tools turn these into error records instead of stopping.
"""

from __future__ import annotations

__all__ = ["CleanerError", "InputError", "ProfileError"]


class CleanerError(Exception):
    """Base class of every error cleaner raises deliberately."""


class ProfileError(CleanerError):
    """A profile or language pack is broken.

    The message is one line naming the file, the key and the problem, e.g.
    ``profiles/x.toml: drop[3].match: must be one of exact, prefix, regex``.
    """

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


class InputError(CleanerError):
    """A document cannot be cleaned: undecodable bytes, over a size limit, not text."""
