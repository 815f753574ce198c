"""The packs' words for the metadata readers: :class:`cleaner.words.Words` (defined
below the profile loader, which needs the same words for its ``{date}`` placeholders)."""

from __future__ import annotations

from ..words import ROLES, Words

__all__ = ["ROLES", "Words"]
