"""Start-up of the command line: whole ``drafter`` processes on the built-in library.

    python bench/bench_cli.py [--runs 7]

Every round runs ``python -c pass`` (the interpreter's own floor on this machine, now) and then
each command once, in a fresh process with a warm user folder and cached bytecode, as an
installed drafter has. The first, cold round (nothing cached: bytecode, catalogue, compiled
patterns) is printed apart and not counted. Figures: the median wall time of each command and
its ratio to the floor's median in the same run, so a loaded machine shows as a larger floor
rather than a slower drafter.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def process_env(home: str) -> dict[str, str]:
    """The environment of a measured process: user folder ``home``, bytecode cached (in
    ``home``, as an installed package has it) even where the shell turns caching off."""
    env = {**os.environ, "DRAFTER_HOME": home, "PYTHONPATH": str(ROOT), "COLUMNS": "100",
           "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


#: Wall seconds of each command's first run in a new user folder, from the last measure().
FIRST: dict[str, float] = {}


def measure(runs: int, commands: dict[str, list[str]] | None = None) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds per command and for ``pass`` (the floor), whole processes;
    the first runs (nothing cached yet) go to ``FIRST``."""
    commands = COMMANDS if commands is None else commands
    times: dict[str, list[tuple[float, float]]] = {"pass": [], **{name: [] for name in commands}}
    with tempfile.TemporaryDirectory() as home:
        env = process_env(home)
        for round_ in range(runs + 1):
            floor = _run([sys.executable, "-c", "pass"], env)
            spent = {name: _run([sys.executable, "-m", "drafter", *args], env)
                     for name, args in commands.items()}
            if round_ == 0:  # cold: bytecode, catalogue and compiled patterns are written here
                FIRST.update({name: wall for name, (wall, _) in spent.items()})
                continue
            times["pass"].append(floor)
            for name, value in spent.items():
                times[name].append(value)
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in times.items()
    }


def imports(args: list[str], top: int = 6) -> tuple[float, list[tuple[str, float]]]:
    """Where a command's start-up goes: its total import time (ms, ``python -X importtime``,
    warm) and the modules that take longest themselves (self time, ms)."""
    with tempfile.TemporaryDirectory() as home:
        env = process_env(home)
        command = [sys.executable, "-X", "importtime", "-m", "drafter", *args]
        _run(command, env)  # cold: caches and bytecode
        result = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, check=False)
    own: dict[str, float] = {}
    total = 0.0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, cumulative, name = (part.strip() for part in line[12:].split("|"))
        if not self_us.isdigit():
            continue
        own[name] = int(self_us) / 1000
        if not line[12:].split("|")[2].startswith("  "):
            total += int(cumulative) / 1000
    return total, sorted(own.items(), key=lambda kv: -kv[1])[:top]


def _where(args: list[str]) -> str:
    total, slow = imports(args)
    return f"imports {total:.0f} ms; slowest: " + ", ".join(f"{n} {ms:.1f}" for n, ms in slow)


def figures(quick: bool = False) -> list[tuple[str, str, str]]:
    """Rows for bench/run.py's table: (what, figure, goal)."""
    medians = measure(3 if quick else 7)
    floor, floor_cpu = medians["pass"]
    rows = [("python -c pass (floor)", f"{floor * 1000:.0f} ms wall, {floor_cpu * 1000:.0f} ms CPU", "")]
    for name in COMMANDS:
        wall, cpu = medians[name]
        rows.append((
            f"drafter {name}",
            f"{wall * 1000:.0f} ms = {wall / floor:.1f}× floor (CPU {cpu * 1000:.0f} ms)",
            f"≤ {GOAL_S * 1000:.0f} ms",
        ))
        rows.append(("  first run, nothing cached", f"{FIRST[name] * 1000:.0f} ms", ""))
        if wall > GOAL_S:
            rows.append(("  where it goes", _where(COMMANDS[name]), ""))
    rows.append(("  the floor itself", _where_floor(), ""))
    return rows


def _where_floor() -> str:
    """What ``python -c pass`` imports on this machine before any of drafter (site, .pth)."""
    with tempfile.TemporaryDirectory() as home:
        env = process_env(home)
        for _ in range(2):  # the first run writes the bytecode
            result = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"],
                                    env=env, stderr=subprocess.PIPE, text=True, check=False)
    total, slow = 0.0, []
    for line in result.stderr.splitlines():
        parts = line[12:].split("|") if line.startswith("import time:") else []
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            total += int(parts[1]) / 1000
            slow.append((parts[2].strip(), int(parts[1]) / 1000))
    biggest = ", ".join(f"{n} {ms:.0f}" for n, ms in sorted(slow, key=lambda kv: -kv[1])[:2])
    return f"imports {total:.0f} ms before any of drafter ({biggest}: site runs the .pth files)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    medians = measure(args.runs)
    floor, floor_cpu = medians["pass"]
    print(f"whole processes, median of {args.runs} (warm user folder); wall and CPU (user+sys):")
    print(f"  {'python -c pass':34} {floor * 1000:6.0f} ms  {floor_cpu * 1000:6.0f} ms CPU")
    for name, argv in COMMANDS.items():
        wall, cpu = medians[name]
        mark = "met" if wall <= GOAL_S else "over"
        label = " ".join(a if len(a) < 20 else "…" + a[-12:] for a in argv)
        print(f"  {'drafter ' + label:34} {wall * 1000:6.0f} ms  {cpu * 1000:6.0f} ms CPU  "
              f"{wall / floor:4.1f}× floor  (goal ≤ {GOAL_S * 1000:.0f} ms: {mark})")
    print("first run in a new user folder (nothing cached): " + ", ".join(
        f"{name} {FIRST[name] * 1000:.0f} ms" for name in COMMANDS))


if __name__ == "__main__":
    main()
