"""Plain text for the terminal: aligned tables and colours.

The commands that print a plan, the catalogue or a check report print plain lines: loading
rich's console and laying out its tables took a quarter of such a command's time, and plain
lines are not cut at 80 columns when piped. Only rich's cell widths are used (a Chinese
character takes two cells, a combining mark none). Colours are added only on a terminal
(see :func:`drafter.cli.common.wants_colour`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size

STYLES = {"error": "1;31", "warning": "33", "info": "36", "bold": "1", "dim": "2",
          "green": "32", "heading": "1;36"}
"""ANSI codes of the styles the commands use."""
WIDEST = 36
"""Cells a table column is padded to at most; a longer cell pushes the rest of its row along."""

Paint = Callable[[str, str], str]
"""Styles a text with one of :data:`STYLES` (or leaves it plain)."""


def painter(colour: bool) -> Paint:
    """Terminal colours, or none."""
    if not colour:
        return lambda text, _style: text
    return lambda text, style: f"\x1b[{STYLES[style]}m{text}\x1b[0m" if text else text


PLAIN = painter(False)


def cells(text: str) -> int:
    """Terminal cells of a text."""
    return cell_len(text)


def clip(text: str, width: int) -> str:
    """The text cut to at most ``width`` cells, ending in "…" when cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A titled table: columns padded to their widest cell (at most :data:`WIDEST`), a rule
    under the header, two spaces between columns."""
    widths = [min(WIDEST, max(cells(r[k]) for r in (header, *rows))) for k in range(len(header))]

    def line(row: Sequence[str]) -> str:
        padded = [cell + " " * max(0, width - cells(cell))
                  for cell, width in zip(row[:-1], widths, strict=False)]
        return "  ".join([*padded, row[-1]]).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([title, line(header), rule, *map(line, rows)])
