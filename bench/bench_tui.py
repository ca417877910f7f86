"""Speed of the drafting app: start-up to first paint, and keystroke-to-update in the editor.

    python bench/bench_tui.py [--runs 5] [--keys 60]

Figures (medians): a fresh ``drafter`` process from launch to the library screen's first
paint (headless, 120×40), then to the library being listed and to the similarity engine being
ready (both in the background); in the compose screen with the checks panel open, the time a
key press takes from arrival to the updated draft, outline row and re-checked findings (the
handler alone and the whole round trip through Textual); one autosave; one full check run.
Each run uses a fresh, empty user folder (cold caches) unless --warm is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTUP = textwrap.dedent(
    """
    import time, sys
    t0 = float(sys.argv[1])
    import asyncio
    from drafter.tui.app import make_app
    from drafter.tui.screens.library import LibraryScreen

    marks = {}
    mounted = LibraryScreen.on_mount

    def on_mount(self):
        mounted(self)
        self.call_after_refresh(lambda: marks.setdefault("paint", time.time() - t0))

    LibraryScreen.on_mount = on_mount

    async def main():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            while "paint" not in marks:
                await pilot.pause(0.005)
            while app.library is None:
                await pilot.pause(0.005)
            marks["library"] = time.time() - t0
            while app.matcher is None:
                await pilot.pause(0.01)
            marks["matcher"] = time.time() - t0
        print(marks["paint"], marks["library"], marks["matcher"], flush=True)

    asyncio.run(main())
    """
)


def startup(runs: int, warm: bool) -> list[tuple[float, float, float]]:
    """(first paint, library listed, matcher ready) seconds since launch, per run."""
    out = []
    with tempfile.TemporaryDirectory() as keep:
        for n in range(runs + 1):  # the first run only writes the bytecode cache
            home = keep if warm else tempfile.mkdtemp()
            # Bytecode cached (as an installed drafter has it) even where the shell turns it off.
            env = {**os.environ, "DRAFTER_HOME": home, "PYTHONPATH": str(ROOT),
                   "PYTHONPYCACHEPREFIX": str(Path(keep) / "pycache")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            t0 = time.time()
            result = subprocess.run([sys.executable, "-c", STARTUP, str(t0)], env=env,
                                    capture_output=True, text=True, check=True, cwd=ROOT)
            paint, library, matcher = (float(x) for x in result.stdout.split())
            if n:
                out.append((paint, library, matcher))
    return out


async def typing(keys: int) -> dict[str, float]:
    """Median milliseconds per key press in the editor with the checks panel open."""
    from textual.widgets import TextArea

    from drafter.tui.screens.compose import ComposeScreen
    from tests.test_tui_support import new_app, open_new_draft, settle

    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_draft(app, pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await settle(app, pilot)
        handler: list[float] = []
        original = screen.text_edited

        def timed(text: str) -> None:
            start = time.perf_counter()
            original(text)
            handler.append(time.perf_counter() - start)

        screen.text_edited = timed  # type: ignore[method-assign]
        screen.query_one("#editor", TextArea).focus()
        await pilot.press("home")
        round_trip = []
        for n in range(keys):
            start = time.perf_counter()
            await pilot.press("加" if n % 2 else "强")
            round_trip.append(time.perf_counter() - start)
        await settle(app, pilot)
        plan = screen.plan
        saves = []
        for _ in range(10):
            screen.saved_plan = None  # type: ignore[assignment]
            start = time.perf_counter()
            screen.save_now()
            saves.append(time.perf_counter() - start)
        from drafter.checks import run_checks

        checks = []
        for _ in range(5):
            start = time.perf_counter()
            run_checks(plan, year=plan.meta.year, base=screen.base)
            checks.append(time.perf_counter() - start)
    ms = 1000
    return {
        "handler": statistics.median(handler) * ms,
        "handler_max": max(handler) * ms,
        "round_trip": statistics.median(round_trip) * ms,
        "save": statistics.median(saves) * ms,
        "checks": statistics.median(checks) * ms,
    }


async def baseline(keys: int) -> float:
    """Median milliseconds per key press in a bare TextArea app (Textual's own floor)."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea("深入学习贯彻习近平新时代中国特色社会主义思想。" * 20, soft_wrap=True)

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(TextArea).focus()
        times = []
        for n in range(keys):
            start = time.perf_counter()
            await pilot.press("加" if n % 2 else "强")
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--warm", action="store_true", help="reuse one user folder (warm caches)")
    args = parser.parse_args()

    runs = startup(args.runs, args.warm)
    paint, library, matcher = (statistics.median(x) for x in zip(*runs, strict=True))
    kind = "warm" if args.warm else "cold"
    print(f"start-up ({kind} user folder, median of {args.runs} fresh processes):")
    print(f"  first paint (library screen)   {paint * 1000:7.0f} ms")
    print(f"  library listed                 {library * 1000:7.0f} ms")
    print(f"  similarity engine ready        {matcher * 1000:7.0f} ms  (background)")

    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        figures = asyncio.run(typing(args.keys))
    print(f"editor, checks panel open ({args.keys} key presses, 涪陵 2027 draft, 43 items):")
    print(f"  key handler (draft+outline+re-check)  {figures['handler']:6.2f} ms median, "
          f"{figures['handler_max']:.2f} ms max")
    print(f"  key press round trip (Textual)        {figures['round_trip']:6.2f} ms median")
    print(f"  same, bare TextArea app (floor)       {asyncio.run(baseline(args.keys)):6.2f} ms median")
    print(f"  autosave (TOML + fsync + rename)      {figures['save']:6.2f} ms median")
    print(f"  full check run (background, debounced) {figures['checks']:6.1f} ms median")


if __name__ == "__main__":
    main()
