"""Speed of the export: a plan of about 20 pages written as .docx (GB/T 9704), .md and .txt.

    python bench/bench_export.py [--runs 20]

The plan is seed 000 followed by sections of seed 001 (two real plans), about 20 pages at
22 lines × 28 characters. Figures: the median time to build and serialise each format in
memory (no disk, no LibreOffice), and the same for the .docx behind a red-header notice with
a 版记.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import seed_plans
from drafter.export import export_bytes, notice_from_plan
from drafter.export.document import numbered
from drafter.export.profile import load_profile
from drafter.model import Plan

PAGES = 20


def twenty_pages() -> Plan:
    """Seed 000 followed by sections of seed 001 until the plan fills about 20 pages."""
    first, second = seed_plans()[0], seed_plans()[1]
    plan = first
    for section in second.sections:
        if estimated_pages(plan) >= PAGES:
            break
        plan = replace(plan, sections=(*plan.sections, section))
    return plan


def estimated_pages(plan: Plan) -> float:
    """Pages at 22 lines of 28 characters (two-character indent on every paragraph)."""
    grid = load_profile().grid
    paragraphs = list(plan.preamble)
    for label, section, items in numbered(plan):
        paragraphs.append(label + section.title)
        paragraphs += section.intro
        paragraphs += [lab + it.heading + it.body for lab, it in items]
    lines = sum(math.ceil((len(p) + 2) / grid.chars_per_line) for p in paragraphs) + 3
    return lines / grid.lines_per_page


def median_ms(fn, runs: int) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    plan = twenty_pages()
    profile = load_profile()
    notice = replace(notice_from_plan(plan), copies_to="区委办公室", printer="区民政局办公室")
    print(f"plan: {plan.item_count()} items, about {estimated_pages(plan):.1f} pages")
    export_bytes(plan, profile=profile)  # warm-up: imports, template load
    for label, kwargs in (
        ("docx", {"fmt": "docx"}),
        ("docx + notice + 版记", {"fmt": "docx", "notice": notice}),
        ("md", {"fmt": "md"}),
        ("txt", {"fmt": "txt"}),
    ):
        ms = median_ms(lambda kw=kwargs: export_bytes(plan, profile=profile, **kw), args.runs)
        print(f"{label:<22} median {ms:7.1f} ms over {args.runs} runs")


if __name__ == "__main__":
    main()
