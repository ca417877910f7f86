"""F9 in compose: how this office wrote the current item in its earlier plans."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from drafter.tui.widgets.similar import SimilarPanel
from tests.test_tui_support import compose, new_app, settle


def test_f9_switches_the_similar_panel_to_the_offices_earlier_years(home: Path) -> None:
    """On a 2027 draft of 涪陵, F9 lists 涪陵's own 2022 item, marked as its own; F9 again
    goes back to other regions' wording."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await compose(pilot, app)
            await pilot.press("down", "down", "down")  # down ×3: to （四） 干部人才队伍建设
            await pilot.press("f9")  # F9: this office's earlier years
            await settle(app, pilot)
            panel = screen.query_one(SimilarPanel)
            assert panel.same_issuer
            assert panel.hits and all(h.own and h.issuer == "重庆市涪陵区民政局" for h in panel.hits)
            assert [h.year for h in panel.hits] == [2022]
            assert panel.hits[0].heading.startswith("加强民政干部人才队伍建设")
            hint = str(screen.query_one("#similar-hint", Static).render())
            assert "本单位往年写法" in hint
            await pilot.press("f9")  # F9: back to other regions
            await settle(app, pilot)
            assert not panel.same_issuer
            assert panel.hits and any(h.issuer != "重庆市涪陵区民政局" for h in panel.hits)

    asyncio.run(run())
