"""Text copied out of a PDF: a line break at every printed line, the page header every page.

Such a copy shows itself by its line lengths: most long lines are as wide as the page's
text area. Lines that run to that width go on in the next line, as on the printed page;
a short line, a sentence end short of the width, or a heading or item that starts the next
line ends the paragraph. A short line repeated at page intervals is the running header.
"""

from __future__ import annotations

import itertools
from collections import Counter

from drafter import rx
from drafter.parse.metadata import is_title, normalize_date

#: Fewer long lines than this: too little to tell a page width.
_MIN_LINES = 15
_STARTS_BLOCK = rx.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,4}[）)]"
    r"|[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、](?!\d))"
)
_SENTENCE_END = ("。", "！", "？", "；", "：", ":")


def width(line: str) -> float:
    """Printed width in Chinese characters (Latin letters and digits count half)."""
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def page_width(lines: tuple[str, ...]) -> float | None:
    """The width most long lines share, when the text was wrapped at a page's width."""
    widths = [w for w in map(width, lines) if w >= 12]
    if len(widths) < _MIN_LINES:
        return None
    common, _ = Counter(round(w * 2) / 2 for w in widths).most_common(1)[0]
    near = sum(common - 1.5 <= w <= common + 0.5 for w in widths)
    return common if near >= 0.45 * len(widths) else None


def rewrap(lines: tuple[str, ...]) -> tuple[str, ...] | None:
    """The paragraphs of a hard-wrapped text, or None when the text is not wrapped so."""
    full = page_width(lines)
    if full is None:
        return None
    out: list[str] = []
    previous = ""
    for line in lines:
        if out and _continues(previous, line, full):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        previous = line
    return tuple(out) if len(out) < len(lines) else None


def _continues(prev: str, line: str, full: float) -> bool:
    if _STARTS_BLOCK.match(line) or is_title(prev) or normalize_date(line):
        return False
    room = 0.5 if prev.endswith(_SENTENCE_END) else 3.0
    return width(prev) >= full - room


def _join(left: str, right: str) -> str:
    a, b = left[-1:], right[:1]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return f"{left} {right}"
    return left + right


def running_lines(lines: tuple[str, ...]) -> set[str]:
    """Short lines that recur at page intervals (a running header or footer)."""
    places: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if len(line) <= 40:
            places.setdefault(line, []).append(i)
    running = set()
    for line, at in places.items():
        if len(at) < 3 or _STARTS_BLOCK.match(line):
            continue
        gaps = [b - a for a, b in itertools.pairwise(at)]
        if min(gaps) >= 8:
            running.add(line)
    return running
