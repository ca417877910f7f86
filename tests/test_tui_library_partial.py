"""The library tree marks a partial plan (title and preamble only) as such."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Tree

from drafter.library import Library
from tests.test_tui_support import new_app, settle

PARTIAL = Path(__file__).parent / "fixtures" / "real" / "partial_after_preamble.txt"


def _labels(tree: Tree) -> list[str]:
    out, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        out.append(str(node.label))
        stack.extend(node.children)
    return out


def test_partial_plan_labelled_in_tree(home: Path) -> None:
    """An imported partial copy shows （不完整） after its title; complete plans do not."""
    report = Library.open().import_paths([PARTIAL])
    assert report.count("added") == 1

    async def run() -> None:
        app = new_app(warm_matcher=False, workspace=home / "drafts")
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            labels = _labels(app.screen.query_one("#plans", Tree))
            marked = [label for label in labels if "（不完整）" in label]
            assert len(marked) == 1 and "2022年全区民政工作要点" in marked[0]
            assert any("2022年全旗民政工作要点" in label for label in labels)

    asyncio.run(run())
