"""The diff as one self-contained HTML page for e-mail: inline CSS only, no scripts or links.

Mail clients drop ``<style>`` blocks, so every element carries its own ``style``. Deletions are
struck through in red and insertions underlined in green, which also reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from drafter.diff.labels import STATUS_NAMES, pair_tag, section_tag
from drafter.diff.model import SAME, ItemPair, PlanDiff, SectionPair
from drafter.diff.segments import (
    DEL,
    INS,
    NUM,
    Segment,
    base_side,
    by_item,
    draft_side,
    elide,
    pair_segments,
    segments,
)

FONT = "'FangSong','仿宋','STFangsong','SimSun',serif"
CSS_BODY = f"font-family:{FONT};font-size:16px;line-height:1.8;color:#222;max-width:60em"
CSS_DEL = "color:#c00000;text-decoration:line-through;background:#fde8e8"
CSS_INS = "color:#006100;text-decoration:underline;background:#e6f4e6"
CSS_NUM = "color:#7a1fa2;font-weight:bold"
CSS_TAG = "font-size:13px;color:#555;border:1px solid #999;padding:0 4px;margin-right:4px"
CSS_SAME = "color:#777"
CSS_CELL = "border:1px solid #ccc;padding:4px 8px;vertical-align:top"


def marked_html(segs: Sequence[Segment]) -> str:
    """Stretches as HTML with ``<del>``, ``<ins>`` and number spans."""
    out = []
    for s in segs:
        text = escape(s.text)
        if s.kind == DEL:
            out.append(f'<del style="{CSS_DEL}">{text}</del>')
        elif s.kind == INS:
            out.append(f'<ins style="{CSS_INS}">{text}</ins>')
        elif s.kind == NUM and s.number is not None:
            out.append(f'<span style="{CSS_NUM}">{escape(s.number.label)}</span>')
        else:
            out.append(text)
    return "".join(out)


def render_html(diff: PlanDiff, *, only_changes: bool = False, side_by_side: bool = False) -> str:
    """The whole diff as an HTML document."""
    title = f"年度对比：《{diff.base_title}》→《{diff.draft_title}》"
    body = [f'<h2 style="font-size:20px">{escape(title)}</h2>', _summary(diff)]
    if any(c.op != "equal" for c in diff.title_changes):
        body.append(f"<p><b>标题：</b>{marked_html(segments(diff.title_changes))}</p>")
    if any(c.op != "equal" for c in diff.preamble_changes):
        segs = segments(diff.preamble_changes)
        body.append(f"<p><b>前言：</b>{marked_html(elide(segs) if only_changes else segs)}</p>")
    for section, pairs in diff.blocks():
        shown = [p for p in pairs if p.status != SAME or not only_changes]
        if only_changes and section.status == SAME and not shown:
            continue
        body.append(_section(section))
        if side_by_side:
            body.append(_table(shown, only_changes))
        else:
            body.extend(_item(p, only_changes) for p in shown)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f'<body style="{CSS_BODY}">' + "\n".join(body) + "</body></html>\n"
    )


def _summary(diff: PlanDiff) -> str:
    names = ("same", "changed", "moved", "added", "removed", "split", "merged")
    counts = diff.summary.as_dict()
    head = "".join(f'<th style="{CSS_CELL}">{STATUS_NAMES[n]}</th>' for n in names)
    row = "".join(f'<td style="{CSS_CELL};text-align:center">{counts[n]}</td>' for n in names)
    parts = [f'<table style="border-collapse:collapse"><tr>{head}</tr><tr>{row}</tr></table>']
    changed = [t for t in diff.targets if t.status != "kept"]
    if changed:
        items = "；".join(
            f"{escape(t.subject)}"
            f"{'（上年为“' + escape(t.base_subject) + '”）' if t.base_subject else ''}"
            f"：{escape(t.base or '（无）')}→{escape(t.draft or '（无）')}"
            f'<span style="{CSS_NUM}">（{t.status_name}）</span>'
            for t in changed
        )
        parts.append(f"<p><b>指标变化：</b>{items}</p>")
    numbers = [n for p in diff.pairs for n in p.numbers if not n.subject]
    if numbers:
        items = "；".join(
            f'{escape(n.context.lstrip("，。；、,;"))}<span style="{CSS_NUM}">'
            f"{escape(n.label)}</span>"
            for n in numbers
        )
        parts.append(f"<p><b>数字变化：</b>{items}</p>")
    return "\n".join(parts)


def _tag(text: str) -> str:
    return f'<span style="{CSS_TAG}">{escape(text)}</span>'


def _section(pair: SectionPair) -> str:
    ref = pair.draft or pair.base
    assert ref is not None
    if pair.base and pair.draft:
        title = marked_html(segments(pair.title_changes))
    else:
        title = marked_html([Segment(INS if pair.draft else DEL, ref.title)])
    tag = _tag(section_tag(pair)) if pair.status != SAME else ""
    html = f'<h3 style="font-size:18px;margin:1em 0 .3em">{escape(ref.label)}{title} {tag}</h3>'
    if pair.intro_changed:
        html += f"<p>{marked_html(segments(pair.intro_changes))}</p>"
    return html


def _drafted(pair: ItemPair, segs: list[Segment], only_changes: bool) -> list[str]:
    """Each draft item of the pair (several for a split) as label + marked text."""
    paired = pair.base is not None and pair.draft is not None
    out = []
    for ref, part in by_item(pair, segs):
        shown = elide(part) if only_changes and paired else part
        out.append(f"<b>{escape(ref.label)}</b>{marked_html(shown)}")
    return out


def _item(pair: ItemPair, only_changes: bool) -> str:
    style = f' style="{CSS_SAME}"' if pair.status == SAME else ""
    tag = _tag(pair_tag(pair)) if pair.status != SAME else ""
    lines = _drafted(pair, pair_segments(pair), only_changes)
    return f"<p{style}>{tag}" + "<br>".join(lines) + "</p>"


def _table(pairs: Sequence[ItemPair], only_changes: bool) -> str:
    rows = [f'<tr><th style="{CSS_CELL}">去年</th><th style="{CSS_CELL}">今年</th></tr>']
    for p in pairs:
        segs = pair_segments(p)
        paired = p.base is not None and p.draft is not None
        left = ""
        if p.base is not None:
            side = base_side(segs)
            left = f"<b>{escape(p.base.label)}</b>" + marked_html(
                elide(side) if only_changes and paired else side
            )
        right = _tag(pair_tag(p)) if p.status != SAME else ""
        if p.draft is not None:
            right += "<br>".join(_drafted(p, draft_side(segs), only_changes))
        style = f"{CSS_CELL};{CSS_SAME}" if p.status == SAME else CSS_CELL
        rows.append(f'<tr><td style="{style}">{left}</td><td style="{style}">{right}</td></tr>')
    return (
        '<table style="border-collapse:collapse;width:100%;table-layout:fixed">'
        + "".join(rows)
        + "</table>"
    )
