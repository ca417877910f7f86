"""Chinese line breaking on screen, and titles that end in "…" at 80×24."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest
from rich._wrap import divide_line
from textual._wrap import compute_wrap_offsets
from textual.widgets import TextArea, Tree

from drafter.tui.linebreak import NO_LINE_END, NO_LINE_START, _breaking
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle


def _lines(text: str, offsets: list[int]) -> list[str]:
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


@pytest.mark.parametrize("wrapper", [compute_wrap_offsets, divide_line])
@pytest.mark.parametrize("width", [14, 20, 26, 28, 37])
def test_no_line_starts_with_closing_punctuation(seed_plans, wrapper, width) -> None:
    """Every item of a seed, wrapped at several widths: no line starts with ，。、 or ends
    with （“, no figure like 6.3% is split, and no line is wider than the width."""
    from rich.cells import cell_len

    wrap = _breaking(wrapper)
    texts = [it.text for plan in seed_plans[:2] for s in plan.sections for it in s.items]
    texts.append("全年城乡低保标准增长6.3%以上，特困人员基本生活标准不低于当地低保标准的1.3倍。")
    for text in texts:
        args = (width, 4) if wrapper is compute_wrap_offsets else (width,)
        lines = _lines(text, wrap(text, *args))
        for before, line in itertools.pairwise(lines):
            assert line[0] not in NO_LINE_START, (before, line)
            assert before[-1] not in NO_LINE_END, (before, line)
            assert not (before[-1] in "0123456789." and line[0] in "0123456789.%"), (before, line)
        assert all(cell_len(line.rstrip()) <= width for line in lines)


def test_editor_and_library_at_80x24(home: Path) -> None:
    """At 80×24 the editor never starts a line with ，。、; library titles too long for the
    tree end in "…"."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one("#plans", Tree)
            labels = [tree.render_label(n, tree.rich_style, tree.rich_style).plain
                      for n in tree.root.children for n in n.children]
            assert labels and all(label.endswith("…") for label in labels)
            screen = await _compose(pilot, app)
            editor = screen.query_one("#editor", TextArea)
            rows = [line for i in range(editor.document.line_count)
                    for line in editor.wrapped_document.get_sections(i)]
            assert len(rows) > 3
            assert not any(row[:1] in NO_LINE_START for row in rows[1:] if row)

    asyncio.run(run())
