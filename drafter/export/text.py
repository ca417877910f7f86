"""Markdown and plain-text renderings of a plan (for web pages, OA systems and e-mail)."""

from __future__ import annotations

from drafter import rx
from drafter.export.document import numbered, plan_title
from drafter.export.notice import (
    NoticeInfo,
    format_date,
    format_doc_number,
    notice_body,
    notice_title,
)
from drafter.export.sanitize import clean_text
from drafter.model import Plan

INDENT = "\u3000\u3000"
_MD_SPECIAL = rx.compile(r"([\\`*_\[\]<>#|])")
_MD_LIST_START = rx.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """``text`` safe to place in Markdown as literal characters."""
    text = _MD_SPECIAL.sub(r"\\\1", clean_text(text))
    text = _MD_LIST_START.sub(r"\1\\\2", text)
    if text[:1] in ("-", "+"):
        text = "\\" + text
    return text


def to_markdown(plan: Plan, notice: NoticeInfo | None = None) -> str:
    """The plan as Markdown: # title, ## sections, items with bold lead sentences."""
    title = plan_title(plan)
    out: list[str] = []
    if notice is not None:
        out += _notice_lines(notice, title, markdown=True)
        out.append("---")
    out.append(f"# {md_escape(title)}")
    out += [md_escape(p) for p in plan.preamble]
    for s_label, section, items in numbered(plan):
        if s_label or section.title:
            out.append(f"## {md_escape(s_label + section.title)}")
        out += [md_escape(p) for p in section.intro]
        for label, item in items:
            head = md_escape(label + item.heading)
            out.append((f"**{head}**" if head else "") + md_escape(item.body))
            out += [md_escape(s.label + s.text) for s in item.subitems]
    out += [md_escape(p) for p in plan.closing]
    if notice is None:
        out += _signature_lines(plan.meta.signature or "", plan.meta.date or "", "", True)
    return "\n\n".join(line for line in out if line) + "\n"


def to_text(plan: Plan, notice: NoticeInfo | None = None) -> str:
    """The plan as plain text: one paragraph a line, indented with two full-width spaces."""
    title = plan_title(plan)
    out: list[str] = []
    if notice is not None:
        out += _notice_lines(notice, title, markdown=False)
        out.append("")
    out += [clean_text(title), ""]
    body = list(plan.preamble)
    for s_label, section, items in numbered(plan):
        if s_label or section.title:
            body.append(s_label + section.title)
        body += list(section.intro)
        for label, item in items:
            body.append(label + item.heading + item.body)
            body += [s.label + s.text for s in item.subitems]
    body += list(plan.closing)
    out += [INDENT + clean_text(p) for p in body if p.strip()]
    if notice is None:
        out += _signature_lines(plan.meta.signature or "", plan.meta.date or "", "", False)
    return "\n".join(out).rstrip("\n") + "\n"


def _notice_lines(notice: NoticeInfo, title: str, *, markdown: bool) -> list[str]:
    """The notice's text, in the same order as on paper."""
    esc = md_escape if markdown else clean_text
    lines: list[str] = []
    if notice.doc_number:
        lines.append(esc(format_doc_number(notice.doc_number)))
    heading = esc(notice_title(notice, title))
    lines.append(f"# {heading}" if markdown else heading)
    if notice.addressees:
        lines.append(esc(notice.addressees.rstrip("：:") + "："))
    indent = "" if markdown else INDENT
    lines += [indent + esc(p) for p in notice_body(notice, title)]
    if notice.attachment:
        lines.append(indent + esc(f"附件：{notice.attachment}"))
    lines += _signature_lines(notice.signature or notice.issuer, notice.date, notice.notes,
                              markdown)  # fmt: skip
    return lines


def _signature_lines(signature: str, date: str, notes: str, markdown: bool) -> list[str]:
    """Signature, date and 附注 lines (Markdown keeps them as separate paragraphs)."""
    esc = md_escape if markdown else clean_text
    lines = [""] if not markdown and (signature or date) else []
    if signature:
        lines.append(esc(signature))
    if date:
        lines.append(esc(format_date(date)))
    if notes:
        lines.append(esc(f"（{notes.strip('()（）')}）"))
    return lines
