"""Breaking a long title into lines the way GB/T 9704 asks: at word boundaries, never inside
《》 or an office's name, lines of similar length in a 梯形 (trapezoid) or 菱形 (diamond).

Word processors break a centred title wherever the line is full (``…民政工`` / ``作要点》的通知``);
drafter chooses the breaks itself and writes them as explicit line breaks.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from drafter import rx
from drafter.export.layout import add_paragraph, text_width_chars
from drafter.export.profile import Profile

#: Characters a line may not start with.
NO_LINE_START = set("，。、；：？！）》」』”’…—·%％")
#: Characters a line may not end with.
NO_LINE_END = set("（《「『“‘")
_BOOK_TITLE = rx.compile(r"《[^《》]*》")
#: Most lines a title is broken into.
MAX_LINES = 4


def chars_per_line(profile: Profile) -> int:
    """How many title characters fit on one line of the text area."""
    return int(profile.page.text_width_mm / 25.4 * 72 / profile.sizes.title)


def protected_spans(text: str, names: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) ranges a line break may not fall inside: 《…》 and each name given."""
    out = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
    for name in names:
        if len(name) < 2:
            continue
        start = text.find(name)
        while start >= 0:
            out.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return out


def word_boundaries(text: str) -> list[int]:
    """Offsets between two words of ``text`` (jieba with the 民政 dictionary)."""
    from drafter.match.tokenize import spans

    return sorted({end for _, end, _ in spans(text)} - {0, len(text)})


def break_title(text: str, per_line: int, names: Sequence[str] = ()) -> list[str]:
    """``text`` as title lines of at most ``per_line`` characters (ASCII counts half).

    Breaks fall between words, never inside 《》 or a name, never before punctuation that may
    not start a line; among the possible layouts the one with the fewest lines, then the
    most even lines in a 梯形 or 菱形 outline (no 沙漏, a short line between longer ones),
    wins. A title whose words cannot fit keeps what fits and breaks inside a word only there.
    """
    if text_width_chars(text) <= per_line:
        return [text]
    inside = protected_spans(text, names)
    allowed = [
        b for b in word_boundaries(text)
        if text[b] not in NO_LINE_START and text[b - 1] not in NO_LINE_END
    ]  # fmt: skip
    free = [b for b in allowed if not any(s < b < e for s, e in inside)]
    for candidates in (free, allowed):
        best = _best_layout(text, candidates, per_line)
        if best is not None:
            return best
    return _by_width(text, per_line)


def _best_layout(text: str, candidates: list[int], per_line: int) -> list[str] | None:
    """The best layout that breaks only at ``candidates``, or None when none fits."""
    total = text_width_chars(text)
    fewest = max(2, math.ceil(total / per_line))
    for count in range(fewest, MAX_LINES + 1):
        best: tuple[float, list[str]] | None = None
        for breaks in itertools.combinations(candidates, count - 1):
            lines = [text[a:b] for a, b in itertools.pairwise((0, *breaks, len(text)))]
            widths = [text_width_chars(line) for line in lines]
            if max(widths) > per_line:
                continue
            cost = _shape_cost(widths)
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None:
            return best[1]
    return None


def _shape_cost(widths: list[float]) -> float:
    """How far lines of these widths are from an even 梯形 or 菱形 (lower is better)."""
    mean = sum(widths) / len(widths)
    spread = sum((w - mean) ** 2 for w in widths)
    # A line shorter than both its neighbours makes an hourglass.
    hourglass = sum(
        1 for a, b, c in zip(widths, widths[1:], widths[2:], strict=False) if b < a and b < c
    )
    return spread + 1000 * hourglass


def _by_width(text: str, per_line: int) -> list[str]:
    """Lines filled character by character (the last resort)."""
    lines, line = [], ""
    for ch in text:
        if text_width_chars(line + ch) > per_line:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def add_title(
    doc: Document,
    profile: Profile,
    text: str,
    *,
    names: Sequence[str] = (),
    page_break_before: bool = False,
) -> Paragraph:
    """A title paragraph, its lines separated by explicit line breaks."""
    lines = break_title(text, chars_per_line(profile), names)
    para = add_paragraph(doc, profile, "title", [(line, "body") for line in lines],
                         page_break_before=page_break_before)  # fmt: skip
    runs = para._p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")
    for run in runs[:-1]:
        run.append(OxmlElement("w:br"))
    return para
