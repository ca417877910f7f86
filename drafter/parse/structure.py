"""The structure parser: cleaned lines → a Plan with notice, preamble, sections and items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafter import rx
from drafter.errors import InputError
from drafter.model import (
    ARABIC as STYLE_ARABIC,
)
from drafter.model import (
    PAREN as STYLE_PAREN,
)
from drafter.model import (
    PAREN_CONTINUOUS,
    Item,
    Meta,
    Plan,
    Section,
    SubItem,
    Warning,
)
from drafter.model import (
    SHI as STYLE_SHI,
)
from drafter.parse import labels as L
from drafter.parse import metadata as M
from drafter.parse.record import ATTACHMENT_NOTE, split_record

_MINSHENG = rx.compile(r"民生实事|为民办实事|实事项目|主要指标|重点项目")
_SENTENCE_END = "。！？"
_MAX_HEADING = 80
_ITEM_KINDS = (L.PAREN, L.SHI, L.ARABIC)
_STYLE_OF = {L.PAREN: STYLE_PAREN, L.SHI: STYLE_SHI, L.ARABIC: STYLE_ARABIC}
_MANGLED = (
    (rx.compile(r"(?<![\d年])((?:19|20)\d{2})(\d{1,2})(\d{1,2})日"), "日期缺少“年”“月”"),
    (rx.compile(r"[〔\[]((?:19|20)\d{2})(\d{1,4})号"), "文号缺少“〕”"),
)


@dataclass
class _Open:
    """An item being assembled."""

    label: L.Label
    line_no: int
    paragraphs: list[str] = field(default_factory=list)
    subitems: list[SubItem] = field(default_factory=list)


def parse_lines(lines: tuple[str, ...], web_meta: dict[str, str], where: str) -> Plan:
    """Parse cleaned lines into a Plan (warnings included, no id)."""
    warnings: list[Warning] = []
    lines, record = split_record(lines)
    title_at = _find_title(lines)
    first_section = _first_section(lines, title_at + 1 if title_at is not None else 0)
    partial = first_section is None
    if first_section is None:
        if title_at is None:
            raise InputError(f"{where} 看起来不是工作要点：没有找到“一、”这样的章节标题。")
        first_section = len(lines)  # a copy cut after the preamble: all of it is preamble
        warnings.append(Warning(
            "partial", "只有标题和导语，没有找到“一、”这样的章节：按不完整的要点导入。"
        ))
    if title_at is None or title_at >= first_section:
        title_at = None
        notice_lines = list(lines[:first_section])
        body_start = first_section
        preamble_lines: list[str] = []
        warnings.append(Warning("no-title", "没有找到“YYYY年…工作要点”这样的标题。"))
    else:
        notice_lines = list(lines[:title_at])
        body_start = title_at + 1
    body = list(lines[body_start:])
    tail, body = _split_tail(body)
    parts = M.parse_notice(notice_lines)
    parts.notice_body = [p for p in parts.notice_body if not ATTACHMENT_NOTE.match(p)]
    for line in tail:
        if (date := M.normalize_date(line)) is not None:
            parts.end_date = date
        elif M.NOTES.match(line):
            parts.notes = parts.notes or M.NOTES.match(line)["text"]  # type: ignore[index]
        else:
            parts.end_signature = line

    sections, preamble_lines, item_kinds, sec_warnings = _parse_body(body, body_start)
    warnings.extend(sec_warnings)
    warnings.extend(_mangled_numbers(lines))

    title = lines[title_at] if title_at is not None else ""
    title = title.strip("《》")
    meta = _meta(title, parts, web_meta, "\n".join(lines), warnings)
    if record is not None:
        meta = replace(meta, copies_to=record.copies_to or None, printer=record.printer or None,
                       print_date=record.print_date or None)  # fmt: skip
    style = _plan_style(sections, item_kinds)
    return Plan(
        meta=meta,
        preamble=tuple(preamble_lines),
        sections=tuple(sections),
        item_style=style,
        warnings=tuple(warnings),
        partial=partial,
    )


def _find_title(lines: tuple[str, ...]) -> int | None:
    for i, line in enumerate(lines):
        if M.is_title(line):
            return i
    return None


def _is_section(line: str, expected: int) -> L.Label | None:
    label = L.find_label(line)
    if label is None or label.kind != L.SECTION:
        return None
    rest = label.rest
    if not rest or len(rest) > 60 or (rest[-1] in "。；" and len(rest) > 30):
        return None
    if expected <= label.number <= expected + 2 or (expected == 1 and label.number == 1):
        return label
    return None


def _first_section(lines: tuple[str, ...], start: int) -> int | None:
    for i in range(start, len(lines)):
        label = _is_section(lines[i], 1)
        if label and label.number == 1:
            return i
    for i in range(0, len(lines)):
        label = _is_section(lines[i], 1)
        if label and label.number == 1:
            return i
    return None


def _split_tail(body: list[str]) -> tuple[list[str], list[str]]:
    """Pull the signature block (office, date, 附注) off the end of the plan."""
    tail: list[str] = []
    while body:
        line = body[-1]
        if M.normalize_date(line) or M.NOTES.match(line) or (
            M.is_org_line(line) and tail and not L.find_label(line)
        ):
            tail.insert(0, body.pop())
        else:
            break
    return tail, body


def _parse_body(
    body: list[str], offset: int
) -> tuple[list[Section], list[str], list[str], list[Warning]]:
    """Split the plan body into preamble and sections, each with its items."""
    warnings: list[Warning] = []
    preamble: list[str] = []
    chunks: list[tuple[L.Label, int, list[tuple[int, str]]]] = []
    expected = 1
    for i, line in enumerate(body):
        line_no = offset + i + 1
        label = _is_section(line, expected)
        if label is not None:
            if label.number != expected:
                warnings.append(Warning(
                    "numbering-gap",
                    f"章节编号不连续：应为“{L._render(L.SECTION, _cn(expected))}”，"
                    f"实为“{label.text}”。",
                    line_no,
                ))
            chunks.append((label, line_no, []))
            expected = label.number + 1
        elif chunks:
            chunks[-1][2].append((line_no, line))
        else:
            preamble.append(line)
    sections: list[Section] = []
    kinds: list[str] = []
    last_number = 0
    for label, line_no, lines in chunks:
        section, kind, last_number, w = _parse_section(label, line_no, lines, last_number)
        sections.append(section)
        warnings.extend(w)
        if kind:
            kinds.append(kind)
    return sections, preamble, kinds, warnings


def _section_item_kind(lines: list[tuple[int, str]]) -> str | None:
    """The label kind this section numbers its items with: the first seen at a line start."""
    for _, line in lines:
        label = L.find_label(line)
        if label and label.kind in _ITEM_KINDS:
            return label.kind
    return None


def _parse_section(
    head: L.Label, head_line: int, lines: list[tuple[int, str]], last_number: int
) -> tuple[Section, str | None, int, list[Warning]]:
    warnings: list[Warning] = []
    kind = _section_item_kind(lines)
    intro: list[str] = []
    items: list[_Open] = []
    sub_kinds = _deeper_kinds(kind)
    for line_no, line in lines:
        label = L.find_label(line)
        if label is not None and label.kind == kind:
            expected = items[-1].label.number + 1 if items else None
            if items and label.number != expected:
                warnings.append(Warning(
                    "numbering",
                    f"条目编号不连续：上一条为“{items[-1].label.text}”，此处为“{label.text}”。",
                    line_no,
                ))
            elif not items and kind == L.PAREN and label.number not in (1, last_number + 1):
                warnings.append(Warning(
                    "numbering",
                    f"本节第一条编号为“{label.text}”，既不是“（一）”也不接续上一节。",
                    line_no,
                ))
            items.append(_Open(label, line_no, [label.rest] if label.rest else []))
            continue
        if kind == L.PAREN and (label is None or label.kind == L.SECTION):
            expected_no = items[-1].label.number + 1 if items else last_number + 1
            broken = L.find_broken_paren(line, expected_no)
            if broken is not None:
                warnings.append(Warning(
                    "numbering-repaired",
                    f"条目编号“{line[: len(line) - len(broken.rest)]}”书写不全，按“{broken.text}”处理。",
                    line_no,
                ))
                items.append(_Open(broken, line_no, [broken.rest] if broken.rest else []))
                continue
        if items and label is not None and label.kind in sub_kinds:
            items[-1].subitems.append(SubItem(label.text, label.rest))
            continue
        if items:
            if items[-1].subitems:
                last = items[-1].subitems[-1]
                items[-1].subitems[-1] = SubItem(last.label, last.text + "\n" + line)
            else:
                items[-1].paragraphs.append(line)
        else:
            intro.append(line)
    built = tuple(_build_item(o) for o in items)
    if items:
        last_number = items[-1].label.number
    section_kind = "minsheng" if _MINSHENG.search(head.rest) else "tasks"
    section = Section(
        label=head.text, title=head.rest, intro=tuple(intro), items=built, kind=section_kind
    )
    return section, kind, last_number, warnings


def _deeper_kinds(kind: str | None) -> tuple[str, ...]:
    if kind in (L.PAREN, L.SHI):
        return (L.ARABIC, L.SUB_PAREN)
    if kind == L.ARABIC:
        return (L.SUB_PAREN,)
    return ()


def _build_item(o: _Open) -> Item:
    """Split the item's first paragraph into its lead sentence and the rest."""
    paragraphs = o.paragraphs or [""]
    first = paragraphs[0]
    if len(paragraphs) == 1 and len(first) <= 40 and first[-1:] not in "。；，、！？":
        # An outline entry: the item's heading with no body ("（一）强化理论武装").
        return Item(label=o.label.text, heading=first, body="", subitems=tuple(o.subitems))
    heading, rest = _split_heading(first)
    if not heading and len(paragraphs) > 1 and len(first) <= 40 and first[-1:] not in "；，、":
        heading, rest = first, ""  # heading on its own line, body below
        body_parts = paragraphs[1:]
    else:
        body_parts = [rest, *paragraphs[1:]] if rest else paragraphs[1:]
    body = "\n".join(p for p in body_parts if p)
    if heading and not rest and body and first is not heading:
        body = "\n" + body if not heading.endswith(tuple(_SENTENCE_END)) else body
    return Item(label=o.label.text, heading=heading, body=body, subitems=tuple(o.subitems))


def _split_heading(text: str) -> tuple[str, str]:
    """(lead sentence with its 。, rest) when the first sentence is short enough to be a heading."""
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            if i < _MAX_HEADING:
                return text[: i + 1], text[i + 1:]
            break
        if i >= _MAX_HEADING:
            break
    return "", text


def _plan_style(sections: list[Section], kinds: list[str]) -> str:
    """The plan's item style: the most common kind; （一） running through → continuous."""
    if not kinds:
        return STYLE_PAREN
    kind = max(set(kinds), key=kinds.count)
    style = _STYLE_OF[kind]
    if style == STYLE_PAREN:
        paren_sections = [s for s in sections if s.items and s.items[0].label.startswith("（")]
        if len(paren_sections) > 1 and any(
            s.items[0].label != "（一）" for s in paren_sections[1:]
        ):
            style = PAREN_CONTINUOUS
    return style


def _mangled_numbers(lines: tuple[str, ...]) -> list[Warning]:
    out = []
    for i, line in enumerate(lines, 1):
        for pattern, what in _MANGLED:
            for m in pattern.finditer(line):
                out.append(Warning("mangled-number", f"“{m.group(0)}”{what}，请核对原文。", i))
    return out


def _meta(
    title: str, parts: M.MetaParts, web: dict[str, str], text: str, warnings: list[Warning]
) -> Meta:
    m = M.TITLE.match(title) if title else None
    year = _plan_year(m, parts.notice_title, web.get("标题"))
    issuer = M.choose_issuer([
        parts.notice_signature,
        parts.end_signature,
        parts.issuer_line,
        M.issuer_from_notice_title(parts.notice_title),
        M.issuer_from_title_prefix(m["prefix"] if m else None),
        M.issuer_from_source(web.get("发布机构")),
        M.issuer_from_notice_title(web.get("标题")),
        M.issuer_from_source(web.get("信息来源")),
    ])
    if issuer is None and (guess := M.infer_issuer(text)):
        issuer = guess
        warnings.append(Warning("issuer-guessed", f"文中没有署名，按正文推断发文机关为“{guess}”。"))
    region, level = M.region_and_level(issuer, m["rest"] if m else "")
    date = parts.notice_date or parts.end_date or M.normalize_date(web.get("成文日期"))
    doc_number = parts.doc_number or M.normalize_doc_number(web.get("发文字号"))
    signature = parts.notice_signature or parts.end_signature
    return Meta(
        title=title,
        year=year,
        issuer=issuer,
        region=region,
        level=level,
        doc_number=doc_number,
        date=date,
        addressees=parts.addressees,
        signature=signature,
        notice=tuple(parts.notice_body),
        notes=parts.notes,
    )


def _plan_year(title: re.Match[str] | None, *titles: str | None) -> int | None:
    """The plan year: the year in the plan's title, else in a notice or page title; never a
    publication date (a 2020 plan can be issued in 2021)."""
    if title is not None:
        return int(title["year"])
    for text in titles:
        found = re.search(r"((?:19|20)\d{2})\s*年[^，。；]{0,30}?(?:工作要点|工作计划|要点)", text or "")
        if found:
            return int(found.group(1))
    return None


def _cn(n: int) -> str:
    from drafter.numbering import int_to_cn

    return int_to_cn(n)
