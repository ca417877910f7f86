"""The review queue in the app: import a reviewed file, decide, quit, reopen."""

from __future__ import annotations

import asyncio
from pathlib import Path

from review_wps import WpsDoc, unique
from textual.widgets import Input, OptionList

from drafter.draft import DraftFile
from drafter.review import model as M
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.review import ReviewScreen
from tests.test_tui_support import compose, new_app, settle


def _reviewed(plan, path: Path) -> Path:
    """A reviewer's file: three tracked edits by two people and one comment."""
    s0, s1 = plan.sections[0], plan.sections[1]
    doc = WpsDoc(plan)
    doc.insert(s0.items[0].heading, "（重点）", "张局长", "2024-03-05T09:00:00")
    doc.replace(unique(plan, s0.items[1].heading, 4), "切实", "李副局长", "2024-03-05T09:05:00")
    doc.comment(s1.items[0].heading, "请补充今年的目标数据", "李副局长", "2024-03-05T09:10:00")
    doc.insert(s1.items[1].heading, "（新）", "张局长", "2024-03-05T09:20:00")
    return doc.save(path)


def test_review_round_survives_quit_and_reopen(home: Path, tmp_path: Path) -> None:
    asyncio.run(_walk_a_round(tmp_path))


async def _walk_a_round(tmp_path: Path) -> None:
    """Import, accept two, reject one, resolve a comment with a reply, undo and redo one
    decision; after quitting and reopening the draft the decisions and text are still there."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compose(pilot, app)
        plan = screen.plan
        original = [it.text for it in plan.sections[0].items[:2]]
        heading0 = plan.sections[0].items[0].heading
        reviewed = _reviewed(plan, tmp_path / "审阅稿.docx")
        await pilot.press("f5")  # F5: the review queue
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("i")  # i: import a reviewed file
        await pilot.pause()
        app.screen.query_one(Input).value = str(reviewed)
        await pilot.press("enter")  # confirm the path
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        r = review.round
        assert r is not None and [p.kind for p in r.proposals] == [
            "insert", "replace", "comment", "insert"]
        assert review.query_one(OptionList).option_count == 4
        assert screen.plan.sections[0].items[0].text == original[0]  # nothing applied yet
        await pilot.press("a")  # a: accept 1.1
        await pilot.press("a")  # a: accept 1.2
        await pilot.pause()
        assert screen.plan.sections[0].items[0].text == heading0 + "（重点）" + original[0][len(heading0):]
        await pilot.press("ctrl+z")  # undo the second decision
        await pilot.pause()
        assert review.round.find("1.2").pending
        await pilot.press("ctrl+y")  # redo it
        await pilot.pause()
        assert review.round.find("1.2").decision == M.ACCEPTED
        await pilot.press("c")  # c: resolve the comment (highlight moved to 1.3)
        await pilot.pause()
        app.screen.query_one(Input).value = "已补充"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")  # r: reject 1.4
        await pilot.pause()
        decisions = [p.decision for p in review.round.proposals]
        assert decisions == [M.ACCEPTED, M.ACCEPTED, M.RESOLVED, M.REJECTED]
        await pilot.press("up")  # highlight the comment (1.3)
        await pilot.press("g")  # g: back to the draft, at the commented item
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen)
        assert screen.cursor == (1, 0)
        path = screen.draft_file.path
        await app.action_quit()
    _, reopened = DraftFile.open(path)
    r = reopened.rounds[0]
    assert [p.decision for p in r.proposals] == decisions
    assert r.find("1.3").reply == "已补充"
    assert reopened.sections[0].items[0].text == heading0 + "（重点）" + original[0][len(heading0):]
    assert reopened.sections[0].items[1].heading == original[1].split("。")[0].replace(
        unique(plan, original[1].split("。")[0] + "。", 4), "切实", 1) + "。"
    assert "（新）" not in reopened.sections[1].items[1].text
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        from drafter.tui.screens.compose import ComposeScreen as Compose

        again = Compose(reopened, DraftFile.open(path)[0])
        app.push_screen(again)
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 4
        assert app.screen.round.pending == 0


def test_review_reports_a_file_of_another_plan(home: Path, tmp_path: Path, seed_plans) -> None:
    asyncio.run(_another_plan(tmp_path, seed_plans))


async def _another_plan(tmp_path: Path, seed_plans) -> None:
    """A file of another plan: one Chinese sentence, and the draft gets no round."""
    other = WpsDoc(seed_plans[1])
    other.insert(seed_plans[1].sections[0].items[0].heading, "（改）", "局长", "2024-03-05T09:00:00")
    path = other.save(tmp_path / "别的.docx")
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compose(pilot, app)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not screen.plan.rounds
        assert any("不符" in n.message for n in app._notifications)


async def _queue_shown(pilot) -> None:
    """A draft with a review round imported (fixed dates), then F5."""
    from drafter.review.rounds import import_round
    from tests.test_tui_support import open_new_draft

    app = pilot.app
    await open_new_draft(app, pilot)
    screen = app.screen
    path = _reviewed(screen.plan, Path(screen.draft_file.path).with_suffix(".docx"))
    plan, _ = import_round(screen.plan, path, when="2024-03-06T08:00:00Z")
    screen.commit(plan, "导入审阅稿")
    await pilot.press("f5")  # F5: the review queue
    await settle(app, pilot)
    await pilot.press("down")  # highlight the second entry
    await pilot.pause()


def test_review_queue_snapshot(home: Path, snap_compare) -> None:
    """The queue: one line per change and comment with item, reviewer, date and words."""
    assert snap_compare(new_app(), terminal_size=(120, 40), run_before=_queue_shown)
