"""The library screen: drafts in the tree, o, the new-draft dialog and the search, with Pilot."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Static, Tree

from drafter.draft import DraftFile, new_draft
from drafter.library import Library
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.library import LibraryScreen
from drafter.tui.screens.new_draft import NewDraftDialog, planning_year
from drafter.tui.screens.prompt import ConfirmDialog
from drafter.tui.search import SearchHit, dedupe
from tests.test_tui_support import BASE_ID, new_app, settle

OTHER_ID = "乌审旗民政局/2022"
"""A second built-in plan."""


def _preview(app) -> str:
    """The text in the library screen's preview pane."""
    return str(app.screen.query_one("#preview-text", Static).render())


def _two_drafts(home: Path) -> list[Path]:
    """Two 2027 drafts of the 涪陵 seed: same title, same base."""
    plan = new_draft(Library.open().get(BASE_ID), 2027)
    folder = home / "drafts"
    return [DraftFile.create(plan, folder).path, DraftFile.create(plan, folder).path]


async def _cursor_to(app, pilot, data: tuple) -> None:
    """Put the tree's cursor on the node holding ``data`` (as ↑/↓ would)."""
    tree = app.screen.query_one("#plans", Tree)
    tree.focus()
    stack = list(tree.root.children)
    while stack:
        node = stack.pop(0)
        if node.data == data:
            tree.move_cursor(node)
            await pilot.pause()
            return
        stack.extend(node.children)
    raise AssertionError(f"no node {data}")


def test_same_title_drafts_are_told_apart(home: Path) -> None:
    """Two drafts with one title show their file names and save times; the preview has facts."""
    paths = _two_drafts(home)

    async def run() -> None:
        app = new_app(warm_matcher=False, workspace=home / "drafts")
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one("#plans", Tree)
            drafts = [n for n in tree.root.children[0].children]
            labels = [str(n.label) for n in drafts]
            assert len(labels) == 2 and labels[0] != labels[1]
            for path in paths:
                assert sum(f" {path.stem} · " in label for label in labels) == 1
            await _cursor_to(app, pilot, ("draft", paths[0]))
            await pilot.pause()
            text = _preview(app)
            for fact in ("2027年全区民政工作要点", f"底稿：{BASE_ID}", "计划年度：2027年",
                         "条目：", "上次保存：", paths[0].name):
                assert fact in text

    asyncio.run(run())


def test_o_opens_a_draft_and_outlines_a_plan(home: Path) -> None:
    """o on a plan expands its outline and previews it; o on a draft opens the draft."""
    paths = _two_drafts(home)

    async def run() -> None:
        app = new_app(warm_matcher=False, workspace=home / "drafts")
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            await _cursor_to(app, pilot, ("plan", BASE_ID))
            await pilot.press("o")  # o: open the plan's outline
            await pilot.pause()
            node = app.screen.query_one("#plans", Tree).cursor_node
            assert node is not None and node.is_expanded and node.children
            assert isinstance(app.screen, LibraryScreen)
            assert "2022年全区民政工作要点" in _preview(app)
            await _cursor_to(app, pilot, ("draft", paths[1]))
            await pilot.press("o")  # o: open the draft
            await settle(app, pilot)
            assert isinstance(app.screen, ComposeScreen)
            assert app.screen.draft_file.path == paths[1]

    asyncio.run(run())


@pytest.mark.parametrize("today, year", [
    (dt.date(2026, 1, 10), 2026),   # early in the year: this year's plan is still being written
    (dt.date(2026, 8, 31), 2026),
    (dt.date(2026, 9, 1), 2027),    # from September: next year's plan
    (dt.date(2026, 12, 31), 2027),
])
def test_planning_year(today: dt.date, year: int) -> None:
    """The year a plan is written for depends on the month."""
    assert planning_year(today) == year


def test_new_draft_dialog_defaults_and_warns(home: Path) -> None:
    """n on a plan: that plan is preselected, the year is the planning year at least and the
    dialog says why; a second draft for the same base and year is only created after the
    writer confirms (nothing is written before)."""
    _two_drafts(home)
    expected = max(2023, planning_year(dt.date.today()))

    async def run() -> None:
        app = new_app(warm_matcher=False, workspace=home / "drafts")
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            await _cursor_to(app, pilot, ("plan", OTHER_ID))
            await pilot.press("n")  # n: new draft from the highlighted plan
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewDraftDialog)
            assert dialog.query_one("#base", Select).value == OTHER_ID
            assert dialog.query_one("#year", Input).value == str(expected)
            dialog.query_one("#base", Select).value = BASE_ID
            await pilot.pause()
            hint = str(dialog.query_one("#year-hint", Static).render())
            assert "建议" in hint and ("明年" in hint or "今年" in hint or "下一年" in hint)
            dialog.query_one("#year", Input).value = "2027"
            await pilot.click("#ok")  # 新建
            await settle(app, pilot)
            question = app.screen
            assert isinstance(question, ConfirmDialog)
            assert "已有以同一底稿起草的 2027 年草稿" in question.question
            assert len(list((home / "drafts").glob("*.toml"))) == 2  # nothing created yet
            await pilot.click("#ok")  # 另建一份
            await settle(app, pilot)
            assert isinstance(app.screen, ComposeScreen)
            assert len(list((home / "drafts").glob("*.toml"))) == 3

    asyncio.run(run())


def test_search_keys_preview_and_empty(home: Path) -> None:
    """/ and typing, ↓ into the results, Enter previews; the source names the issuer once;
    a search without results says 没有找到."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")  # /: search
            await pilot.press(*"养老服务中心")
            await settle(app, pilot)
            results = app.screen.query_one("#results", OptionList)
            assert results.option_count > 0
            await pilot.press("down")  # ↓: from the box into the results
            assert app.screen.focused is results
            await pilot.press("down", "enter")  # ↓ then Enter: preview the second hit
            await pilot.pause()
            hit = app.screen.hits[1]
            text = _preview(app)
            assert hit.text.split("。")[0][:10] in text
            assert text.count(hit.issuer) == 1
            assert isinstance(app.screen, LibraryScreen)
            texts = ["".join(h.text.split()) for h in app.screen.hits]
            assert len(texts) == len(set(texts))
            await pilot.press("slash")  # /: back to the box
            app.screen.query_one("#search", Input).value = "量子纠缠超导体"
            await settle(app, pilot)
            assert results.option_count == 0
            assert "没有找到" in _preview(app)

    asyncio.run(run())


def test_dedupe_keeps_the_newest() -> None:
    """Identical texts from two years of one region collapse into the newer, at the best rank."""
    def hit(item_id: str, year: int, text: str) -> SearchHit:
        return SearchHit(item_id=item_id, plan_id=item_id.split("#")[0], title="", year=year,
                         issuer="某区民政局", heading="", text=text)

    hits = [hit("某区民政局/2022#1.1", 2022, "提高低保标准。"),
            hit("某区民政局/2023#2.1", 2023, "完善社会救助。"),
            hit("某区民政局/2023#1.1", 2023, "提高低保 标准。")]
    assert [h.item_id for h in dedupe(hits)] == ["某区民政局/2023#1.1", "某区民政局/2023#2.1"]


def test_page_keys_move_a_page_at_once(home: Path) -> None:
    """PgDn/PgUp in the library tree move the cursor a page and show it there straight away,
    as ↑/↓ do (no gliding scroll to wait for in a long list)."""

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(100, 12)) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one("#plans", Tree)
            tree.focus()
            tree.cursor_line = 0
            await pilot.pause()
            page = tree.scrollable_content_region.height - 1
            assert tree.last_line > 2 * page
            for _ in range(2):
                tree.action_page_down()
                assert not app.animator.is_being_animated(tree, "scroll_y")
            assert tree.cursor_line == 2 * page
            await pilot.pause()
            assert 0 < tree.scroll_y <= tree.cursor_line <= tree.scroll_y + page
            for _ in range(2):
                tree.action_page_up()
                assert not app.animator.is_being_animated(tree, "scroll_y")
            assert tree.cursor_line == 0
            await pilot.pause()
            assert tree.scroll_y == 0

    asyncio.run(run())
