"""Speed of importing a reviewed .docx: read the revisions and comments, align, map.

    python bench/bench_review.py [--runs 10]

Each seed plan's next-year draft is written in WPS's XML style with eleven reviewer edits
(replacements, insertions, comments, a deleted and an inserted item, an edit with 修订 off)
and imported; the figure is the median time per file, jieba already warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from review_wps import WpsDoc, unique  # noqa: E402

from bench.synth import seed_plans  # noqa: E402
from drafter.draft import new_draft  # noqa: E402
from drafter.model import Plan  # noqa: E402
from drafter.review.propose import read_review  # noqa: E402


def reviewed(d: Plan, path: Path) -> Path:
    """A reviewer's file with eleven changes spread over the draft."""
    doc = WpsDoc(d)
    items = [it for *_, it in d.iter_items()]
    for k, it in enumerate(items[::max(1, len(items) // 8)][:8]):
        words = unique(d, it.text)
        if k % 2:
            doc.replace(words, "切实", "张局长", "2024-03-05T09:00:00")
        else:
            doc.comment(it.heading or words, "请核实", "李副局长", "2024-03-05T09:10:00")
    last = d.sections[-1].items[-1]
    doc.delete_paragraph(last.label + last.heading[:5], "张局长", "2024-03-05T09:20:00")
    first = d.sections[0].items[0]
    doc.insert_paragraph(first.label + first.heading[:5], "（二）新增条目。加强服务。",
                         "张局长", "2024-03-05T09:30:00")
    doc.edit_plain(unique(d, items[1].body or items[1].text, tail=True), "全面")
    return doc.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for k, plan in enumerate(seed_plans()):
            d = new_draft(plan, (plan.meta.year or 2022) + 1)
            cases.append((d, reviewed(d, Path(tmp) / f"r{k}.docx")))
        read_review(*cases[0])  # jieba warm-up
        for d, path in cases:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                review = read_review(d, path)
                times.append(time.perf_counter() - start)
            print(f"{d.meta.title[:16]:<18} {d.item_count():>3} 条  {len(review.proposals):>2} 条意见  "
                  f"导入中位数 {statistics.median(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
