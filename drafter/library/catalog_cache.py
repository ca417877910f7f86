"""The catalogue's start-up cache on disk: every summary with the size and time of its file.

One tuple per column in :mod:`marshal` form behind a header and a checksum, so ten thousand
plans load in a few tens of milliseconds (no objects rebuilt from a pickle, no paths parsed)
and a file that is damaged, cut short or written by another version is recognised and
ignored, never half read.
"""

from __future__ import annotations

import gc
import marshal
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields

from drafter.library.summary import PlanSummary

SUFFIX = ".marshal"
#: Bumped when a summary's fields change; older caches are then read as empty and rewritten.
_VERSION = 5  # 5: marshal of plain tuples (was a pickle of summaries)
_MAGIC = f"drafter catalogue {_VERSION} marshal {marshal.version}\n".encode("ascii")
_HEAD = len(_MAGIC) + 8
"""The header, then the body's CRC-32 and length (4 bytes each, little-endian)."""
_NAMES = tuple(f.name for f in fields(PlanSummary))
_FIELDS = 3 + len(_NAMES)
"""Columns: file, mtime, size, then the summary's fields in order."""

Entries = dict[str, tuple[int, int, PlanSummary]]
"""File (as a string) → (mtime in ns, size in bytes, summary)."""


def dumps(entries: Mapping[str, tuple[int, int, PlanSummary]]) -> bytes:
    """The cache file's bytes for these entries: one tuple per column."""
    rows = [(key, mtime, size, *[getattr(s, name) for name in _NAMES])
            for key, (mtime, size, s) in entries.items()]
    columns = tuple(zip(*rows, strict=True)) if rows else ((),) * _FIELDS
    body = marshal.dumps(columns)
    return _MAGIC + _check(body) + body


def loads(blob: bytes) -> Entries:
    """The entries in a cache file's bytes; empty when they are not a whole cache of this
    version."""
    body = blob[_HEAD:]
    if not blob.startswith(_MAGIC) or blob[len(_MAGIC):_HEAD] != _check(body):
        return {}
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: no passes meanwhile
    try:
        columns = marshal.loads(body)
        if len(columns) != _FIELDS or len({len(c) for c in columns}) != 1:
            return {}
        keys, mtimes, sizes, *values = columns
        summaries = _summaries(zip(*values, strict=True))
        return dict(zip(keys, zip(mtimes, sizes, summaries, strict=True), strict=True))
    except (ValueError, EOFError, TypeError):
        return {}
    finally:
        if collecting:
            gc.enable()


def _check(body: bytes) -> bytes:
    """The body's CRC-32 and length: a cut or damaged file does not match."""
    return zlib.crc32(body).to_bytes(4, "little") + (len(body) & 0xFFFFFFFF).to_bytes(4, "little")


def _summaries(rows: Iterable[tuple[object, ...]]) -> Iterator[PlanSummary]:
    """Summaries from their fields, set as the dataclass ``__init__`` sets them (it has no
    other work to do) in half its time: this is most of loading a national library."""
    new = object.__new__
    for row in rows:
        summary = new(PlanSummary)
        summary.__dict__.update(zip(_NAMES, row, strict=True))
        yield summary
