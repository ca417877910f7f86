"""Speed of the year-over-year diff: two 40-item plans, aligned and diffed word by word.

    python bench/bench_diff.py [--runs 20]

Figures: the one-time jieba warm-up, the median of a realistic next-year draft (figures
raised, sentences dropped and swapped, items moved, deleted and added) with and without the
target ledger, and the worst case of two unrelated plans (every pair compared). jieba's word
cache is cleared before every run, so each run cuts every text afresh.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import seed_plans
from drafter.model import Plan

ITEMS = 40


def trimmed(plan: Plan, n: int = ITEMS) -> Plan:
    """The plan cut to its first ``n`` items."""
    left, sections = n, []
    for s in plan.sections:
        sections.append(replace(s, items=s.items[: max(left, 0)]))
        left -= len(s.items)
    return replace(plan, sections=tuple(sections)).with_ids()


def next_year(plan: Plan, donor: Plan, seed: int = 1) -> Plan:
    """A plausible next-year draft: figures up, some sentences dropped or swapped, two items
    moved to other sections, two deleted, two borrowed from another plan; still 40 items."""
    rng = random.Random(seed)

    def nudge(text: str) -> str:
        return re.sub(r"\d+", lambda m: str(int(m.group(0)) + rng.randrange(0, 40)), text)

    sections = []
    for s in plan.sections:
        items = []
        for it in s.items:
            body = nudge(it.body)
            parts = [p for p in body.split("。") if p]
            if len(parts) > 3 and rng.random() < 0.3:
                parts.pop(rng.randrange(len(parts)))
            if len(parts) > 3 and rng.random() < 0.2:
                i = rng.randrange(len(parts) - 1)
                parts[i], parts[i + 1] = parts[i + 1], parts[i]
            items.append(replace(it, body="。".join(parts) + ("。" if parts else "")))
        sections.append(items)
    full = [k for k, items in enumerate(sections) if len(items) >= 3]
    for k in full[:2]:
        sections[full[-1]].append(sections[k].pop())
    for k in full[2:4]:
        sections[k].pop(0)
    borrowed = [it for _, _, _, it in donor.iter_items()][:2]
    sections[full[1]].extend(borrowed)
    return replace(
        plan,
        id="draft",
        sections=tuple(
            replace(s, items=tuple(items)) for s, items in zip(plan.sections, sections, strict=True)
        ),
    ).with_ids()


def timed(base: Plan, draft: Plan, runs: int, ledger: bool) -> float:
    """Median seconds of ``runs`` diffs, jieba's word cache cleared before each."""
    from drafter.diff import diff_plans
    from drafter.diff.words import _tokens

    times = []
    for _ in range(runs):
        _tokens.cache_clear()
        t0 = time.perf_counter()
        diff_plans(base, draft, ledger=ledger)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    seeds = seed_plans()
    base = trimmed(replace(seeds[1], id="base"))
    draft = next_year(base, seeds[0])
    other = trimmed(replace(seeds[0], id="other"))

    from drafter.diff import diff_plans

    t0 = time.perf_counter()
    diff = diff_plans(base, draft)
    warmup = time.perf_counter() - t0
    figures = {
        "items": float(base.item_count()),
        "warmup_s": warmup,
        "median_s": timed(base, draft, args.runs, ledger=True),
        "median_no_ledger_s": timed(base, draft, args.runs, ledger=False),
        "unrelated_median_s": timed(base, other, args.runs, ledger=True),
    }
    s = diff.summary
    print(
        f"两份 {base.item_count()} 条 / {draft.item_count()} 条的要点："
        f"未变 {s.same}，修改 {s.changed}，移动 {s.moved}，新增 {s.added}，删除 {s.removed}"
    )
    print(f"首次（含 jieba 词典载入）{figures['warmup_s']:.2f} s")
    print(
        f"对比中位数 {figures['median_s'] * 1000:.0f} ms（不含指标台账 "
        f"{figures['median_no_ledger_s'] * 1000:.0f} ms），{args.runs} 次"
    )
    print(f"两份无关要点（逐对比较）中位数 {figures['unrelated_median_s'] * 1000:.0f} ms")
    return figures


if __name__ == "__main__":
    main()
