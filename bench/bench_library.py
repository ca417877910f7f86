"""Import speed (plans per second) and start-up time to a loaded library.

    python bench/bench_library.py [--plans 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import plan_text, synthetic_plans
from drafter.library import reading


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the import's workers)."""
    me, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["DRAFTER_HOME"] = str(root / "home")
        from drafter.library import Library

        sources = root / "in"
        sources.mkdir()
        for k, plan in enumerate(synthetic_plans(args.plans)):
            (sources / f"{k:05d}.txt").write_text(plan_text(plan), encoding="utf-8")
        library = Library.open(root / "lib", builtin=False)
        cpu0 = _cpu()
        t0 = time.perf_counter()
        report = library.import_paths([sources])
        elapsed = time.perf_counter() - t0
        cpu = _cpu() - cpu0
        added = report.count("added") + report.count("updated")
        for cache in (root / "home" / "cache").glob("catalog-*.marshal"):
            cache.unlink()
        t0 = time.perf_counter()
        count = len(Library.open(root / "lib", builtin=False).summaries())
        cold = time.perf_counter() - t0
        warm_runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            Library.open(root / "lib", builtin=False).summaries()
            warm_runs.append(time.perf_counter() - t0)
        figures = {
            "plans": float(count),
            "import_plans_per_s": added / elapsed,
            "import_cpu_ms_per_plan": cpu / max(added, 1) * 1000,
            "startup_cold_s": cold,
            "startup_warm_median_s": statistics.median(warm_runs),
        }
    print(f"导入 {added} 份合成要点：每秒 {figures['import_plans_per_s']:.0f} 份"
          f"（{reading.cores()} 核；每份耗 CPU {figures['import_cpu_ms_per_plan']:.1f} ms，"
          f"CPU 空闲时上限约每秒 {reading.cores() * 1000 / figures['import_cpu_ms_per_plan']:.0f} 份）")
    print(f"启动载入 {count} 份：无缓存 {cold:.2f} s，有缓存中位数 "
          f"{figures['startup_warm_median_s'] * 1000:.0f} ms")
    return figures


GOAL_PER_S = 100


def figures(quick: bool = False) -> list[tuple[str, str, str]]:
    """Rows for bench/run.py's table: import of 1,000 plans, and start-up to the catalogue."""
    got = main(["--plans", "300" if quick else "1000"])
    cores = reading.cores()
    return [
        (f"import {got['plans']:.0f} plans", f"{got['import_plans_per_s']:.0f} plans/s on {cores} cores "
         f"(CPU {got['import_cpu_ms_per_plan']:.1f} ms/plan)", f"≥ {GOAL_PER_S} plans/s"),
        ("catalogue, no cache", f"{got['startup_cold_s']:.2f} s", ""),
        ("catalogue, cached", f"{got['startup_warm_median_s'] * 1000:.0f} ms", ""),
    ]


if __name__ == "__main__":
    main()
