"""Speed of the drafting app: start-up to first paint, and keystroke-to-update in the editor.

    python bench/bench_tui.py [--runs 5] [--keys 60]

Figures (medians): a fresh ``drafter`` process from launch to the library screen's first
paint (headless, 120×40), then to the library being listed and to the similarity engine being
ready (both in the background); in the compose screen with the checks panel open, the time a
key press takes from arrival to the updated draft, outline row and re-checked findings (the
handler alone and the whole round trip through Textual), and the time our code takes on the
UI thread when a background check run or similar-wording look-up lands; one autosave; one full
check run; the library screen on a library of 10,000 synthetic plans (kept under bench/out,
its catalogue cached): launch to the tree drawn, moving, unfolding and paging through it, and
moving the focus to the search box and back (the key bar changes with it).
A bare Textual app gives the floor of each, and what our part of the first paint is spent on
(our imports over the bare app's, largest first). Start-up runs use a fresh, empty user folder
(cold caches) unless --warm is given.
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
from typing import Any

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

#: The same first paint for a bare Textual app with the library screen's widgets: the floor.
BARE = textwrap.dedent(
    """
    import time, sys
    t0 = float(sys.argv[1])
    import asyncio
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static, Tree

    marks = {}

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield Tree("x")
            yield Static("y")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(lambda: marks.setdefault("paint", time.time() - t0))

    async def main():
        async with Bare().run_test(size=(120, 40)) as pilot:
            while "paint" not in marks:
                await pilot.pause(0.005)
        print(marks["paint"], 0, 0, flush=True)

    asyncio.run(main())
    """
)


#: What the app imports before its first paint, against what the bare app above imports.
IMPORTS = ("import drafter.tui.app, drafter.tui.screens.library",
           "from textual.app import App; from textual.widgets import Footer, Header, Input, Static, Tree")


def own_imports(top: int = 5) -> tuple[float, list[tuple[str, float]]]:
    """Milliseconds of imports (``-X importtime``, self times) the app adds over the bare app
    before its first paint, and the largest of them: where our part of the first paint goes."""

    def self_times(code: str) -> dict[str, float]:
        for _ in range(2):  # the first run writes the bytecode cache
            result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env,
                                    capture_output=True, text=True, check=True, cwd=ROOT)
        times = {}
        for line in result.stderr.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, _total, name = line.removeprefix("import time:").split("|")
                times[name.strip()] = int(own) / 1000
        return times

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours, bare = self_times(IMPORTS[0]), self_times(IMPORTS[1])
    extra = {name: ms for name, ms in ours.items() if name not in bare}
    return sum(extra.values()), sorted(extra.items(), key=lambda kv: -kv[1])[:top]


def startup(runs: int, warm: bool) -> tuple[list[tuple[float, float, float]], list[float]]:
    """(first paint, library listed, matcher ready) seconds since launch per run, and the bare
    Textual app's first paint in the same rounds."""
    out, bare = [], []
    with tempfile.TemporaryDirectory() as keep:
        for n in range(runs + 1):  # the first round only writes the bytecode cache
            home = keep if warm else tempfile.mkdtemp()
            # Bytecode cached (as an installed drafter has it) even where the shell turns it off.
            env = {**os.environ, "DRAFTER_HOME": home, "PYTHONPATH": str(ROOT),
                   "PYTHONPYCACHEPREFIX": str(Path(keep) / "pycache")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            for script, into in ((BARE, bare), (STARTUP, out)):
                t0 = time.time()
                result = subprocess.run([sys.executable, "-c", script, str(t0)], env=env,
                                        capture_output=True, text=True, check=True, cwd=ROOT)
                paint, library, matcher = (float(x) for x in result.stdout.split())
                if n:
                    into.append((paint, library, matcher) if script is STARTUP else paint)
    return out, bare  # type: ignore[return-value]


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
        # Textual finds handlers on the class: time them where they are defined.
        from drafter.tui.screens.compose_panels import ComposePanels

        landed: list[float] = []

        def timed_handler(original: Any) -> Any:
            def wrap(self: object, message: object) -> None:
                start = time.perf_counter()
                original(self, message)
                landed.append(time.perf_counter() - start)

            return wrap

        for name in ("on_checks_done", "on_similar_done"):
            setattr(ComposePanels, name, timed_handler(getattr(ComposePanels, name)))
        screen.query_one("#editor", TextArea).focus()
        await pilot.press("home")
        round_trip = []
        for n in range(keys):
            start = time.perf_counter()
            await pilot.press("加" if n % 2 else "强")
            round_trip.append(time.perf_counter() - start)
            if n % 10 == 9:
                await settle(app, pilot)  # the debounced checks and similar wording land
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
        "landed": statistics.median(landed) * ms if landed else 0.0,
        "landed_max": max(landed) * ms if landed else 0.0,
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


def scale_library(n: int) -> Path:
    """A user library of ``n`` synthetic plans under bench/out, written once and kept, with its
    catalogue cache warm (the first open reads every file; that time is printed)."""
    from bench.synth import synthetic_plans
    from drafter.library import Library
    from drafter.library.store import dumps

    folder = ROOT / "bench" / "out" / f"library-{n}"
    done = folder / ".complete"
    if not done.exists():
        for k, plan in enumerate(synthetic_plans(n, seed=7)):
            path = folder / f"{k // 1000:02d}" / f"{k:05d}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dumps(plan), encoding="utf-8")
        done.touch()
    start = time.perf_counter()
    count = len(Library.open(folder).summaries())
    elapsed = time.perf_counter() - start
    if elapsed > 5:
        print(f"  (catalogue of {count} plans read from their files once: {elapsed:.0f} s)")
    return folder


async def library_screen(folder: Path, keys: int) -> dict[str, float]:
    """The library screen on a large library: from the app starting to the tree drawn (the
    catalogue from its cache, in the background), then moving down and paging through it."""
    from textual.widgets import Tree

    from drafter.tui.app import make_app
    from drafter.tui.screens.library import LibraryScreen

    marks: dict[str, float] = {}
    fill = LibraryScreen._fill_tree

    def timed_fill(self: LibraryScreen, library: object) -> None:
        begin = time.perf_counter()
        fill(self, library)
        if library is not None:
            marks["fill"] = time.perf_counter() - begin
            self.call_after_refresh(lambda: marks.setdefault("drawn", time.perf_counter()))

    LibraryScreen._fill_tree = timed_fill  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = make_app(library_dir=folder, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            while "drawn" not in marks:
                await pilot.pause(0.005)
            opened = marks["drawn"] - start
            tree = app.screen.query_one("#plans", Tree)
            tree.focus()
            moves = []
            for n in range(keys):
                # down, then space unfolds the entry (index letter, region), then down into it
                key = ("down", "space", "down", "pagedown")[n % 4]
                begin = time.perf_counter()
                await pilot.press(key)
                moves.append(time.perf_counter() - begin)
            rows = tree.last_line + 1
            focus = []
            for n in range(max(keys // 4, 2)):
                # to the search box and back: the key bar changes with the focus
                begin = time.perf_counter()
                await pilot.press("/" if n % 2 == 0 else "escape")
                focus.append(time.perf_counter() - begin)
    finally:
        LibraryScreen._fill_tree = fill  # type: ignore[method-assign]
    ms = 1000
    return {"open": opened * ms, "fill": marks["fill"] * ms, "rows": rows,
            "move": statistics.median(moves) * ms, "move_max": max(moves) * ms,
            "focus": statistics.median(focus) * ms}


GOALS = {"paint": 350, "keystroke": 16, "library_open": 500}
"""Milliseconds: first paint, our own code per keystroke, the 10,000-plan library screen."""


def measure(runs: int, keys: int, warm: bool, plans: int) -> dict[str, Any]:
    """Every figure of this benchmark, in milliseconds (medians unless named max)."""
    started, bare = startup(runs, warm)
    paint, library, matcher = (statistics.median(x) * 1000 for x in zip(*started, strict=True))
    out = {"paint": paint, "library": library, "matcher": matcher,
           "bare_paint": statistics.median(bare) * 1000}
    out["own_imports"], top = own_imports()
    out["top_imports"] = ", ".join(f"{name} {ms:.1f}" for name, ms in top)  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        out.update(asyncio.run(typing(keys)))
        out["floor"] = asyncio.run(baseline(keys))
        small = asyncio.run(library_screen(Path(home) / "empty", keys))
    os.environ["DRAFTER_HOME"] = str(ROOT / "bench" / "out" / f"home-{plans}")
    folder = scale_library(plans)
    large = asyncio.run(library_screen(folder, keys))
    out.update({f"large_{k}": v for k, v in large.items()})
    out.update({f"small_{k}": v for k, v in small.items()})
    out["plans"] = plans
    return out


def report(f: dict[str, Any], runs: int, keys: int, warm: bool) -> None:
    """The figures as lines of text."""
    kind = "warm" if warm else "cold"
    print(f"start-up ({kind} user folder, median of {runs} fresh processes):")
    print(f"  first paint (library screen)   {f['paint']:7.0f} ms  (bare Textual app: "
          f"{f['bare_paint']:.0f} ms; ours over it: {f['paint'] - f['bare_paint']:+.0f} ms)")
    print(f"  our imports before it          {f['own_imports']:7.1f} ms  (largest, ms: "
          f"{f['top_imports']})")
    print(f"  library listed                 {f['library']:7.0f} ms")
    print(f"  similarity engine ready        {f['matcher']:7.0f} ms  (background)")
    print(f"editor, checks panel open ({keys} key presses, 涪陵 2027 draft, 43 items):")
    print(f"  key handler (draft+outline+re-check)  {f['handler']:6.2f} ms median, "
          f"{f['handler_max']:.2f} ms max")
    print(f"  checks / similar results landing      {f['landed']:6.2f} ms median, "
          f"{f['landed_max']:.2f} ms max")
    print(f"  key press round trip (Textual)        {f['round_trip']:6.2f} ms median")
    print(f"  same, bare TextArea app (floor)       {f['floor']:6.2f} ms median")
    print(f"  autosave (TOML + fsync + rename)      {f['save']:6.2f} ms median")
    print(f"  full check run (background, debounced) {f['checks']:6.1f} ms median")
    print(f"library screen, {f['plans']:.0f} plans (catalogue cached):")
    print(f"  open to tree drawn             {f['large_open']:7.0f} ms  (tree filled in "
          f"{f['large_fill']:.0f} ms; built-in library alone: {f['small_open']:.0f} ms)")
    print(f"  move / unfold / page           {f['large_move']:7.1f} ms median, "
          f"{f['large_move_max']:.0f} ms max (built-in library alone: {f['small_move']:.1f} ms)")
    print(f"  focus to search box and back   {f['large_focus']:7.1f} ms median a key "
          f"(built-in library alone: {f['small_focus']:.1f} ms)")


def figures(quick: bool = False) -> list[tuple[str, str, str]]:
    """Rows for bench/run.py's table."""
    f = measure(3 if quick else 5, 30 if quick else 60, False, 10_000)
    g = GOALS
    return [
        ("first paint, headless", f"{f['paint']:.0f} ms (bare Textual app {f['bare_paint']:.0f} ms, "
         f"ours {f['paint'] - f['bare_paint']:+.0f} ms)", f"≤ {g['paint']} ms"),
        ("  our imports before it", f"{f['own_imports']:.0f} ms: {f['top_imports']}", ""),
        ("keystroke: our handler", f"{f['handler']:.1f} ms median, {f['handler_max']:.1f} max",
         f"≤ {g['keystroke']} ms"),
        ("checks/similar landing", f"{f['landed']:.1f} ms median, {f['landed_max']:.1f} max",
         f"≤ {g['keystroke']} ms"),
        ("keystroke round trip", f"{f['round_trip']:.0f} ms (bare TextArea {f['floor']:.0f} ms)", ""),
        (f"library screen, {f['plans']:.0f} plans", f"{f['large_open']:.0f} ms to drawn "
         f"(5 plans: {f['small_open']:.0f} ms)", f"≤ {g['library_open']} ms"),
        ("  scrolling it", f"{f['large_move']:.0f} ms a key (5 plans: {f['small_move']:.0f} ms)",
         "no lag"),
        ("  focus to search and back", f"{f['large_focus']:.0f} ms a key "
         f"(5 plans: {f['small_focus']:.0f} ms)", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--plans", type=int, default=10_000, help="plans in the large library")
    parser.add_argument("--warm", action="store_true", help="reuse one user folder (warm caches)")
    args = parser.parse_args()
    report(measure(args.runs, args.keys, args.warm, args.plans), args.runs, args.keys, args.warm)


if __name__ == "__main__":
    main()
