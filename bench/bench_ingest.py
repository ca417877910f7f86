"""Reading plans in every format: files per second and the share of fields read right.

    python bench/bench_ingest.py [--repeat 5]

The files are ``tests/fixtures/real/`` (the seeds as writers meet them) with their
expectations. Fields per file: title, year, issuer, partial, section titles, item counts, and
"no page furniture left". .doc/.wps/.odt/.rtf are timed as a batch import converts them
(one LibreOffice start per format), the others by the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
_OFFICE = {"doc", "wps", "odt", "rtf"}
FIELDS = ("title", "year", "issuer", "partial", "sections", "items", "furniture")


def _fixtures() -> list[tuple[Path, dict]]:
    out = []
    for expect in sorted(REAL.glob("*.expect.toml")):
        stem = expect.name.removesuffix(".expect.toml")
        path = next(p for p in REAL.iterdir() if p.stem == stem and p.suffix != ".toml")
        out.append((path, tomllib.loads(expect.read_text(encoding="utf-8"))))
    return out


def _right(plan, expect: dict) -> dict[str, bool]:
    """Which fields of one file came out as expected."""
    from drafter.plan_json import plan_to_json

    j = plan_to_json(plan)
    text = json.dumps([j["notice"], j["preamble"], j["closing"],
                       [(s["title"], s["intro"], [i["text"] for i in s["items"]])
                        for s in j["sections"]]], ensure_ascii=False)
    return {
        "title": j["title"] == expect["title"],
        "year": j["year"] == expect["year"],
        "issuer": j["issuer"] == expect.get("issuer"),
        "partial": j["partial"] is expect["partial"],
        "sections": [s["title"] for s in j["sections"]] == expect["sections"],
        "items": [len(s["items"]) for s in j["sections"]] == expect["items"],
        "furniture": not any(f in text for f in expect["furniture"]),
    }


def _read(path: Path):
    from drafter.errors import DrafterError
    from drafter.ingest import read_plan

    try:
        return read_plan(path)
    except DrafterError:
        return None


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=4,
                        help="random variants per seed and kind, not seen while writing the rules")
    args = parser.parse_args(argv)
    os.environ.setdefault("DRAFTER_HOME", tempfile.mkdtemp(prefix="bench-ingest-"))
    from drafter.ingest import converted_in_batch

    groups: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
    for path, expect in _fixtures():
        groups[expect["format"]].append((path, expect))
    figures: dict[str, float] = {}
    print(f"{'格式':<6}{'文件':>4}{'每秒文件数':>12}{'字段正确率':>12}")
    total_right = total_fields = 0
    for fmt in sorted(groups):
        files = groups[fmt]
        if fmt in _OFFICE:
            t0 = time.perf_counter()
            with converted_in_batch([p for p, _ in files]):
                plans = [_read(p) for p, _ in files]
            seconds = time.perf_counter() - t0
        else:
            runs = []
            for _ in range(max(1, args.repeat)):
                t0 = time.perf_counter()
                plans = [_read(p) for p, _ in files]
                runs.append(time.perf_counter() - t0)
            seconds = statistics.median(runs)
        right = sum(
            sum(_right(plan, expect).values()) if plan is not None else 0
            for plan, (_, expect) in zip(plans, files, strict=True)
        )
        fields = len(FIELDS) * len(files)
        total_right += right
        total_fields += fields
        figures[f"{fmt}_files_per_s"] = len(files) / seconds
        figures[f"{fmt}_fields_right"] = right / fields
        print(f"{fmt:<8}{len(files):>4}{len(files) / seconds:>12.1f}{right / fields:>13.1%}")
    office = [p for fmt in sorted(_OFFICE & set(groups)) for p, _ in groups[fmt]]
    if office:
        t0 = time.perf_counter()
        with converted_in_batch(office):
            for path in office:
                _read(path)
        rate = len(office) / (time.perf_counter() - t0)
        figures["office_batch_files_per_s"] = rate
        print(f"{'/'.join(sorted(_OFFICE))} 一次批量转换 {len(office)} 个文件：每秒 {rate:.1f} 个")
    figures["fields_right"] = total_right / total_fields
    print(f"全部字段正确率 {figures['fields_right']:.1%}（{total_right}/{total_fields}）")
    if args.fresh:
        figures.update(_fresh(args.fresh))
    return figures


def _fresh(per_seed: int) -> dict[str, float]:
    """Fields right on random variants drawn now (web copies and OFD layouts)."""
    import random
    import shutil

    from bench import ingest_variants as V

    rng = random.Random(20261202)  # not the draws the rules were debugged on
    folder = Path(tempfile.mkdtemp(prefix="bench-fresh-"))
    scores: dict[str, list[int]] = {"web": [0, 0], "ofd": [0, 0], "pdf": [0, 0]}
    try:
        for n in range(5):
            for k in range(per_seed):
                text, expect, markers = V.web_variant(rng, n)
                path = folder / f"web{n}_{k}.txt"
                path.write_text(text, encoding="utf-8")
                expect = {**expect, "furniture": markers}
                _score(scores["web"], _read(path), expect)
                path = folder / f"ofd{n}_{k}.ofd"
                expect, markers = V.ofd_variant(rng, n, path)
                _score(scores["ofd"], _read(path), {**expect, "furniture": markers})
            path = folder / f"pdf{n}.pdf"  # one per seed: LibreOffice prints slowly
            expect, markers = V.pdf_variant(rng, n, path)
            _score(scores["pdf"], _read(path), {**expect, "furniture": markers})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(V.fixtures.TMP, ignore_errors=True)
    out = {}
    for kind, (right, fields) in scores.items():
        out[f"fresh_{kind}_fields_right"] = right / fields
        count = 1 if kind == "pdf" else per_seed
        print(f"随机新样本（{kind}，每个种子 {count} 份）字段正确率 {right / fields:.1%}"
              f"（{right}/{fields}）")
    return out


def _score(tally: list[int], plan, expect: dict) -> None:
    tally[0] += sum(_right(plan, expect).values()) if plan is not None else 0
    tally[1] += len(FIELDS)


if __name__ == "__main__":
    main()
