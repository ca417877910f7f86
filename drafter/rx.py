"""Compiled regular expressions kept between runs, so a command does not rebuild them each start.

Python compiles a pattern's character classes in pure Python: a class spanning the CJK
ideographs costs milliseconds, and the parser and the checks hold about a hundred such
patterns, which made compiling them a third of a short command's time. This module keeps
the compiled form (the ``_sre`` code) of every pattern in the user cache folder, keyed by
the interpreter's version and the regex engine's ``MAGIC``, and builds patterns from it.

The stored form is checked before use: a pattern built from it must compare equal to what
``re.compile`` gives (patterns compare by pattern, flags and compiled code). Whenever
anything differs or fails (another Python, a changed engine, an unreadable cache), patterns
are compiled the ordinary way; the cache is a speed-up only, never a source of behaviour.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

try:  # the engine's internals: present in CPython 3.11+, absent elsewhere
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters compile the ordinary way
    _sre = None

_Key = tuple[str, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

#: Beyond this many stored patterns the table starts over (patterns made from changing text).
_MAX_STORED = 4000
#: The interpreter, its regex engine and its Unicode tables: what the compiled form depends on.
_TAG = "-".join((
    sys.implementation.cache_tag or "python",
    ".".join(map(str, sys.version_info[:3])),
    str(getattr(_sre, "MAGIC", 0)),
    unicodedata.unidata_version,
))
_stored: dict[_Key, _Entry] | None = None
_where: Path | None = None
_new: dict[_Key, _Entry] = {}
_built: dict[_Key, re.Pattern[str]] = {}
_usable = _sre is not None and sys.implementation.name == "cpython"


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile``, from the stored compiled form when there is one."""
    flags = int(flags)
    if not _usable or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    built = _built.get(key)
    if built is not None:
        return built
    entry = _table().get(key)
    if entry is not None:
        try:
            built = _built[key] = _build(pattern, entry)
            return built
        except Exception:  # a stale entry: compiled anew below
            pass
    compiled = re.compile(pattern, flags)
    _remember(pattern, flags, compiled)
    return compiled


def _build(pattern: str, entry: _Entry) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def _remember(pattern: str, flags: int, compiled: re.Pattern[str]) -> None:
    """Work out the compiled form again and keep it if it builds the very same pattern."""
    global _usable
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: _Entry = (flags | parsed.state.flags, [int(c) for c in code],
                         parsed.state.groups - 1, groupindex, tuple(indexgroup))
        same = _build(pattern, entry) == compiled
    except Exception:
        _usable = False
        return
    if not same:
        _usable = False
        return
    if not _new:
        atexit.register(_save)
    _new[(pattern, flags)] = entry


def _file() -> Path:
    from drafter.paths import user_cache_dir

    return user_cache_dir() / f"patterns-{_TAG}.marshal"


def _table() -> dict[_Key, _Entry]:
    """The stored patterns, read on first use from the cache folder of that moment."""
    global _stored, _where
    if _stored is None:
        _stored = {}
        with contextlib.suppress(Exception):  # no cache folder, a missing or damaged cache
            _where = _file()
            data = marshal.loads(_where.read_bytes())
            if isinstance(data, dict):
                _stored = data
    return _stored


def _save() -> None:
    """Write the table with this run's new patterns (atomically; a failure is only slower)."""
    if not _new:
        return
    table = {**_table(), **_new} if len(_table()) < _MAX_STORED else dict(_new)
    with contextlib.suppress(OSError, ValueError):
        path = _where or _file()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(table))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def stats() -> dict[str, Any]:
    """How many patterns came from the stored table and how many are new (for benchmarks)."""
    return {"stored": len(_table()), "new": len(_new), "usable": _usable}
