"""Run the benchmarks in this folder (bench_*.py) and print one table of figures and goals.

    python bench/run.py                  # every benchmark, then the table
    python bench/run.py cli library tui  # only these (bench_cli.py, bench_library.py, ...)
    python bench/run.py --quick          # smaller runs where a benchmark offers them

A benchmark takes part in the table by defining ``figures(quick: bool) -> list[Row]``: each
row is (what, figure, goal), the figure already formatted (median, ratio, unit), the goal as
the issue states it ("" when there is none). A benchmark without ``figures`` is run as a
script and its own lines are printed above the table. Adding a benchmark is adding a file.
"""

from __future__ import annotations

import argparse
import runpy
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from drafter.textout import cells as _width  # noqa: E402  (terminal cells)

Row = tuple[str, str, str]
"""(what is measured, the figure, the goal)."""


def collect(wanted: list[str], quick: bool) -> list[tuple[str, list[Row]]]:
    """Run each benchmark; those with ``figures`` give rows, the others print their own."""
    sections: list[tuple[str, list[Row]]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name} ==", flush=True)
        started = time.perf_counter()
        saved = sys.argv
        sys.argv = [str(path)]
        try:
            namespace = runpy.run_path(str(path), run_name=f"bench_{name}")
            figures: Callable[..., list[Row]] | None = namespace.get("figures")
            if figures is None:
                runpy.run_path(str(path), run_name="__main__")
            else:
                sections.append((name, figures(quick=quick)))
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            sections.append((name, [("(failed: see the error above)", "", "")]))
        finally:
            sys.argv = saved
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return sections


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(sections: list[tuple[str, list[Row]]]) -> str:
    """The rows of every benchmark under its name, figure and goal in aligned columns."""
    rows = [row for _, section in sections for row in section]
    if not rows:
        return ""
    what = max(_width(r[0]) for r in rows)
    figure = max(_width(r[1]) for r in rows)
    lines = [_pad("", what + 2) + _pad("figure", figure + 2) + "goal"]
    for name, section in sections:
        lines.append(f"[{name}]")
        lines.extend(
            "  " + _pad(w, what) + "  " + _pad(f, figure) + ("  " + g if g else "")
            for w, f, g in section
        )
    return "\n".join(line.rstrip() for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller runs where offered")
    args = parser.parse_args()
    sections = collect(args.names, args.quick)
    text = table(sections)
    if text:
        print("\n" + text)


if __name__ == "__main__":
    main()
