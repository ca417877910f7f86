"""Chinese line breaking on screen: 。，、 never start a line, （“ never end one, and a
number such as ``6.3%`` stays whole.

Textual wraps by cells only. Both of its wrappers — the TextArea's and the one every other
widget's text goes through — return the offsets where lines break; :func:`adjust` moves a
forbidden break back a character or two, which keeps every line within its width.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’%‰…—·,.;:?!)]}")
"""Punctuation that closes: it stays at the end of the line before."""
NO_LINE_END = frozenset("（《「『【〔“‘([{")
"""Punctuation that opens: it goes with what follows."""
NUMBER = frozenset("0123456789.%‰")
"""Characters of a figure (``6.3%``) that are not broken apart."""
MAX_SHIFT = 8
"""A break moves back at most this many characters (a longer run is broken where it falls)."""


def _forbidden(text: str, at: int) -> bool:
    """Whether a line may not start at ``at``."""
    before, after = text[at - 1], text[at]
    return (after in NO_LINE_START or before in NO_LINE_END
            or (before in NUMBER and after in NUMBER))


def _allowed(text: str, offset: int, start: int) -> int:
    """``offset`` moved back to where a line may start (after ``start``), when near."""
    moved = offset
    while moved > start + 1 and offset - moved < MAX_SHIFT and _forbidden(text, moved):
        moved -= 1
    return offset if _forbidden(text, moved) else moved


def break_lines(text: str, first_break: Callable[[str], list[int]]) -> list[int]:
    """Break offsets of ``text``: each line as ``first_break`` would end it, moved back
    where Chinese forbids the break, the rest wrapped again from there."""
    offsets: list[int] = []
    start = 0
    while start < len(text):
        found = first_break(text[start:])
        if not found:
            break
        offset = start + found[0]
        if offset <= start:
            break
        if offset < len(text):
            offset = _allowed(text, offset, start)
        offsets.append(offset)
        start = offset
    return offsets


def _breaking(wrapper: Callable[..., list[int]]) -> Callable[..., list[int]]:
    """``wrapper`` (text first, then its width and options) breaking lines the Chinese way."""
    @wraps(wrapper)
    def wrapped(text: str, *args: Any, **kwargs: Any) -> list[int]:
        # Tab positions computed for the whole text do not hold for its tail.
        kwargs.pop("precomputed_tab_sections", None)
        if len(args) > 3:
            args = args[:3]
        return break_lines(text, lambda rest: wrapper(rest, *args, **kwargs))

    wrapped.__dict__["chinese_line_breaking"] = True
    return wrapped


def install() -> None:
    """Use Chinese line breaking in the TextArea and in every other widget's text."""
    import textual.content as content
    from textual.document import _wrapped_document

    for module, name in ((content, "divide_line"), (_wrapped_document, "compute_wrap_offsets")):
        current = getattr(module, name)
        if not getattr(current, "chinese_line_breaking", False):
            setattr(module, name, _breaking(current))
