"""The library screen: Delete hides a built-in or trashes a draft, u brings them back."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Select, Tree

from drafter.tui.screens.pick_trash import PickTrashDialog
from drafter.tui.screens.prompt import ConfirmDialog
from tests.test_tui_support import BASE_ID, new_app, notes, open_new_draft, settle


def _node(tree: Tree, kind: str, key: object):
    """The tree node whose data is (kind, key)."""
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        if node.data and node.data[:2] == (kind, key):
            return node
        stack.extend(node.children)
    return None


def test_delete_hides_a_builtin_and_u_shows_it_again(home: Path) -> None:
    """At 120×40: Delete on the 涪陵 plan asks (隐藏, it is built in); after 隐藏 it is gone from
    the tree and the new-draft picker; u lists it and Enter shows it again."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            tree = screen.query_one("#plans", Tree)
            tree.move_cursor(_node(tree, "plan", BASE_ID))
            await pilot.press("delete")  # Delete: hide it
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert "内置要点，不能删除" in dialog.question
            await pilot.click("#ok")  # 隐藏
            await settle(app, pilot)
            assert _node(tree, "plan", BASE_ID) is None
            assert any("已隐藏" in n for n in notes(app))
            await pilot.press("u")  # u: restore
            await pilot.pause()
            assert isinstance(app.screen, PickTrashDialog)
            await pilot.press("enter")  # Enter: the hidden plan
            await settle(app, pilot)
            assert _node(tree, "plan", BASE_ID) is not None

    asyncio.run(run())


def test_delete_trashes_a_draft_and_u_restores_it(home: Path) -> None:
    """A draft deleted from 我的草稿 leaves the list and comes back with u."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_new_draft(app, pilot)
            path = app.screen.draft_file.path
            await pilot.press("escape")  # Esc: back to the library
            await settle(app, pilot)
            tree = app.screen.query_one("#plans", Tree)
            tree.move_cursor(_node(tree, "draft", path))
            await pilot.press("delete")  # Delete: to the trash
            await pilot.pause()
            await pilot.click("#ok")  # 删除
            await settle(app, pilot)
            assert not path.exists() and _node(tree, "draft", path) is None
            await pilot.press("u")  # u: restore
            await pilot.pause()
            await pilot.press("enter")  # Enter: the draft
            await settle(app, pilot)
            assert path.is_file() and _node(tree, "draft", path) is not None

    asyncio.run(run())


def test_base_picker_has_no_question_marks_or_twins(home: Path, tmp_path: Path) -> None:
    """With a second copy of a plan imported, every label in the base picker differs and
    none shows ????."""
    async def run() -> None:
        from drafter.library import Library

        seed = next(p for p in (Path(__file__).parent / "fixtures" / "seeds").glob("*.txt")
                    if "涪陵" in p.read_text("utf-8")[:400])
        copy = tmp_path / "涪陵改.txt"
        copy.write_text(seed.read_text("utf-8") + "\n（二）补充一条。\n", "utf-8")
        Library.open().import_paths([copy])
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("n")  # n: new draft
            await pilot.pause()
            select = app.screen.query_one("#base", Select)
            labels = [str(prompt) for prompt, _ in select._options if _ is not Select.BLANK]
            assert len(labels) == len(set(labels))
            assert not any("????" in label for label in labels)

    asyncio.run(run())
