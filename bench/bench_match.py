"""Similar wording: quality on labelled plans, then speed, recall and memory at library scale.

    python bench/bench_match.py                       # everything, 1,000,000 synthetic items
    python bench/bench_match.py --items 100000        # a smaller synthetic library
    python bench/bench_match.py --variety 0.8         # items that rewrite more than copy
    python bench/bench_match.py --quality-only        # labelled plans only (about a minute)
    python bench/bench_match.py --ablations           # … and each ranking change left out
    python bench/bench_match.py --tune                # the weights for drafter (all labels)
    python bench/bench_match.py --index 1m-index.npz  # keep the built index for later runs

Quality (``bench/match_eval.py`` defines it): every labelled item queries the seeds of the
other groups; leave one group out, weights chosen on the other groups' seeds only; nP@5 of
drafter, of rapidfuzz ``ratio`` and of a jieba TF-IDF over section title, heading and text, on
the same queries: the held-out seed's items, and apart its copies' (the fixture plans made
from it, as PDF, OFD, web page, Word file, traditional script…).
Scale: a synthetic library is built (or loaded), saved, and a fresh process opens the saved
index, warms the tokenizer and reads the texts into memory as the app does in the background
once it has started, and answers the app's query
(text, heading and section) for random items: open time, p50/p95 latency, recall@10 against
``--exhaustive`` (hits tied with the 10th score count as found; ranked lists before near
copies are folded, since folding looks far down the list; the folded lists' figure is
printed too), peak resident memory of the querying process (VmHWM). ``drafter similar
TEXT`` on the built-in library: median wall time of 5 runs after one warm-up run, beside
``python -c pass``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, fields, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.match_eval import Labels, Report, cross_validate, load_labels, tune  # noqa: E402
from bench.synth import synthetic_plans  # noqa: E402
from drafter.library.catalog import plan_with_id  # noqa: E402
from drafter.match import score  # noqa: E402
from drafter.model import Plan  # noqa: E402

GOALS = {
    "np5_test": (">=", 0.88, "测试部分 nP@5"),
    "np5_margin": (">=", 0.05, "测试部分领先最佳基线"),
    "cli_similar_s": ("<=", 0.6, "drafter similar（内置资料库）墙钟时间 s"),
    "open_s": ("<=", 0.5, "百万条索引打开 s"),
    "p95_ms": ("<=", 30.0, "百万条查询 p95 ms"),
    "recall10_ties": (">=", 0.99, "recall@10（同分视为等同）"),
    "rss_mb": ("<=", 1024.0, "查询进程常驻内存峰值 MB"),
}
"""Figure → (comparison, goal, label) for the goals of issues 13 and 15."""


# -- quality ---------------------------------------------------------------------------------

def quality(ablations: bool = False) -> dict[str, float]:
    """nP@5 on the tuning and test parts for drafter and both baselines (leave one out)."""
    labels = load_labels()
    if labels.problems:
        print("标注问题：" + "；".join(labels.problems))
    report = cross_validate(labels, progress=lambda line: print("  " + line, flush=True))
    best_base = max(report.test["ratio"], report.test["tfidf"])
    print(f"标注要点 {len(labels.plans)} 份，测试查询 {report.queries} 条；由它们转换而来的副本 "
          f"{len(labels.copies)} 份，测试查询 {report.copy_queries} 条（只作查询，检索的仍是各组"
          "的原件）；nP@5（前 5 条中同主题的比例，相关条目不足 5 条时按其条数归一）：")
    print(f"  {'':22s}{'调参部分':>10s}{'测试部分':>10s}{'测试·副本':>10s}")
    for name, label in (("ratio", "基线 rapidfuzz ratio"), ("tfidf", "基线 jieba TF-IDF+标题"),
                        ("drafter", "drafter")):
        print(f"  {label:22s}{report.tune[name]:10.3f}{report.test[name]:10.3f}"
              f"{report.copies[name]:10.3f}")
    print_copies(labels, report)
    figures = {
        "np5_tune": report.tune["drafter"], "np5_test": report.test["drafter"],
        "np5_ratio_test": report.test["ratio"], "np5_tfidf_test": report.test["tfidf"],
        "np5_margin": report.test["drafter"] - best_base,
        "np5_copies_test": report.copies["drafter"],
        "np5_ratio_copies_test": report.copies["ratio"],
        "np5_tfidf_copies_test": report.copies["tfidf"],
        "np5_copies_margin": report.copies["drafter"]
        - max(report.copies["ratio"], report.copies["tfidf"]),
    }
    if ablations:
        print("逐项加上或去掉排序改进（每行都在调参部分上重新选权重）：")
        base = score.TUNED
        variants = {
            "加上字二元组": ({"text_grams": True, "short_grams": True}, base, None),
            "加上部分标题各项": ({}, (*base, "title", "title_text", "title_head"), None),
            "去掉相关反馈": ({}, tuple(f for f in base if f != "feedback"), None),
            "去掉部分上下文": ({}, tuple(f for f in base if f != "context"), None),
            "去掉标题句字段": ({}, tuple(f for f in base if f != "head"), None),
            "加上开头的 rapidfuzz": ({}, (*base, "fuzz"), None),
            "再按文档频率降权": ({}, base, {"common": (0.5,)}),
        }
        for name, (options, parts, constants) in variants.items():
            got = cross_validate(labels, options, parts, constants, baselines=False)
            figures[f"ablation:{name}"] = got.test["drafter"]
            print(f"  {name:16s}测试 {got.test['drafter']:.3f}（完整 {report.test['drafter']:.3f}）",
                  flush=True)
    return figures


def print_copies(labels: Labels, report: Report) -> None:
    """How many copies read back as their plan's very text; the figures of the others."""
    plans = {p.id: p for p in labels.plans}

    def texts(plan: Plan) -> list[str]:
        return [it.text for _, _, _, it in plan.iter_items()]

    empty = [c for c in labels.copies if not c.item_count()]
    same = [c for c in labels.copies if c.item_count()
            and texts(c) == texts(plans[labels.copy_of[c.id]])]
    print(f"  副本中 {len(same)} 份读入后各条正文与原件逐字相同，{len(empty)} 份没有条目；其余"
          "（drafter / ratio / TF-IDF，括号中为原件的 drafter）：")
    for c in labels.copies:
        if c in same or c in empty:
            continue
        got, seed = report.by_plan[c.id], report.by_plan[labels.copy_of[c.id]]
        print(f"    {c.id:34s}{got['drafter']:7.3f}{got['ratio']:7.3f}{got['tfidf']:7.3f}"
              f"（{seed['drafter']:.3f}）")


def tune_all() -> score.Weights:
    """The weights chosen on all labelled plans (what drafter ships), next to the current."""
    labels = load_labels()
    got, weights = tune(labels, {})
    print(f"在全部标注要点上选出的权重（调参 nP@5 {got:.3f}）：")
    for f in fields(weights):
        mark = "" if getattr(weights, f.name) == getattr(score.WEIGHTS, f.name) else \
            f"（现为 {getattr(score.WEIGHTS, f.name)}）"
        print(f"  {f.name} = {getattr(weights, f.name)}{mark}")
    return weights


# -- scale -----------------------------------------------------------------------------------

def _rss_mb() -> float:
    """Peak resident memory of this process in MB: Linux's VmHWM, which starts afresh with
    the program (``ru_maxrss`` keeps the peak of the process it was forked from, here the
    one that built the index)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _resident_parts() -> tuple[float, float]:
    """(the process's own resident memory, resident pages of mapped files) in MB, now: the
    file pages are the index's, shared with the system's cache, which takes them back when
    memory runs short (how many stay mapped depends on how warm that cache is)."""
    parts = {"RssAnon:": 0.0, "RssFile:": 0.0}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key = line.split(maxsplit=1)[0] if line else ""
            if key in parts:
                parts[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return parts["RssAnon:"], parts["RssFile:"]


def _unique_plans(n_items: int, variety: float = 0.0, seed: int = 0):
    """Synthetic plans until ``n_items`` items, with ids made unique."""
    seen: set[str] = set()
    total = 0
    for k, plan in enumerate(synthetic_plans(10**9, seed, variety)):
        if total >= n_items:
            return
        if plan.id in seen:
            plan = plan_with_id(replace(plan, id=""), f"{plan.id}-{k}")
        seen.add(plan.id)
        total += plan.item_count()
        yield plan


def build(n_items: int, path: Path, variety: float = 0.0, seed: int = 0) -> float:
    """Build a synthetic library's index and save it at ``path``; returns the build time."""
    from drafter.match import persist
    from drafter.match.engine import Matcher

    t0 = time.perf_counter()
    matcher = Matcher.from_plans(_unique_plans(n_items, variety, seed))
    took = time.perf_counter() - t0
    persist.save(matcher, path)
    return took


def probe(path: Path, n_queries: int, n_recall: int, seed: int) -> dict[str, float]:
    """Open a saved index and time queries (run in a fresh process)."""
    from drafter.match import persist

    t0 = time.perf_counter()
    matcher = persist.load(path)
    opened = time.perf_counter() - t0
    if matcher is None:
        raise SystemExit(f"无法载入索引 {path}")
    from drafter.match.tokenize import warm_up

    t0 = time.perf_counter()
    warm_up().join()  # as the app does while it starts
    matcher.catalog.keep_texts()
    warmed = time.perf_counter() - t0
    cat = matcher.catalog
    rng = random.Random(seed)
    rows = rng.sample(range(len(cat)), n_queries)
    ids = [cat.item_id(r) for r in rows]
    t1 = time.perf_counter()
    matcher.similar_to(ids[0])
    first = time.perf_counter() - t1
    latencies, results = [], {}
    scoring = _time_postings(matcher)
    stages = _time_stages(matcher, ("vectors", "_exact", "_hits"))
    for item_id in ids:
        t = time.perf_counter()
        results[item_id] = matcher.similar_to(item_id, k=10)
        latencies.append((time.perf_counter() - t) * 1000)
    rss_queries = _rss_mb()
    own_mb, mapped_mb = _resident_parts()
    postings_s, postings_total, reads = scoring()
    spent = {name: seconds * 1000 / len(ids) for name, seconds in stages().items()}
    spent["postings"] = postings_s * 1000 / len(ids)
    spent["rest"] = sum(latencies) / len(ids) - sum(spent.values())
    floor_ms = _scatter_floor(reads) * 1000 / len(ids)
    recalls, strict, folded, exhaustive_ms = [], [], [], []
    for item_id in ids[:n_recall]:
        t = time.perf_counter()
        ref = matcher.similar_to(item_id, k=10, exhaustive=True, fold=False)
        exhaustive_ms.append((time.perf_counter() - t) * 1000)
        got = matcher.similar_to(item_id, k=10, fold=False)
        strict.append(len({h.item_id for h in got} & {h.item_id for h in ref}) / len(ref))
        recalls.append(_tied_recall(got, ref))
        folded.append(_tied_recall(results[item_id],
                                   matcher.similar_to(item_id, k=10, exhaustive=True)))
    lat = sorted(latencies)
    return {
        "items": float(len(cat)), "plans": float(len(cat.plans)), "open_s": opened,
        "warm_up_s": warmed,
        "forms": float(matcher.text.forms),
        "first_query_s": first, "p50_ms": statistics.median(lat),
        "p95_ms": lat[max(0, round(0.95 * len(lat)) - 1)],
        "exhaustive_median_ms": statistics.median(exhaustive_ms),
        "recall10": statistics.fmean(strict), "recall10_ties": statistics.fmean(recalls),
        "recall10_folded": statistics.fmean(folded),
        "rss_mb": rss_queries, "rss_exhaustive_mb": _rss_mb(),
        "own_mb": own_mb, "mapped_mb": mapped_mb,
        "postings_share": postings_s * 1000 / sum(latencies),
        "postings_per_query": postings_total / len(ids),
        "postings_read_per_query": sum(b - a for _, a, b in reads) / len(ids),
        "scatter_floor_ms": floor_ms,
        **{f"stage_{name}_ms": ms for name, ms in spent.items()},
        "file_mb": path.stat().st_size / 2**20,
    }


def _time_postings(matcher):  # type: ignore[no-untyped-def]
    """Time the matcher's reading of postings (the profile's largest part) from now on;
    returns a function giving (seconds spent, postings of the queries' terms, and the
    postings actually read: (segment rows, start, end) per list, heaviest terms first until
    the engine's budget is spent, as :meth:`FieldIndex.form_scores` reads them)."""
    from drafter.match import engine

    spent = [0.0, 0]
    reads: list = []
    original = matcher._form_scores

    def timed(field, vector, *, per_form=0.0, **how):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return original(field, vector, per_form=per_form, **how)
        finally:
            spent[0] += time.perf_counter() - t
            total = field.postings(vector)
            spent[1] += total
            cap = max(engine._POSTINGS_FLOOR,
                      int((per_form or engine._POSTINGS_PER_FORM) * field.forms))
            read = 0
            for tid in sorted(vector, key=lambda t: -vector[t]):
                if total > cap and read >= cap:
                    break
                for seg in field.segments:
                    if tid + 1 < len(seg.indptr) and seg.indptr[tid] < seg.indptr[tid + 1]:
                        a, b = int(seg.indptr[tid]), int(seg.indptr[tid + 1])
                        reads.append((seg.rows, a, b))
                        read += b - a

    matcher._form_scores = timed
    return lambda: (spent[0], spent[1], reads)


def _time_stages(matcher, names):  # type: ignore[no-untyped-def]
    """Time the named matcher methods from now on; returns a function giving seconds per name."""
    spent = dict.fromkeys(names, 0.0)
    for name in names:
        original = getattr(matcher, name)

        def timed(*args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - t

        setattr(matcher, name, timed)
    return lambda: dict(spent)


def _scatter_floor(reads: list) -> float:
    """Seconds numpy takes merely to add one number per posting read into a score array
    (``np.add.at`` once per posting, without BM25 or weights): a floor for adding up these
    postings one by one in numpy, beside what the scoring spends on them."""
    import numpy as np

    out = np.zeros(max((int(rows[a:b].max()) + 1 for rows, a, b in reads), default=1),
                   dtype=np.float32)
    one = np.float32(1)
    t = time.perf_counter()
    for rows, a, b in reads:
        np.add.at(out, rows[a:b].astype(np.intp), one)
    return time.perf_counter() - t


def _tied_recall(got: list, ref: list) -> float:
    """Share of the reference's hits found, items tied with its last score interchangeable."""
    if not ref:
        return 1.0
    floor = ref[-1].score
    return sum(h.score >= floor - 1e-6 for h in got[: len(ref)]) / len(ref)


def scale(n_items: int, n_queries: int, n_recall: int, seed: int,
          saved: Path | None = None, variety: float = 0.0) -> dict[str, float]:
    """Build (or reuse) the index, then probe it from a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        path = saved or Path(tmp) / "index.npz"
        figures: dict[str, float] = {}
        if not path.exists():
            figures["build_s"] = build(n_items, path, variety, seed)
        out = subprocess.run(
            [sys.executable, __file__, "--probe", str(path), "--queries", str(n_queries),
             "--recall-queries", str(n_recall), "--seed", str(seed)],
            check=True, capture_output=True, text=True,
        ).stdout
        figures.update(json.loads(out.strip().splitlines()[-1]))
    built = f"建索引 {figures['build_s']:.0f} s，" if "build_s" in figures else ""
    print(f"合成资料库 {figures['items']:.0f} 条（{figures['plans']:.0f} 份，"
          f"用词各不相同的 {figures['forms']:.0f} 种）：{built}"
          f"索引文件 {figures['file_mb']:.0f} MB，新进程打开 {figures['open_s']:.2f} s，"
          f"分词预热与读入正文 {figures['warm_up_s']:.2f} s（应用启动后在后台完成），"
          f"首次查询 {figures['first_query_s']:.2f} s")
    print(f"  查询 {n_queries} 次：p50 {figures['p50_ms']:.1f} ms，p95 {figures['p95_ms']:.1f} ms；"
          f"穷举中位数 {figures['exhaustive_median_ms']:.0f} ms；"
          f"常驻内存峰值 {figures['rss_mb']:.0f} MB（穷举后 {figures['rss_exhaustive_mb']:.0f} MB）；"
          f"查询后进程自有 {figures['own_mb']:.0f} MB，另有映射的索引文件页 "
          f"{figures['mapped_mb']:.0f} MB（系统缓存，内存紧张时收回）")
    print(f"  时间去向：累加倒排记录占查询时间的 {figures['postings_share']:.0%}"
          f"（每次查询的词共有 {figures['postings_per_query'] / 1e6:.2f} 百万条记录，超出上限的部分不读，"
          f"实读 {figures['postings_read_per_query'] / 1e6:.2f} 百万条）")
    print(f"  每次查询平均：{_stages_line(figures)}；只把实读的记录各加一次"
          f"（np.add.at，不计权重）就要 {figures['scatter_floor_ms']:.1f} ms")
    print(f"  排序 recall@10（对照穷举，{n_recall} 次，不合并近似重复）：{figures['recall10']:.3f}"
          f"（同分视为等同：{figures['recall10_ties']:.3f}）；"
          f"合并近似重复后的前 10 条：{figures['recall10_folded']:.3f}")
    return figures


STAGES = {"vectors": "分词与查询向量", "postings": "累加倒排记录", "_exact": "候选精确打分",
          "_hits": "结果整理", "rest": "合并各字段与取前若干"}
"""Stage of a query → its name in the printed profile."""


def _stages_line(figures: dict[str, float]) -> str:
    """The per-query profile, e.g. ``分词与查询向量 3.1 ms，累加倒排记录 24.0 ms，…``."""
    return "，".join(f"{label} {figures[f'stage_{name}_ms']:.1f} ms" for name, label in STAGES.items())


def cli_similar(runs: int = 5) -> dict[str, float]:
    """Median wall time of ``drafter similar TEXT`` on the built-in library, warm cache."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    # as installed: Python keeps the compiled modules (the warm-up run writes them)
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def wall(argv: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        return time.perf_counter() - t

    command = [sys.executable, "-m", "drafter", "similar", "加强儿童福利工作，提高孤儿基本生活保障标准"]
    wall(command)  # the cold run builds the word table and the index, and compiles drafter
    similar = statistics.median(wall(command) for _ in range(runs))
    bare = statistics.median(wall([sys.executable, "-c", "pass"]) for _ in range(runs))
    print(f"drafter similar（内置资料库，{runs} 次中位数）：{similar:.2f} s，"
          f"是 python -c pass（{bare:.2f} s）的 {similar / bare:.1f} 倍")
    return {"cli_similar_s": similar, "python_pass_s": bare}


def print_goals(figures: dict[str, float]) -> None:
    """The figures that have goals, each with its goal and whether it is met."""
    print("目标：")
    for key, (op, goal, label) in GOALS.items():
        if key not in figures:
            continue
        value = figures[key]
        met = value >= goal if op == ">=" else value <= goal
        print(f"  {label:28s}{value:10.3f}  目标 {op} {goal:<8g}{'达到' if met else '未达到'}")


def figures(quick: bool = False) -> list[tuple[str, str, str]]:
    """Rows for bench/run.py's table: quality, ``drafter similar``, and the synthetic library
    twice, as drawn (many exact copies) and with varied items (few): 1,000,000 items each,
    100,000 with ``quick``."""
    items = 100_000 if quick else 1_000_000
    saved = os.environ.get("DRAFTER_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_HOME"] = str(Path(tmp) / "home")
        try:
            f = quality()
            f.update(cli_similar())
            libraries = [("copies", scale(items, 200, 20, 0)),
                         ("varied", scale(items, 200, 20, 0, variety=0.8))]
        finally:
            if saved is None:
                os.environ.pop("DRAFTER_HOME", None)
            else:
                os.environ["DRAFTER_HOME"] = saved
    rows = [
        ("similar: nP@5, held-out seeds",
         f"{f['np5_test']:.3f} (tuning {f['np5_tune']:.3f}; ratio {f['np5_ratio_test']:.3f}, "
         f"TF-IDF {f['np5_tfidf_test']:.3f})", "≥ 0.88 and ≥ 0.05 over the best baseline"),
        ("similar: nP@5, held-out fixture copies",
         f"{f['np5_copies_test']:.3f} (ratio {f['np5_ratio_copies_test']:.3f}, "
         f"TF-IDF {f['np5_tfidf_copies_test']:.3f})", ""),
        ("drafter similar TEXT, built-in library",
         f"{f['cli_similar_s'] * 1000:.0f} ms = {f['cli_similar_s'] / f['python_pass_s']:.1f}× "
         "python -c pass", "≤ 600 ms"),
    ]
    for name, g in libraries:
        what = f"{g['items'] / 1e6:g}M items, {name} ({g['forms']:.0f} distinct)"
        rows += [
            (f"{what}: index open", f"{g['open_s'] * 1000:.0f} ms", "≤ 500 ms"),
            (f"{what}: query p50 / p95", f"{g['p50_ms']:.1f} / {g['p95_ms']:.1f} ms "
             f"({g['postings_share']:.0%} adding up postings)", "p95 ≤ 30 ms"),
            ("  where a query's time goes", f"{_stages_line(g)}; adding 1 per posting read "
             f"alone: {g['scatter_floor_ms']:.1f} ms", ""),
            (f"{what}: recall@10, ties", f"{g['recall10_ties']:.3f}", "≥ 0.99"),
            (f"{what}: peak resident memory", f"{g['rss_mb']:.0f} MB (own {g['own_mb']:.0f} MB "
             f"+ {g['mapped_mb']:.0f} MB of index pages in the system's cache)", "≤ 1024 MB"),
        ]
    return rows


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="synthetic library size")
    parser.add_argument("--queries", type=int, default=200, help="timed queries")
    parser.add_argument("--recall-queries", type=int, default=20, help="exhaustive comparisons")
    parser.add_argument("--seed", type=int, default=0, help="synthetic library and queries")
    parser.add_argument(
        "--variety", type=float, default=0.0, metavar="P",
        help="share of synthetic items given a sentence of their own (0: copies as drawn)",
    )
    parser.add_argument(
        "--index", type=Path, metavar="FILE",
        help="save the built index here, or use it if present (skips the build)",
    )
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--scale-only", action="store_true")
    parser.add_argument("--ablations", action="store_true", help="also leave each change out")
    parser.add_argument("--tune", action="store_true", help="choose the weights on all labels")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(args.probe, args.queries, args.recall_queries, args.seed)))
        return {}
    if args.tune:
        return {k: float(v) for k, v in asdict(tune_all()).items()}
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_HOME"] = str(Path(tmp) / "home")
        if not args.scale_only:
            figures.update(quality(args.ablations))
        if not args.quality_only:
            figures.update(cli_similar())
            figures.update(
                scale(args.items, args.queries, args.recall_queries, args.seed, args.index,
                      args.variety)
            )
    print_goals(figures)
    return figures


if __name__ == "__main__":
    main()
