"""Speed of the checks: target extraction, the ledger, stale wording and the full report.

    python bench/bench_checks.py [--runs 20] [--plans 50]

Figures (medians over the runs): loading the rule files; extracting targets from one plan;
``run_checks`` on one plan alone and against a base plan (ledger included); and the per-item
``check_text`` the editor calls while the writer types. Plans are the five seeds and
synthetic plans generated from them (bench/synth.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import seed_plans, synthetic_plans
from drafter.checks import load_rules, run_checks
from drafter.checks.stale import check_text
from drafter.targets import extract_targets


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--plans", type=int, default=50)
    args = parser.parse_args()

    seeds = seed_plans()
    plans = [*seeds, *synthetic_plans(args.plans)]
    rules = load_rules()
    items = [(item.text, 2027) for p in plans for _, _, _, item in p.iter_items()]
    n_targets = sum(len(extract_targets(p)) for p in plans)

    print(f"plans: {len(plans)}  items: {len(items)}  targets: {n_targets}  rules: {len(rules)}")
    print(f"load_rules:                 {median_ms(load_rules, args.runs):7.2f} ms")

    def each(fn: Callable[[object], object]) -> Callable[[], None]:
        return lambda: [fn(p) for p in plans]

    per = len(plans)
    print(f"extract_targets per plan:   "
          f"{median_ms(each(extract_targets), args.runs) / per:7.2f} ms")
    print(f"run_checks per plan (2027): "
          f"{median_ms(each(lambda p: run_checks(p, year=2027, rules=rules)), args.runs) / per:7.2f} ms")
    base = seeds[0]
    print(f"run_checks with base:       "
          f"{median_ms(each(lambda p: run_checks(p, year=2027, base=base, rules=rules)), args.runs) / per:7.2f} ms")
    total = median_ms(lambda: [check_text(t, y, rules) for t, y in items], args.runs)
    print(f"check_text per item:        {total / len(items) * 1000:7.1f} µs")


if __name__ == "__main__":
    main()
