"""Fixed-size counting structures, so learning on a million documents fits in memory.

* :class:`CountMinSketch` counts in how many documents each key (a normalised line, a
  prefix, a shape) occurs.  It never under-counts and over-counts only through hash
  collisions; with *conservative update* (only the smallest counters of a key are
  raised) the over-count stays small.  Its size is fixed up front (``depth x 2**bits``
  32-bit counters), whatever the number of documents.
* :class:`BloomFilter` answers "was this title (or this document) seen?" with a small,
  fixed rate of false "yes" and no false "no".
* :class:`BitSet` keeps one bit per document (the documents pass 1 skipped).

They are written by hand because each is twenty lines of standard-library code; the
libraries that offer them (pyprobables, bounter, datasketch) would be a new dependency
for little.  Keys are hashed with Python's built-in ``hash``: both passes run in one
process, so the per-process hash seed does not matter.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable

__all__ = ["BitSet", "BloomFilter", "CountMinSketch"]

_MASK64 = (1 << 64) - 1
_MAX = (1 << 32) - 1


def _positions(key: Hashable, count: int, mask: int) -> list[int]:
    """``count`` positions from one 64-bit hash (Kirsch-Mitzenmacher double hashing)."""
    h = hash(key) & _MASK64
    h1, h2 = h & 0xFFFFFFFF, (h >> 32) | 1
    return [(h1 + i * h2) & mask for i in range(count)]


class CountMinSketch:
    """Approximate counts of hashable keys in ``depth * 2**bits * 4`` bytes."""

    def __init__(self, bits: int = 20, depth: int = 4) -> None:
        self.width = 1 << bits
        self.mask = self.width - 1
        self.depth = depth
        self.rows = [array("I", bytes(4 * self.width)) for _ in range(depth)]

    @property
    def nbytes(self) -> int:
        return sum(row.itemsize * len(row) for row in self.rows)

    def add(self, key: Hashable) -> None:
        """Count ``key`` once more (conservative update)."""
        pos = _positions(key, self.depth, self.mask)
        rows = self.rows
        low = min(rows[d][p] for d, p in enumerate(pos))
        if low >= _MAX:
            return
        for d, p in enumerate(pos):
            if rows[d][p] == low:
                rows[d][p] = low + 1

    def estimate(self, key: Hashable) -> int:
        """At least the true count of ``key``; more only through collisions."""
        pos = _positions(key, self.depth, self.mask)
        return min(self.rows[d][p] for d, p in enumerate(pos))


class BloomFilter:
    """A set of hashable keys in ``2**bits / 8`` bytes, with rare false positives."""

    def __init__(self, bits: int = 24, hashes: int = 4) -> None:
        self.mask = (1 << bits) - 1
        self.hashes = hashes
        self.bits = bytearray(1 << max(bits - 3, 0))

    def add(self, key: Hashable) -> bool:
        """Add ``key``; True if it was (probably) there already."""
        present = True
        for p in _positions(key, self.hashes, self.mask):
            byte, bit = p >> 3, 1 << (p & 7)
            if not self.bits[byte] & bit:
                present = False
                self.bits[byte] |= bit
        return present

    def __contains__(self, key: Hashable) -> bool:
        return all(self.bits[p >> 3] & (1 << (p & 7))
                   for p in _positions(key, self.hashes, self.mask))


class BitSet:
    """One bit per document number, growing as documents are read."""

    def __init__(self) -> None:
        self.bits = bytearray()

    def add(self, n: int) -> None:
        byte = n >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte + 1 - len(self.bits) + 4096))
        self.bits[byte] |= 1 << (n & 7)

    def __contains__(self, n: int) -> bool:
        byte = n >> 3
        return byte < len(self.bits) and bool(self.bits[byte] & (1 << (n & 7)))
