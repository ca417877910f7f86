"""Parsing TOML that came from anywhere: a shared file must never take the program down.

``tomllib`` parses nested arrays and inline tables recursively, so a 1 KB file of a few hundred
``[`` raises RecursionError. :func:`parse` measures the nesting with a linear scan (strings and
comments skipped) before the parser sees the text, and turns every parser failure into one
Chinese sentence.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from drafter.errors import DrafterError, InputError

MAX_DEPTH = 16
"""Deepest nesting of arrays and inline tables accepted (plans need three)."""

_TOKEN = re.compile(r'"""|\'\'\'|["\'#\[\]{}]')
_BASIC_END = re.compile(r'\\.|"|\n', re.S)
_MULTI_BASIC_END = re.compile(r'\\.|"""', re.S)


def nesting_depth(text: str, stop_at: int = MAX_DEPTH) -> int:
    """The deepest ``[``/``{`` nesting outside strings and comments (scan stops past ``stop_at``)."""
    depth = deepest = 0
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.search(text, pos)
        if m is None:
            break
        token, pos = m.group(), m.end()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    break
        elif token in "]}":
            depth = max(0, depth - 1)
        elif token == "#":
            end = text.find("\n", pos)
            pos = n if end < 0 else end + 1
        elif token == "'''":
            end = text.find("'''", pos)
            pos = n if end < 0 else end + 3
        elif token == "'":
            end = min((i for i in (text.find("'", pos), text.find("\n", pos)) if i >= 0),
                      default=n)
            pos = end + 1
        else:
            pos = _skip_basic(text, pos, _MULTI_BASIC_END if token == '"""' else _BASIC_END)
    return deepest


def _skip_basic(text: str, pos: int, end: re.Pattern[str]) -> int:
    """The position after a basic string starting at ``pos`` (escapes skipped)."""
    while True:
        m = end.search(text, pos)
        if m is None:
            return len(text)
        pos = m.end()
        if not m.group().startswith("\\"):
            return pos


def parse(text: str, where: str, error: type[DrafterError] = InputError) -> dict[str, Any]:
    """The TOML document in ``text``; ``error`` with one sentence naming ``where`` otherwise."""
    if nesting_depth(text) > MAX_DEPTH:
        raise error(f"{where} 的数组或表格嵌套超过 {MAX_DEPTH} 层，不是 drafter 能读的文件。")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{where} 不是有效的 TOML：{exc}。") from exc
    except RecursionError as exc:  # the scan above makes this unreachable; kept as a fence
        raise error(f"{where} 的嵌套过深，不是 drafter 能读的文件。") from exc


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with the nesting limit: too deep raises ``tomllib.TOMLDecodeError``,
    so a loader's own handling of bad TOML covers it (rules, profiles, skeletons, keys)."""
    if nesting_depth(text) > MAX_DEPTH:
        raise tomllib.TOMLDecodeError(f"数组或表格嵌套超过 {MAX_DEPTH} 层")
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("嵌套过深") from None
