"""Parsing TOML that came from anywhere: a shared file must never take the program down.

``tomllib`` parses nested arrays and inline tables recursively, so a 1 KB file of a few hundred
``[`` exhausts Python's recursion limit. The parser is pure Python, so that ends in a clean
RecursionError, which is turned into one Chinese sentence like every other parser failure (a
scan for the depth before parsing would cost a quarter of the parse on every library file).
"""

from __future__ import annotations

import tomllib
from typing import Any

from drafter.errors import DrafterError, InputError

TOO_DEEP = "数组或表格嵌套过深"
"""What a file nested beyond the parser's reach is told."""


def parse(text: str, where: str, error: type[DrafterError] = InputError) -> dict[str, Any]:
    """The TOML document in ``text``; ``error`` with one sentence naming ``where`` otherwise."""
    try:
        return loads(text)
    except tomllib.TOMLDecodeError as exc:
        if str(exc) == TOO_DEEP:
            raise error(f"{where} 的{TOO_DEEP}，不是 drafter 能读的文件。") from exc
        raise error(f"{where} 不是有效的 TOML：{exc}。") from exc


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` where too deep a nesting raises ``tomllib.TOMLDecodeError`` too, so a
    loader's own handling of bad TOML covers it (rules, profiles, skeletons, keys)."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(TOO_DEEP) from None
