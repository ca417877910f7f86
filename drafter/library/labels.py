"""How a plan is named in a list: year, issuer, title, and what tells two alike apart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from drafter.library.summary import PlanSummary


def plan_label(s: PlanSummary) -> str:
    """``2022年 重庆市涪陵区民政局 2022年全区民政工作要点``; unknown parts said in words."""
    year = f"{s.year}年" if s.year else "年份不详"
    who = s.issuer or s.region or "发文机关不详"
    return f"{year} {who} {s.title or '（无标题）'}"


def plan_labels(summaries: Sequence[PlanSummary]) -> list[str]:
    """A label for each plan, in order; plans that would read the same get their file name
    (or, failing that, their library id) added, so no two labels are alike."""
    base = [plan_label(s) for s in summaries]
    repeated = Counter(base)
    labels = []
    for s, label in zip(summaries, base, strict=True):
        if repeated[label] > 1:
            source = PurePath(s.source_file).name if s.source_file else ""
            label = f"{label}（{source}，编号 {s.id}）" if source else f"{label}（编号 {s.id}）"
        labels.append(label)
    return labels
