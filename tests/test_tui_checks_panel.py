"""The checks panel reads at a glance: grouped by severity in words, kept targets folded,
filter keys, and Enter selects the flagged words in the editor."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import OptionList, TextArea

from drafter.tui.widgets.checks import FOLD_ID
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle


def _rows(listing: OptionList) -> list[tuple[str, str, bool]]:
    """(id, text, disabled) of every row."""
    out = []
    for i in range(listing.option_count):
        option = listing.get_option_at_index(i)
        out.append((option.id or "", str(option.prompt), option.disabled))
    return out


def test_checks_panel_groups_folds_filters_and_selects(home: Path) -> None:
    """At 120×40 on a fresh 2027 draft of the 涪陵 plan."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await settle(app, pilot)
            findings = screen.live.findings(screen.plan)
            kept = [f for f in findings if f.code == "target-kept"]
            assert len(kept) > 5  # most of the targets are carried over unchanged
            await pilot.press("f7")  # F7: into the findings
            listing = screen.query_one("#findings", OptionList)
            rows = _rows(listing)
            headings = [text for _, text, disabled in rows if disabled]
            assert [h.split()[0] for h in headings] == ["错误", "提醒", "提示"]
            # The kept targets are one line, not a row each.
            listed = {int(i) for i, _, _ in rows if i.isdigit()}
            assert not any(findings[i].code == "target-kept" for i in listed)
            fold = next(text for i, text, _ in rows if i == FOLD_ID)
            assert f"与上年相同的指标 {len(kept)} 项" in fold
            assert len(rows) < len(findings)
            # 1: errors only.
            await pilot.press("1")
            errors = _rows(listing)
            assert [t.split()[0] for _, t, d in errors if d] == ["错误"]
            assert all(findings[int(i)].severity == "error" for i, _, _ in errors if i.isdigit())
            await pilot.press("0")  # 0: everything again
            # Enter on the fold opens it.
            listing.highlighted = listing.get_option_index(FOLD_ID)
            await pilot.press("enter")
            await pilot.pause()
            opened = {int(i) for i, _, _ in _rows(listing) if i.isdigit()}
            assert any(findings[i].code == "target-kept" for i in opened)
            # Enter on a stale wording finding selects those words in the editor.
            stale = next(i for i, f in enumerate(findings)
                         if f.code == "stale-term" and f.evidence and f.item_id)
            listing.highlighted = listing.get_option_index(str(stale))
            await pilot.press("enter")  # Enter: jump to the flagged words
            await pilot.pause()
            editor = screen.query_one("#editor", TextArea)
            assert editor.has_focus
            assert editor.selected_text == findings[stale].evidence

    asyncio.run(run())
