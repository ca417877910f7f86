"""The diff in the terminal with rich: a summary, then the plan with changes marked.

Deletions and insertions carry colour and also marks that survive printing and colour
blindness: ``[-删去-]`` and ``{+新增+}``; a changed figure reads ``650→680元/月``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from drafter.diff.labels import (
    DEL_CLOSE,
    DEL_OPEN,
    INS_CLOSE,
    INS_OPEN,
    NUMBER_ARROW,
    STATUS_NAMES,
    pair_tag,
    section_tag,
)
from drafter.diff.model import SAME, Change, ItemPair, PlanDiff, SectionPair
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

STYLE_DEL = "red strike"
STYLE_INS = "green underline"
STYLE_NUM = "bold magenta"
STYLE_TAG = {
    "same": "dim",
    "changed": "yellow",
    "moved": "cyan",
    "added": "green",
    "removed": "red",
    "split": "blue",
    "merged": "blue",
}


def marked(segs: Sequence[Segment], *, marks: bool = True) -> Text:
    """Stretches as rich Text: colour plus, when ``marks``, the black-and-white marks."""
    text = Text()
    for s in segs:
        if s.kind == DEL:
            text.append(f"{DEL_OPEN}{s.text}{DEL_CLOSE}" if marks else s.text, STYLE_DEL)
        elif s.kind == INS:
            text.append(f"{INS_OPEN}{s.text}{INS_CLOSE}" if marks else s.text, STYLE_INS)
        elif s.kind == NUM and s.number is not None:
            text.append(s.number.label, STYLE_NUM)
        else:
            text.append(s.text)
    return text


def summary(diff: PlanDiff) -> RenderableType:
    """Counts per status, changed figures and, when the ledger is present, changed targets."""
    s = diff.summary
    title = Text.assemble(
        ("年度对比：", "bold"), f"《{diff.base_title}》", " → ", f"《{diff.draft_title}》"
    )
    counts = Table.grid(padding=(0, 2))
    names = ("same", "changed", "moved", "added", "removed", "split", "merged")
    counts.add_row(*(Text(STATUS_NAMES[n], STYLE_TAG[n]) for n in names))
    values = s.as_dict()
    counts.add_row(*(Text(str(values[n]), "bold") for n in names))
    parts: list[RenderableType] = [title, counts]
    if s.sections_changed:
        parts.append(Text(f"部分（一、二、…）有变化：{s.sections_changed}处"))
    numbers = [n for p in diff.pairs for n in p.numbers if not n.subject]
    if numbers:
        line = Text("数字变化：", "bold")
        for k, n in enumerate(numbers):
            if k:
                line.append("；")
            line.append(n.context.lstrip("，。；、,;：:"))
            line.append(n.label, STYLE_NUM)
        parts.append(line)
    changed = [t for t in diff.targets if t.status != "kept"]
    if changed:
        line = Text("指标变化：", "bold")
        for k, t in enumerate(changed):
            if k:
                line.append("；")
            renamed = f"（上年为“{t.base_subject}”）" if t.base_subject else ""
            line.append(f"{t.subject}{renamed}：{t.base or '（无）'}{NUMBER_ARROW}"
                        f"{t.draft or '（无）'}")
            line.append(f"（{t.status_name}）", STYLE_NUM)
        parts.append(line)
    kept = [t for t in diff.targets if t.status == "kept"]
    if kept:
        line = Text("标准未调整：", "bold")
        line.append("；".join(f"{t.subject}（{t.draft}）" for t in kept))
        parts.append(line)
    return Group(*parts)


def render(
    diff: PlanDiff,
    *,
    only_changes: bool = False,
    side_by_side: bool = False,
    marks: bool = True,
) -> list[RenderableType]:
    """The whole diff as rich renderables: summary, title, preamble, then section by section."""
    out: list[RenderableType] = [summary(diff), Rule()]
    if _changed(diff.title_changes) or not only_changes:
        out.append(Text.assemble(("标题：", "bold"), _inline(diff.title_changes, False, marks)))
    if _changed(diff.preamble_changes):
        out.append(
            Text.assemble(("前言：", "bold"), _inline(diff.preamble_changes, only_changes, marks))
        )
    for section, pairs in diff.blocks():
        shown = [p for p in pairs if p.status != SAME or not only_changes]
        if only_changes and section.status == SAME and not shown:
            continue
        out.append(_section_line(section, marks))
        if section.intro_changed:
            intro = _inline(section.intro_changes, only_changes, marks)
            out.append(Padding(Text.assemble(("引言：", "bold"), intro), (0, 0, 0, 2)))
        if side_by_side:
            if shown:
                out.append(_side_by_side(shown, only_changes, marks))
        else:
            out.extend(_item_line(p, only_changes, marks) for p in shown)
    return out


def _changed(changes: Sequence[Change]) -> bool:
    return any(c.op != "equal" for c in changes)


def _inline(changes: Sequence[Change], only_changes: bool, marks: bool) -> Text:
    segs = segments(changes)
    return marked(elide(segs) if only_changes else segs, marks=marks)


def _section_line(pair: SectionPair, marks: bool) -> Text:
    ref = pair.draft or pair.base
    assert ref is not None
    line = Text(ref.label, "bold")
    if pair.base and pair.draft:
        title = marked(segments(pair.title_changes), marks=marks)
        title.stylize("bold")
        line.append_text(title)
    else:
        style = STYLE_INS if pair.draft else STYLE_DEL
        o, c = (INS_OPEN, INS_CLOSE) if pair.draft else (DEL_OPEN, DEL_CLOSE)
        line.append(f"{o}{ref.title}{c}" if marks else ref.title, f"bold {style}")
    if pair.status != SAME:
        line.append(f"  ［{section_tag(pair)}］", STYLE_TAG[pair.status])
    return line


def _shorten(segs: list[Segment], only_changes: bool, paired: bool) -> list[Segment]:
    """In only-changes mode, unchanged text around changes is elided (whole removed or added
    items are kept: a reviewer needs to read them)."""
    if not (only_changes and paired):
        return segs
    return elide(segs)


def _item_line(pair: ItemPair, only_changes: bool, marks: bool) -> RenderableType:
    paired = pair.base is not None and pair.draft is not None
    lines = []
    for k, (ref, part) in enumerate(by_item(pair, pair_segments(pair))):
        line = Text()
        if pair.status != SAME and k == 0:
            line.append(f"［{pair_tag(pair)}］", STYLE_TAG[pair.status])
        line.append(ref.label, "bold" if pair.status != SAME else "dim")
        body = marked(_shorten(part, only_changes, paired), marks=marks)
        if pair.status == SAME:
            body.stylize("dim")
        line.append_text(body)
        lines.append(line)
    return Padding(Group(*lines), (0, 0, 0, 2))


def _side_by_side(pairs: Sequence[ItemPair], only_changes: bool, marks: bool) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("去年", ratio=1, overflow="fold")
    table.add_column("今年", ratio=1, overflow="fold")
    for p in pairs:
        segs = pair_segments(p)
        paired = p.base is not None and p.draft is not None
        left = Text(p.base.label if p.base else "", "bold")
        if p.base is not None:
            left.append_text(marked(_shorten(base_side(segs), only_changes, paired), marks=marks))
        right = Text()
        if p.status != SAME:
            right.append(f"［{pair_tag(p)}］", STYLE_TAG[p.status])
        if p.draft is not None:
            for k, (ref, part) in enumerate(by_item(p, draft_side(segs))):
                right.append(("\n" if k else "") + ref.label, "bold")
                right.append_text(marked(_shorten(part, only_changes, paired), marks=marks))
        if p.status == SAME:
            left.stylize("dim")
            right.stylize("dim")
        table.add_row(left, right)
    return table


def print_diff(
    diff: PlanDiff,
    console: Console,
    *,
    only_changes: bool = False,
    side_by_side: bool = False,
    pager: bool | None = None,
) -> None:
    """Print the diff; page it when the console is a terminal and it is taller than one screen
    (``pager=None``), or as ``pager`` says."""
    parts = render(diff, only_changes=only_changes, side_by_side=side_by_side)
    if pager is None:
        pager = console.is_terminal and _height(console, parts) > console.size.height
    if pager:
        with console.pager(styles=True):
            _print_all(console, parts)
    else:
        _print_all(console, parts)


def _print_all(console: Console, parts: Sequence[RenderableType]) -> None:
    for part in parts:
        console.print(part)


def _height(console: Console, parts: Sequence[RenderableType]) -> int:
    """How many terminal lines the renderables take at the console's width."""
    return sum(len(console.render_lines(p, pad=False)) for p in parts)
