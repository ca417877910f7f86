"""Checks on the plan's form: numbering, empty sections, repeated items, punctuation, formats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from drafter import rx
from drafter.checks.model import INFO, WARNING, Finding
from drafter.checks.paragraphs import plan_paragraphs
from drafter.model import Item, Plan, Section
from drafter.numbering import cn_to_int, int_to_cn

#: Item-level similarity (0–100) above which two items count as duplicates.
DUPLICATE_ITEM_SCORE = 90.0
#: Sentence-level similarity above which two items share a sentence.
DUPLICATE_SENTENCE_SCORE = 92.0
#: Clauses shorter than this are too common to report as repeated.
MIN_SENTENCE = 24

_LABEL_STYLES = (
    ("paren", rx.compile(r"^[（(]([零一二三四五六七八九十百]+)[）)]$")),
    ("shi", rx.compile(r"^([零一二三四五六七八九十百]+)是$")),
    ("arabic", rx.compile(r"^(\d+)[.．、]?$")),
    ("paren-arabic", rx.compile(r"^[（(](\d+)[）)]$")),
)
_STYLE_NAMES = {"paren": "（一）", "shi": "一是", "arabic": "1.", "paren-arabic": "（1）"}
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]"
_ASCII_PUNCT = rx.compile(rf"(?<={_CJK})\s*[,;:?!()](?!\d)|[,;:?!()]\s*(?={_CJK})")
_MANGLED_DATE = rx.compile(r"(?<![\d〔年])(20\d{2})([01]?\d)([0-3]?\d)日")
_NUMERIC_DATE = rx.compile(r"(?<!\d)(20\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)")
_DOC_NUMBER_OPEN = rx.compile(r"〔(\d{4,})(?!\d*〕)")
_DOC_NUMBER_BRACKETS = rx.compile(r"[\[［【(（](20\d{2})[\]］】)）]\s*\d+\s*号")
#: Clauses compared for repeats: long runs between commas and stops.
_SENTENCE = rx.compile(r"[^，,。；;！？!?]+[，,。；;！？!?]?")
_REPAIRED_LABEL = rx.compile(r"按“([^”]+)”处理")


def check_structure(plan: Plan) -> list[Finding]:
    """Every form check on a plan, in the plan's order within each check."""
    return [
        *check_numbering(plan),
        *check_empty_sections(plan),
        *check_duplicates(plan),
        *check_punctuation(plan),
        *check_formats(plan),
    ]


def label_number(label: str) -> tuple[str, int] | None:
    """The style and number of an item label: ``（十三）`` → ("paren", 13); None if unknown."""
    for style, pattern in _LABEL_STYLES:
        m = pattern.match(label.strip())
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else cn_to_int(raw)
            return (style, n) if n else None
    return None


def check_numbering(plan: Plan) -> list[Finding]:
    """Section and item numbers out of sequence, mixed item styles, labels the parser repaired."""
    findings = list(_section_numbering(plan.sections))
    continuous = plan.item_style == "paren-continuous"
    running = 0
    for section in plan.sections:
        styles: dict[str, int] = {}
        position: dict[str, int] = {}
        for item in section.items:
            parsed = label_number(item.label)
            if parsed is None:
                continue
            style, n = parsed
            styles[style] = styles.get(style, 0) + 1
            if continuous and style == "paren":
                running += 1
                expected = running
            else:
                position[style] = position.get(style, 0) + 1
                expected = position[style]
            if "(" in item.label or ")" in item.label:
                findings.append(_item_finding(section, item, "numbering", WARNING,
                                              f"编号“{item.label}”用了半角括号。",
                                              item.label, "改为全角括号（）。"))
            if n != expected:
                want = _label(style, expected)
                findings.append(_item_finding(
                    section, item, "numbering", WARNING,
                    f"编号“{item.label}”不连续，按顺序应为“{want}”。", item.label,
                    f"改为“{want}”，或检查是否漏了、多了条目。"))
        if len(styles) > 1:
            names = "、".join(_STYLE_NAMES[s] for s in styles)
            findings.append(Finding(code="numbering", severity=WARNING,
                                    message=f"“{section.title}”中混用了{names}几种条目编号。",
                                    section=section.title, evidence=names,
                                    suggestion="同一层级统一用一种编号。"))
    findings.extend(_repaired_labels(plan))
    return findings


def _section_numbering(sections: tuple[Section, ...]) -> Iterator[Finding]:
    """Sections whose 一、二、 numbers skip or repeat."""
    expected = 0
    for section in sections:
        m = re.match(r"^([零一二三四五六七八九十百]+)、$", section.label.strip())
        if not m:
            continue
        expected += 1
        n = cn_to_int(m.group(1))
        if n != expected:
            want = f"{int_to_cn(expected)}、"
            yield Finding(code="numbering", severity=WARNING,
                          message=f"部分编号“{section.label}”不连续，按顺序应为“{want}”。",
                          section=section.title, evidence=section.label,
                          suggestion=f"改为“{want}”。")


def _repaired_labels(plan: Plan) -> Iterator[Finding]:
    """Labels the parser found written incompletely (十三) without its bracket, a bare 三十一)."""
    for warning in plan.warnings:
        if warning.code != "numbering-repaired":
            continue
        m = _REPAIRED_LABEL.search(warning.message)
        label = m.group(1) if m else ""
        section, item = _find_label(plan, label)
        yield Finding(code="numbering", severity=WARNING, message=warning.message,
                      section=section.title if section else "",
                      item=item.label if item else label, item_id=item.id if item else "",
                      evidence=label, suggestion="按正确格式补全编号。")


def _find_label(plan: Plan, label: str) -> tuple[Section | None, Item | None]:
    """The first item with this label, or (None, None)."""
    for _si, _ii, section, item in plan.iter_items():
        if label and item.label == label:
            return section, item
    return None, None


def _label(style: str, n: int) -> str:
    """The label of item n in a style."""
    if style == "paren":
        return f"（{int_to_cn(n)}）"
    if style == "shi":
        return f"{int_to_cn(n)}是"
    if style == "paren-arabic":
        return f"（{n}）"
    return f"{n}."


def check_empty_sections(plan: Plan) -> list[Finding]:
    """Sections with neither items nor paragraphs."""
    return [
        Finding(code="empty-section", severity=WARNING,
                message=f"“{s.label}{s.title}”下没有任何内容。", section=s.title,
                evidence=s.label + s.title, suggestion="补写内容或删去这一部分。")
        for s in plan.sections if not s.items and not any(p.strip() for p in s.intro)
    ]


def check_duplicates(plan: Plan) -> list[Finding]:
    """Items that repeat another item, or share a long sentence with one."""
    items = [(section, item) for _si, _ii, section, item in plan.iter_items()]
    texts = [_normal(item.text) for _s, item in items]
    findings: list[Finding] = []
    paired: set[tuple[int, int]] = set()
    for i in range(len(items)):
        for j in range(i):
            if texts[i] and texts[j] and fuzz.ratio(texts[i], texts[j]) >= DUPLICATE_ITEM_SCORE:
                paired.add((j, i))
                section, item = items[i]
                other = items[j][1]
                findings.append(_item_finding(
                    section, item, "duplicate-item", WARNING,
                    f"本条与{_name(items[j][0], other)}内容基本相同。", item.heading[:40],
                    "合并两条，或删去其中一条。"))
    findings.extend(_shared_sentences(items, paired))
    return findings


def _shared_sentences(items: list[tuple[Section, Item]],
                      paired: set[tuple[int, int]]) -> Iterator[Finding]:
    """Long sentences that appear (nearly) word for word in two different items."""
    sentences: list[tuple[int, str, str]] = []
    for idx, (_section, item) in enumerate(items):
        for m in _SENTENCE.finditer(item.text):
            norm = _normal(m.group())
            if len(norm) >= MIN_SENTENCE:
                sentences.append((idx, norm, m.group().strip()))
    reported: set[tuple[int, int]] = set(paired)
    for a in range(len(sentences)):
        ia, na, raw = sentences[a]
        for b in range(a):
            ib, nb, _other = sentences[b]
            if ia == ib or (ib, ia) in reported:
                continue
            if abs(len(na) - len(nb)) > 0.2 * max(len(na), len(nb)):
                continue
            if fuzz.ratio(na, nb) >= DUPLICATE_SENTENCE_SCORE:
                reported.add((ib, ia))
                section, item = items[ia]
                yield _item_finding(section, item, "duplicate-sentence", INFO,
                                    f"本条有一句与{_name(*items[ib])}几乎相同。", raw,
                                    "保留一处即可。")


def _name(section: Section, item: Item) -> str:
    """How a finding names another item: ``“养老服务”（九）``."""
    return f"“{section.title}”{item.label}" if item.label else f"“{section.title}”中的一条"


def _normal(text: str) -> str:
    """Text for comparison: without spaces and punctuation."""
    return re.sub(r"[\s，,。．.；;：:、“”\"（）()《》！？!?]", "", text)


def check_punctuation(plan: Plan) -> list[Finding]:
    """ASCII punctuation inside Chinese text: one finding per paragraph, with the count."""
    findings: list[Finding] = []
    for text, section, item, item_id in plan_paragraphs(plan, titles=False):
        hits = list(_ASCII_PUNCT.finditer(text))
        if not hits:
            continue
        first = hits[0]
        snippet = text[max(0, first.start() - 6): first.end() + 6]
        marks = "".join(dict.fromkeys(h.group().strip() for h in hits))
        findings.append(Finding(
            code="punctuation", severity=WARNING,
            message=f"中文文字中有{len(hits)}处半角标点（{marks}）。",
            section=section, item=item, item_id=item_id, evidence=snippet,
            suggestion="改为全角标点：，；：？！（）。", span=first.span()))
    return findings


def check_formats(plan: Plan) -> list[Finding]:
    """Dates and document numbers written in a broken or non-standard form."""
    findings: list[Finding] = []
    if plan.meta.doc_number and not re.search(r"〔\d{4}〕\d+号$", plan.meta.doc_number):
        findings.append(Finding(code="doc-number", severity=WARNING,
                                message=f"发文字号“{plan.meta.doc_number}”格式不规范。",
                                item="发文字号", evidence=plan.meta.doc_number,
                                suggestion="按“X民发〔2025〕3号”书写：年份用六角括号〔〕。"))
    for text, section, item, item_id in plan_paragraphs(plan, titles=False):
        for m in _MANGLED_DATE.finditer(text):
            findings.append(Finding(code="date-format", severity=WARNING,
                                    message=f"日期“{m.group()}”缺少“年”“月”。",
                                    section=section, item=item, item_id=item_id,
                                    evidence=m.group(), span=m.span(),
                                    suggestion="按“2025年1月5日”格式核对原文。"))
        for m in _NUMERIC_DATE.finditer(text):
            y, mo, d = (int(g) for g in m.groups())
            findings.append(Finding(code="date-format", severity=INFO,
                                    message=f"日期“{m.group()}”宜写作{y}年{mo}月{d}日。",
                                    section=section, item=item, item_id=item_id,
                                    evidence=m.group(), span=m.span(),
                                    suggestion=f"改为“{y}年{mo}月{d}日”。"))
        for m in _DOC_NUMBER_OPEN.finditer(text):
            findings.append(Finding(code="doc-number", severity=WARNING,
                                    message=f"文号“{text[m.start():m.end() + 3]}”缺少“〕”。",
                                    section=section, item=item, item_id=item_id,
                                    evidence=m.group(), span=m.span(),
                                    suggestion="核对原文，文号年份写作〔2025〕。"))
        for m in _DOC_NUMBER_BRACKETS.finditer(text):
            findings.append(Finding(code="doc-number", severity=WARNING,
                                    message=f"文号“{m.group()}”的年份应使用六角括号〔〕。",
                                    section=section, item=item, item_id=item_id,
                                    evidence=m.group(), span=m.span(),
                                    suggestion=f"改为〔{m.group(1)}〕。"))
    return findings


def _item_finding(section: Section, item: Item, code: str, severity: str, message: str,
                  evidence: str, suggestion: str) -> Finding:
    """A finding placed on an item."""
    return Finding(code=code, severity=severity, message=message, section=section.title,
                   item=item.label, item_id=item.id, evidence=evidence, suggestion=suggestion)
