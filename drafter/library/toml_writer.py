"""A fast writer for the library's TOML files: the same text, byte for byte, as tomlkit wrote.

The library's files are read by people, so their layout is fixed: comments at the top, plain
values, then ``[table]`` and ``[[array.of.tables]]`` blocks each after a blank line, arrays of
text one element per line, long text with line breaks as ``\"\"\"`` strings. tomlkit builds a
whole editable document to write that, which cost most of an import; this module writes the
same text directly from a plain description of the document:

- ``str`` is a one-line basic string, :class:`Multiline` a ``\"\"\"`` string, ``int`` and
  ``bool`` as TOML writes them;
- ``list`` (of the above) is an array, written one element per line unless empty;
- ``dict`` is a table, :class:`Tables` an array of tables (``[[key]]``); both nest (a draft's
  review rounds hold their proposals and the draft as it then stood).

Keys are the program's own names and must be bare keys. Escapes follow tomlkit: in one-line
strings every control character, ``"`` and ``\\``; in ``\"\"\"`` strings the same except the
line feed, and ``\"\"\"`` becomes ``""\\"``. Two departures, where tomlkit's file would not
read back as written: a carriage return in a ``\"\"\"`` string is always escaped (tomlkit kept
CR LF raw, which readers turn into LF), and control characters in a comment become spaces
(tomlkit kept them, which makes the file unreadable).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Union

from drafter import rx

_BARE_KEY = rx.compile(r"[A-Za-z0-9_-]+")
_CONTROL = [*range(0x20), 0x7F]
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"',
          "\\": "\\\\"}
_ESCAPE = {c: _SHORT.get(c) or f"\\u{ord(c):04x}" for c in [*map(chr, _CONTROL), '"', "\\"]}
#: What must be escaped: in one-line strings, in multi-line strings (LF stays), in comments.
_ONE_LINE = rx.compile(r'[\x00-\x1f\x7f"\\]')
_MULTI_LINE = rx.compile(r"[\x00-\x09\x0b-\x1f\x7f\\]")
_COMMENT = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _escaped(match: re.Match[str]) -> str:
    return _ESCAPE[match.group()]


class Multiline(str):
    """Text written as a ``\"\"\"`` multi-line string."""

    __slots__ = ()


class Tables(list):  # type: ignore[type-arg]
    """An array of tables: each ``dict`` is written under its own ``[[key]]`` header."""

    __slots__ = ()


Value = Union[str, int, bool, list, dict, Tables]  # noqa: UP007 (a runtime alias)


@dataclass
class Document:
    """Comment lines, then the top-level keys in order."""

    comments: list[str] = field(default_factory=list)
    """Comment text, one entry per ``#`` block (line breaks give more lines)."""
    body: dict[str, Value] = field(default_factory=dict)
    """Keys and values in the order they are written."""


def render(doc: Document) -> str:
    """The TOML text of ``doc``."""
    out: list[str] = []
    _empty_tables(doc.body, out)
    for text in doc.comments:
        lines = _COMMENT.sub(" ", text).split("\n")
        out.append("\n".join(f"# {line}" if line else "#" for line in lines) + "\n")
    _container(doc.body, "", out, preceded=bool(doc.comments))
    return "".join(out)


def _empty_tables(body: Mapping[str, Value], out: list[str]) -> None:
    """Empty arrays of tables have no header to write: ``key = []`` at the top of their scope."""
    for key, value in body.items():
        if isinstance(value, Tables) and not value:
            out.append(f"{_key(key)} = []\n")


def _container(body: Mapping[str, Value], prefix: str, out: list[str], preceded: bool) -> None:
    """The keys of one scope in order: plain values, then tables and arrays of tables.

    ``preceded``: something is already in this scope, so the first header gets a blank line
    before it (as tomlkit does when a table joins a scope that is not empty).
    """
    in_tables = False
    for key, value in body.items():
        if not isinstance(value, dict | Tables):
            if in_tables:
                raise ValueError(f"plain value {key!r} after a table: give plain values first")
            out.append(f"{_key(key)} = {_value(value)}\n")
        elif isinstance(value, Tables):
            path = f"{prefix}{_key(key)}"
            for n, table in enumerate(value):
                out.append(f"\n[[{path}]]\n" if n or preceded else f"[[{path}]]\n")
                _empty_tables(table, out)
                _container(table, f"{path}.", out, preceded=False)
            in_tables = True
        else:
            path = f"{prefix}{_key(key)}"
            out.append(f"\n[{path}]\n" if preceded else f"[{path}]\n")
            _container(value, f"{path}.", out, preceded=False)
            in_tables = True
        preceded = True


@functools.cache
def _key(key: str) -> str:
    if not _BARE_KEY.fullmatch(key):
        raise ValueError(f"not a bare TOML key: {key!r}")
    return key


def _value(value: object) -> str:
    if isinstance(value, Multiline):
        return multiline_string(value)
    if isinstance(value, str):
        return f'"{_ONE_LINE.sub(_escaped, value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return _array(value)
    raise TypeError(f"cannot write {type(value).__name__} as a TOML value")


def _array(values: Sequence[object]) -> str:
    if not values:
        return "[]"
    return "[\n" + "".join(f"    {_value(v)},\n" for v in values) + "]"


def multiline_string(text: str) -> str:
    """``text`` as a ``\"\"\"`` string; a leading line break is doubled (TOML drops the first)."""
    body = _MULTI_LINE.sub(_escaped, text).replace('"""', '""\\"')
    if body[:1] == "\n":
        body = "\n" + body
    return f'"""{body}"""'
