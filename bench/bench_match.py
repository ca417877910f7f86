"""Similar wording: quality on the labelled seeds, then speed and recall at library scale.

    python bench/bench_match.py                       # both parts, 1,000,000 synthetic items
    python bench/bench_match.py --items 100000        # a smaller synthetic library
    python bench/bench_match.py --quality-only        # labelled seeds only (seconds)
    python bench/bench_match.py --index 1m-index.npz  # keep the built index for later runs

Quality: every labelled item of ``bench/match_labels.toml`` queries the other four plans;
precision of the top 5 is normalised by min(5, relevant items), so a query with only two
relevant items can still reach 1.0. Baseline: rapidfuzz ``ratio`` on the item texts.
Scale: p50/p95 latency of ``Matcher.similar_to`` (the app's query: text, heading and section)
on a synthetic library, recall@10 against ``exhaustive=True`` (rapidfuzz on every item, the
same scorer), index build time and memory (peak RSS and the index's own arrays).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tomllib
import unicodedata
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.synth import seed_plans, synthetic_plans  # noqa: E402
from drafter.library.catalog import plan_with_id  # noqa: E402
from drafter.match.engine import Matcher  # noqa: E402
from drafter.model import Plan  # noqa: E402

LABELS = HERE / "match_labels.toml"


def _norm(text: str) -> str:
    """Text compared for label look-up: NFKC, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def labelled_seeds() -> tuple[list[Plan], dict[str, set[str]], list[str]]:
    """The seeds with ids ``seed-000``…, relevant item ids per item id, unresolved labels."""
    plans = [plan_with_id(p, f"seed-{p.source.file[:3]}") for p in seed_plans()]
    by_prefix = {p.id.removeprefix("seed-"): p for p in plans}
    data = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    relevant: dict[str, set[str]] = {}
    missing: list[str] = []
    for group in data["group"]:
        members: set[str] = set()
        for ref in group["items"]:
            seed, _, prefix = ref.partition(":")
            plan = by_prefix.get(seed)
            found = [
                it.id for _, _, _, it in (plan.iter_items() if plan else ())
                if _norm(it.text).startswith(_norm(prefix))
            ]
            if found:
                members.add(found[0])
            else:
                missing.append(ref)
        for member in members:
            relevant.setdefault(member, set()).update(members - {member})
    return plans, relevant, missing


def _plan_of(item_id: str) -> str:
    return item_id.rpartition("#")[0]


def precision_at_5(ranked: dict[str, list[str]], relevant: dict[str, set[str]]) -> float:
    """Mean normalised precision of the top 5 (relevant items of other plans only)."""
    values = []
    for query, hits in ranked.items():
        rel = {r for r in relevant[query] if _plan_of(r) != _plan_of(query)}
        if rel:
            values.append(sum(h in rel for h in hits[:5]) / min(5, len(rel)))
    return statistics.fmean(values)


def quality() -> dict[str, float]:
    """Precision@5 of the baseline and of the matcher on the labelled seeds."""
    from rapidfuzz import fuzz

    plans, relevant, missing = labelled_seeds()
    matcher = Matcher.from_plans(plans)
    items = {it.id: it for p in plans for _, _, _, it in p.iter_items() if it.text.strip()}
    queries = [q for q in relevant if q in items]
    baseline, ours, text_only = {}, {}, {}
    for q in queries:
        others = [i for i in items if _plan_of(i) != _plan_of(q)]
        scored = sorted(others, key=lambda i: -fuzz.ratio(items[q].text, items[i].text))
        baseline[q] = scored[:5]
        ours[q] = [h.item_id for h in matcher.similar_to(q, k=5)]
        text_only[q] = [
            h.item_id for h in matcher.similar(items[q].text, k=5, exclude_plan=_plan_of(q))
        ]
    figures = {
        "queries": float(len(queries)),
        "p5_baseline_ratio": precision_at_5(baseline, relevant),
        "p5_text_only": precision_at_5(text_only, relevant),
        "p5_matcher": precision_at_5(ours, relevant),
    }
    if missing:
        print(f"未能在种子中找到的标注：{'、'.join(missing)}")
    print(f"标注查询 {len(queries)} 条，前 5 条准确率（归一化）：")
    print(f"  基线 rapidfuzz ratio      {figures['p5_baseline_ratio']:.3f}")
    print(f"  本检索（仅正文，命令行）  {figures['p5_text_only']:.3f}")
    print(f"  本检索（正文+标题+所在部分）{figures['p5_matcher']:.3f}")
    return figures


def _rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _unique_plans(n_items: int):
    """Synthetic plans until ``n_items`` items, with ids made unique."""
    seen: set[str] = set()
    total = 0
    for k, plan in enumerate(synthetic_plans(10**9)):
        if total >= n_items:
            return
        if plan.id in seen:
            plan = plan_with_id(replace(plan, id=""), f"{plan.id}-{k}")
        seen.add(plan.id)
        total += plan.item_count()
        yield plan


def scale(
    n_items: int, n_queries: int, n_recall: int, seed: int, saved: Path | None = None
) -> dict[str, float]:
    """Build time, memory, latency and recall@10 on a synthetic library."""
    from drafter.match import persist

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    loaded = persist.load(saved) if saved and saved.exists() else None
    matcher = loaded or Matcher.from_plans(_unique_plans(n_items))
    build = time.perf_counter() - t0
    rss1 = _rss_mb()
    if saved and loaded is None:
        persist.save(matcher, saved)
    cat = matcher.catalog
    index_mb = (
        sum(f.nbytes() for f in (matcher.text, matcher.head, matcher.context))
        + len(cat.blob)
        + sum(cat.array(n).nbytes for n in ("item_plan", "item_section", "item_no", "head_len",
                                             "offsets"))
        + sum(sys.getsizeof(t) for t in cat.opening_list)
    ) / 2**20
    rng = random.Random(seed)
    rows = rng.sample(range(len(matcher.catalog)), n_queries)
    ids = [matcher.catalog.item_id(r) for r in rows]
    matcher.similar_to(ids[0])  # first query pays for the lazily computed norms
    latencies, results = [], {}
    for item_id in ids:
        t = time.perf_counter()
        results[item_id] = matcher.similar_to(item_id, k=10)
        latencies.append((time.perf_counter() - t) * 1000)
    recalls, strict = [], []
    exhaustive_ms = []
    for item_id in ids[:n_recall]:
        t = time.perf_counter()
        ref = matcher.similar_to(item_id, k=10, exhaustive=True)
        exhaustive_ms.append((time.perf_counter() - t) * 1000)
        got = results[item_id]
        strict.append(len({h.item_id for h in got} & {h.item_id for h in ref}) / len(ref))
        # items tied with the 10th score are interchangeable
        floor = ref[-1].score
        recalls.append(sum(h.score >= floor - 1e-6 for h in got) / len(ref))
    lat = sorted(latencies)
    figures = {
        "items": float(len(matcher)),
        "plans": float(len(matcher.catalog.plans)),
        "build_s": build,
        "rss_growth_mb": rss1 - rss0,
        "index_mb": index_mb,
        "p50_ms": statistics.median(lat),
        "p95_ms": lat[max(0, round(0.95 * len(lat)) - 1)],
        "exhaustive_median_ms": statistics.median(exhaustive_ms),
        "recall10": statistics.fmean(strict),
        "recall10_ties": statistics.fmean(recalls),
    }
    print(f"合成资料库 {figures['items']:.0f} 条（{figures['plans']:.0f} 份）："
          f"{'载入' if loaded else '建'}索引 {build:.1f} s，内存增长 {figures['rss_growth_mb']:.0f} MB，"
          f"索引数组 {index_mb:.0f} MB")
    print(f"  查询 {n_queries} 次：p50 {figures['p50_ms']:.1f} ms，p95 {figures['p95_ms']:.1f} ms；"
          f"穷举中位数 {figures['exhaustive_median_ms']:.0f} ms")
    print(f"  recall@10（对照穷举，{n_recall} 次）：{figures['recall10']:.3f}"
          f"（同分视为等同：{figures['recall10_ties']:.3f}）")
    return figures


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="synthetic library size")
    parser.add_argument("--queries", type=int, default=200, help="timed queries")
    parser.add_argument("--recall-queries", type=int, default=20, help="exhaustive comparisons")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--index", type=Path, metavar="FILE",
        help="save the built index here, or load it if present (skips the build)",
    )
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--scale-only", action="store_true")
    args = parser.parse_args(argv)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_HOME"] = str(Path(tmp) / "home")
        if not args.scale_only:
            figures.update(quality())
        if not args.quality_only:
            figures.update(
                scale(args.items, args.queries, args.recall_queries, args.seed, args.index)
            )
    return figures


if __name__ == "__main__":
    main()
