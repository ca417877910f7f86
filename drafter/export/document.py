"""Building the official .docx of a plan (optionally behind its covering notice)."""

from __future__ import annotations

import io

from docx.document import Document

from drafter import rx
from drafter.export.layout import add_blank_lines, add_paragraph, new_document
from drafter.export.notice import NoticeInfo, add_notice, add_record, add_signature
from drafter.export.package import set_properties
from drafter.export.profile import Profile
from drafter.export.title import add_title
from drafter.model import ARABIC, PAREN, PAREN_CONTINUOUS, SHI, Item, Plan, Section
from drafter.numbering import CN_NUMERAL_CHARS, item_label, section_label

DEFAULT_TITLE = "民政工作要点"

_PAREN_LABEL = rx.compile(rf"^[（(][{CN_NUMERAL_CHARS}]+[）)]?$|^[{CN_NUMERAL_CHARS}]+[）)]$")
_SHI_LABEL = rx.compile(rf"^[{CN_NUMERAL_CHARS}]+是$")
_ARABIC_LABEL = rx.compile(r"^\d+\s*[.、．]$")

# A sub-item's lead sentence: up to the first 。 when more text follows it.
_LEAD = rx.compile(r"^(.{2,60}?。)(?=.)")


def plan_title(plan: Plan) -> str:
    """The title to print, without 《》 (``<year>年民政工作要点`` when the plan has none)."""
    title = plan.meta.title.strip().strip("《》")
    if title:
        return title
    return f"{plan.meta.year}年{DEFAULT_TITLE}" if plan.meta.year else DEFAULT_TITLE


def label_style(label: str) -> str | None:
    """The numbering style a printed item label belongs to, or None when unrecognised."""
    label = label.strip()
    if _PAREN_LABEL.match(label):
        return PAREN
    if _SHI_LABEL.match(label):
        return SHI
    if _ARABIC_LABEL.match(label):
        return ARABIC
    return None


def numbered(plan: Plan) -> list[tuple[str, Section, list[tuple[str, Item]]]]:
    """Sections and items with labels counted again from their positions.

    A draft is assembled from pieces of several plans, so printed numbers go stale:
    numbered sections run 一、二、…; items keep the kind of label they have (（一）, 一是, 1.)
    and are counted within their section, （一） through the whole plan when the plan numbers
    continuously. Unnumbered sections and items, and labels of no known kind, stay as they are.
    """
    out = []
    section_no = 0
    running = 0
    for section in plan.sections:
        s_label = ""
        if section.label:
            section_no += 1
            s_label = section_label(section_no)
        counts: dict[str, int] = {}
        items = []
        for item in section.items:
            style = label_style(item.label)
            if style is None:
                items.append((item.label, item))
                continue
            if style == PAREN and plan.item_style == PAREN_CONTINUOUS:
                running += 1
                n = running
            else:
                n = counts[style] = counts.get(style, 0) + 1
            items.append((item_label(style, n), item))
        out.append((s_label, section, items))
    return out


def build_document(plan: Plan, profile: Profile, notice: NoticeInfo | None = None) -> Document:
    """The plan laid out per ``profile``; with ``notice``, behind its covering notice."""
    doc = new_document(profile)
    title = plan_title(plan)
    issuer = (notice.issuer if notice else "") or plan.meta.issuer or plan.meta.signature or ""
    set_properties(doc, title=title, author=issuer)
    names = tuple(n for n in (issuer, plan.meta.region or "") if n)
    if notice is not None:
        add_notice(doc, profile, notice, title)
        if notice.attachment:
            add_paragraph(doc, profile, "attachment_label", [("附件", "body")],
                          page_break_before=True)  # fmt: skip
            add_blank_lines(doc, profile, 1)
            add_title(doc, profile, title, names=names)
        else:
            add_title(doc, profile, title, names=names, page_break_before=True)
    else:
        add_title(doc, profile, title, names=names)
    add_blank_lines(doc, profile, profile.title.blank_lines_after)
    add_plan_body(doc, profile, plan)
    if notice is None:
        add_signature(doc, profile, plan.meta.signature or "", plan.meta.date or "")
    elif notice.has_record and profile.record.enabled:
        add_record(doc, profile, notice)
    return doc


def add_plan_body(doc: Document, profile: Profile, plan: Plan) -> None:
    """Preamble, sections with their items and sub-items, closing paragraphs."""
    for text in plan.preamble:
        add_paragraph(doc, profile, "body", [(text, "body")])
    item_level = "subitem" if plan.item_style == ARABIC else "item"
    for s_label, section, items in numbered(plan):
        if s_label or section.title:
            add_paragraph(doc, profile, "section", [(s_label + section.title, "body")])
        for text in section.intro:
            add_paragraph(doc, profile, "body", [(text, "body")])
        for label, item in items:
            add_item(doc, profile, item_level, label, item)
    for text in plan.closing:
        add_paragraph(doc, profile, "body", [(text, "body")])


def add_item(doc: Document, profile: Profile, level: str, label: str, item: Item) -> None:
    """One item: its label and lead sentence as the heading run, its body after, then its
    sub-items each in a paragraph of their own."""
    if item.heading:
        runs = [(label + item.heading, "heading"), (item.body, "body")]
    else:
        runs = [(label, "heading"), (item.body, "body")]
    add_paragraph(doc, profile, level, runs)
    for sub in item.subitems:
        m = _LEAD.match(sub.text)
        if m:
            runs = [(sub.label + m.group(1), "heading"), (sub.text[m.end() :], "body")]
        else:
            runs = [(sub.label + sub.text, "body")]
        add_paragraph(doc, profile, "subitem", runs)


def docx_bytes(plan: Plan, profile: Profile, notice: NoticeInfo | None = None) -> bytes:
    """The finished .docx as bytes."""
    buffer = io.BytesIO()
    build_document(plan, profile, notice).save(buffer)
    return buffer.getvalue()
