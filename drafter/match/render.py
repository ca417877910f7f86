"""Rich text for hits and their explanations (the CLI prints these; the TUI can show them)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from drafter.match.engine import Hit
from drafter.match.explain import ONLY, SHARED, Explanation, Span, explain

STYLE_SHARED = "green"
"""Words the hit shares with the query."""
STYLE_ONLY = "bold yellow underline"
"""Words only the hit has: what it adds."""
STYLE_MISSING = "dim strike"
"""Words only the query has (when the query is shown)."""
STYLE_SOURCE = "bold cyan"
"""The hit's source line."""
STYLE_OWN = "bold magenta"
"""The mark of a hit from the writer's own office."""
OWN_MARK = "【本单位往年】"
"""What marks a hit from the writer's own office."""


def spans_text(spans: Sequence[Span], only_style: str = STYLE_ONLY) -> Text:
    """A text with shared and only-here spans highlighted."""
    out = Text()
    for span in spans:
        style = STYLE_SHARED if span.kind == SHARED else only_style if span.kind == ONLY else ""
        out.append(span.text, style=style)
    return out


def source_line(hit: Hit, rank: int | None = None) -> Text:
    """``1. 87.5 分  湘西州民政局 2023 · 五、强化儿童福利… （二）``."""
    out = Text()
    if rank is not None:
        out.append(f"{rank}. ", style="bold")
    out.append(f"{hit.score:.1f} 分  ", style="bold")
    if hit.own:
        out.append(OWN_MARK, style=STYLE_OWN)
    where = " ".join(str(x) for x in (hit.issuer or hit.plan, hit.year or "") if x)
    out.append(where, style=STYLE_SOURCE)
    if hit.region and hit.region not in (hit.issuer or ""):
        out.append(f"（{hit.region}）", style="cyan")
    if hit.section:
        out.append(f" · {hit.section}", style="cyan")
    if hit.item:
        out.append(f" {hit.item}", style="cyan")
    return out


def also_in_line(hit: Hit) -> Text:
    """``另见：湘西州民政局 2023（三）；…`` for the plans a folded hit also appears in."""
    out = Text()
    if not hit.also_in:
        return out
    out.append("另见：", style="bold")
    out.append("；".join(
        " ".join(str(x) for x in (p.issuer or p.plan, p.year or "") if x) + (p.item or "")
        for p in hit.also_in
    ), style="cyan")
    return out


def hit_text(hit: Hit, explanation: Explanation, rank: int | None = None) -> Text:
    """A hit's source line, its highlighted text and what it adds."""
    out = Text()
    out.append_text(source_line(hit, rank))
    out.append("\n")
    out.append_text(spans_text(explanation.hit))
    if hit.also_in:
        out.append("\n")
        out.append_text(also_in_line(hit))
    if explanation.added:
        out.append("\n")
        out.append("新增表述：", style="bold")
        out.append("；".join(explanation.added[:5]), style=STYLE_ONLY)
    return out


NOTHING = "没有找到相似的表述。可换个说法，或放宽 --year / --issuer 等条件。"
"""Said when a search finds nothing."""


def hits_view(query: str, hits: Sequence[Hit], nothing: str = NOTHING) -> Group:
    """Every hit with its explanation, and a legend; ``nothing`` when nothing was found."""
    if not hits:
        return Group(Text(nothing))
    legend = Text()
    legend.append("图例：")
    legend.append("相同的词", style=STYLE_SHARED)
    legend.append("  ")
    legend.append("对方新增的词", style=STYLE_ONLY)
    if any(h.own for h in hits):
        legend.append("  ")
        legend.append(OWN_MARK, style=STYLE_OWN)
        legend.append("本单位以前年度的写法")
    parts: list[Text] = [legend]
    for rank, hit in enumerate(hits, 1):
        parts.append(Text(""))
        parts.append(hit_text(hit, explain(query, hit.text), rank))
    return Group(*parts)
