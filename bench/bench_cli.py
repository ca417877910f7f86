"""Start-up of the command line: whole ``drafter`` processes on the built-in library.

    python bench/bench_cli.py [--runs 7]

Every round runs ``python -c pass`` (the interpreter's own floor on this machine, now) and then
each command once, in a fresh process with a warm user folder (the first, cold round is not
counted). Figures: the median wall time of each command and its ratio to the floor's median in
the same run, so a loaded machine shows as a larger floor rather than a slower drafter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "tests" / "fixtures" / "seeds" / "002_6c0199bc73c739da.txt"

#: name → drafter arguments. ``check`` has no base: plans of the built-in library have none.
COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "乌审旗 2022"],
    "parse": ["parse", str(SEED)],
    "check": ["check", "乌审旗 2022", "--year", "2023"],
}
GOAL_S = 0.25


def _wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr.decode()}")
    return elapsed


def measure(runs: int, commands: dict[str, list[str]] | None = None) -> dict[str, float]:
    """Median seconds per command (and ``pass``, the floor), whole processes."""
    commands = COMMANDS if commands is None else commands
    times: dict[str, list[float]] = {"pass": [], **{name: [] for name in commands}}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DRAFTER_HOME": home, "PYTHONPATH": str(ROOT),
               "COLUMNS": "100", "PYTHONDONTWRITEBYTECODE": "1"}
        for round_ in range(runs + 1):
            floor = _wall([sys.executable, "-c", "pass"], env)
            spent = {name: _wall([sys.executable, "-m", "drafter", *args], env)
                     for name, args in commands.items()}
            if round_ == 0:
                continue  # cold user folder: the catalogue cache is written here
            times["pass"].append(floor)
            for name, value in spent.items():
                times[name].append(value)
    return {name: statistics.median(values) for name, values in times.items()}


def figures(runs: int = 7) -> list[tuple[str, float, str, str]]:
    """Rows for bench/run.py: (what, value, unit, goal)."""
    medians = measure(runs)
    floor = medians["pass"]
    rows = [("python -c pass (floor)", floor, "s", "")]
    for name in COMMANDS:
        rows.append((f"drafter {name}", medians[name], "s", f"≤ {GOAL_S} s"))
        rows.append((f"drafter {name} / floor", medians[name] / floor, "×", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    medians = measure(args.runs)
    floor = medians["pass"]
    print(f"whole processes, median of {args.runs} (warm user folder):")
    print(f"  python -c pass            {floor * 1000:6.0f} ms")
    for name, argv in COMMANDS.items():
        value = medians[name]
        mark = "ok" if value <= GOAL_S else "over"
        print(f"  drafter {' '.join(argv)[:28]:28} {value * 1000:6.0f} ms  "
              f"{value / floor:5.1f}× floor  (goal ≤ {GOAL_S * 1000:.0f} ms: {mark})")


if __name__ == "__main__":
    main()
