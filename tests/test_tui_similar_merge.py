"""ctrl+g merges only the phrases listed under 新增表述; stale wording is flagged and left out."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import OptionList

from drafter.draft.edit import item_text
from drafter.draft.merge import borrowable, merge_phrases, place_names
from drafter.tui.widgets.similar import SimilarPanel
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle


def test_place_names_of_issuers() -> None:
    """Full and short forms of the places an issuer names."""
    assert {"重庆市涪陵区", "涪陵区", "涪陵", "重庆"} <= place_names("重庆市涪陵区民政局")
    assert {"乌审旗", "乌审"} <= place_names("乌审旗民政局")
    assert {"汉南区", "汉南"} <= place_names("武汉经开区（汉南区）民政局")
    assert "民政" not in place_names("湘西州民政局")


def test_borrowable_leaves_out_said_and_foreign_phrases() -> None:
    """A phrase the item already says, or one naming the other region, is not borrowed."""
    current = "健全养老服务体系，推进居家养老。"
    phrases = ["推进居家养老", "打造湘西特色养老品牌", "建设老年助餐点"]
    assert borrowable(phrases, current, {"湘西"}) == ["建设老年助餐点"]
    assert merge_phrases(current, ["建设老年助餐点"]) == current + "建设老年助餐点。"


def test_ctrl_g_adds_the_listed_phrases_not_the_whole_item(home: Path) -> None:
    """At 120×40 on the 涪陵 risk item: hits with COVID wording carry a 过时提法 flag; ctrl+g
    on a hit adds only its 新增表述 phrases (not its heading, no other region's place
    names, no stale wording)."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            ref = next((si, ii) for si, s in enumerate(screen.plan.sections)
                       for ii, it in enumerate(s.items) if "防范化解" in it.heading)
            await pilot.press("f8")  # F8: the similar panel
            screen.cursor = ref
            screen._load_editor()
            screen._run_similar()
            await settle(app, pilot)
            panel = screen.query_one(SimilarPanel)
            assert panel.hits
            flagged = [i for i, s in enumerate(panel.shown) if s.stale]
            assert flagged, "the seeds' COVID items should be among the hits"
            for i in flagged:
                assert "过时提法" in panel.shown[i].text.plain
            listing = panel.query_one("#similar-list", OptionList)
            clean = next(i for i in range(len(panel.hits)) if i not in flagged)
            chosen = [(panel.hits[i], panel.shown[i]) for i in (flagged[0], clean)]
            for hit, shown in chosen:
                await settle(app, pilot)  # the lookup after the previous merge is done
                listing.highlighted = next(
                    i for i, h in enumerate(panel.hits) if h.item_id == hit.item_id)
                await pilot.pause()
                shown = panel.selected_shown()
                before = item_text(screen.plan.sections[ref[0]].items[ref[1]])
                await pilot.press("ctrl+g")  # ctrl+g: merge the new phrases
                await pilot.pause()
                after = item_text(screen.plan.sections[ref[0]].items[ref[1]])
                added = after[len(before):] if after.startswith(before) else after
                assert hit.heading.strip("。") not in added
                foreign = place_names(hit.issuer) - place_names(screen.plan.meta.issuer)
                assert not any(p in added for p in foreign)
                assert not any(s in added for s in shown.stale)
                if not shown.stale:
                    assert added, "a hit without stale wording has phrases to merge"
                pieces = [p for p in added.strip("。").split("，") if p]
                assert all(any(p in a for a in shown.added) for p in pieces)

    asyncio.run(run())
