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

# Strings and comments, in the order TOML reads them; what is left holds only real brackets.
_NOT_STRUCTURE = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """The deepest ``[``/``{`` nesting outside strings and comments (one pass each of two
    regular expressions; the loop only sees the brackets)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_NOT_STRUCTURE.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


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
