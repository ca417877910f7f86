"""Wide (CJK) characters are never split where one layer's edge crosses another's.

Textual's compositor cuts every screen line at the edges of all widgets on it and fills
each piece from the topmost widget there. A toast or a docked footer key lying over other
widgets is cut at *their* edges too, and a Chinese character straddling such a cut becomes
two spaces (``已撤销：用相似表述替  ``). Here a widget's line is only cut where the widget
painting it changes: the pieces one widget wins side by side stay one strip. Partial
updates then end each piece where it really ends, and a crop never ends inside a
character.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

_FILLED = Strip([], 0)
"""Marks a piece of a line painted by the strip stored at the start of its run."""


class WideSafeChopsUpdate(ChopsUpdate):
    """A partial update whose crops keep a wide character whole."""

    def render_segments(self, console: object) -> str:
        """Raw terminal data, as Textual writes it, with crops widened over a split glyph."""
        from rich.control import Control

        parts: list[str] = []
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    strip = _crop_whole(strip, min(end, x2) - x)
                parts.append(Control.move_to(x, y).segment.text)
                parts.append(strip.render(console))  # type: ignore[arg-type]
            if y != last_y:
                parts.append("\n")
        return "".join(parts)


class WideSafeCompositor(Compositor):
    """Cuts a widget's lines only where another widget takes over."""

    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(c[:-1]) for c in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first, last = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                edges = [c for c in cuts[y] if last >= c >= first]
                for start, end, inside in _free_runs(line, edges):
                    line[start] = strip.crop(start - render_x, end - render_x)
                    for cut in inside:
                        line[cut] = _FILLED
        return chops  # type: ignore[return-value]

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        ends = [
            [cut_end if strip is None else x + strip.cell_length
             for (x, strip), cut_end in zip(line.items(), cut_set[1:], strict=False)]
            for line, cut_set in zip(update.chops, self.cuts, strict=False)
        ]
        return WideSafeChopsUpdate(update.chops, update.spans, ends)


def _free_runs(line: dict[int, Strip | None],
               edges: list[int]) -> list[tuple[int, int, list[int]]]:
    """(start, end, inner cuts) of each run of pieces between ``edges`` not yet painted."""
    runs: list[tuple[int, int, list[int]]] = []
    start: int | None = None
    inside: list[int] = []
    end = 0
    for a, b in itertools.pairwise(edges):
        if line.get(a) is None:
            if start is None:
                start, inside = a, []
            else:
                inside.append(a)
            end = b
        elif start is not None:
            runs.append((start, end, inside))
            start = None
    if start is not None:
        runs.append((start, end, inside))
    return runs


def _crop_whole(strip: Strip, width: int) -> Strip:
    """The first ``width`` cells of ``strip``, one more when a wide character starts at the
    last of them (so it is written whole, never as half a space)."""
    if 0 < width < strip.cell_length:
        edge = strip.crop(width - 1, width + 1).text
        if len(edge) == 1 and cell_len(edge) == 2:
            width += 1
    return strip.crop(0, width)


def install(screen: Screen) -> None:
    """Give ``screen`` the wide-safe compositor (before it is first shown)."""
    screen._compositor = WideSafeCompositor()

