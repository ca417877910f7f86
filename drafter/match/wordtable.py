"""jieba's word frequencies in a file that opens at once: one table per first character.

jieba keeps every word of its dictionary (and every prefix of one) in a single dict, loaded
whole from its cache: about half a second before the first word is cut. Cutting a text only
ever looks up fragments that start at one of the text's own characters, so drafter stores the
same entries split by first character, with an index of where each part lies, and reads a
part when a text first needs it. The table is made from the finished tokenizer (jieba's
dictionary with the 民政 words added), so it cuts exactly as that tokenizer does; a key made
of jieba's version and both dictionaries tells when it is stale.
"""

from __future__ import annotations

import marshal
import mmap
import struct
from collections.abc import Iterator, Mapping
from pathlib import Path

from drafter.atomic import write_bytes

MAGIC = b"drafter-words-1\n"
_LENGTH = struct.Struct("<Q")


class WordTable(Mapping[str, int]):
    """Word (or prefix) → frequency, read part by part from a table file."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[: len(MAGIC)] != MAGIC:
            raise ValueError("not a word table")
        start = len(MAGIC) + _LENGTH.size
        (size,) = _LENGTH.unpack(self._map[len(MAGIC) : start])
        header = marshal.loads(self._map[start : start + size])
        self.key: str = header["key"]
        self.total: int = header["total"]
        self._index: dict[str, tuple[int, int]] = header["index"]
        self._base = start + size
        end = max((a + n for a, n in self._index.values()), default=0)
        if self._base + end != len(self._map):
            raise ValueError("word table cut short")
        self._parts: dict[str, dict[str, int]] = {}
        self.lookups = 0
        """Words looked up so far (each costs a Python call, where a dict's costs none)."""

    def _part(self, first: str) -> dict[str, int]:
        self.lookups += 1
        part = self._parts.get(first)
        if part is None:
            where = self._index.get(first)
            part = {} if where is None else marshal.loads(
                self._map[self._base + where[0] : self._base + where[0] + where[1]])
            self._parts[first] = part
        return part

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and word in self._part(word[0])

    def __getitem__(self, word: str) -> int:
        if not word:
            raise KeyError(word)
        return self._part(word[0])[word]

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        return self._part(word[0]).get(word, default) if word else default

    def __iter__(self) -> Iterator[str]:
        for first in self._index:
            yield from self._part(first)

    def __len__(self) -> int:
        return sum(len(self._part(first)) for first in self._index)

    def whole(self) -> dict[str, int]:
        """Every entry in one dict (for long runs of cutting, where lookups dominate)."""
        out: dict[str, int] = {}
        for first in self._index:
            out.update(self._part(first))
        return out


def write_table(path: Path, freq: Mapping[str, int], total: int, key: str) -> None:
    """Write ``freq`` (jieba's ``FREQ`` after all words were added) as a table file."""
    parts: dict[str, dict[str, int]] = {}
    for word, value in freq.items():
        if word:
            parts.setdefault(word[0], {})[word] = value
    index: dict[str, tuple[int, int]] = {}
    blobs: list[bytes] = []
    offset = 0
    for first, part in parts.items():
        blob = marshal.dumps(part)
        index[first] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    header = marshal.dumps({"key": key, "total": int(total), "index": index})
    write_bytes(path, b"".join((MAGIC, _LENGTH.pack(len(header)), header, *blobs)))
