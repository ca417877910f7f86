"""The covering notice (印发通知): its data, and its header, body, signature and 版记."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields, replace
from typing import Any

from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from drafter import rx
from drafter.errors import DrafterError
from drafter.export.layout import (
    add_blank_lines,
    add_paragraph,
    blank_footer,
    char_twips,
    level_format,
    text_width_chars,
)
from drafter.export.profile import Profile, mm_to_twips
from drafter.export.title import add_title
from drafter.export.xml import PPR_ORDER, RPR_ORDER, SECTPR_ORDER, TBLPR_ORDER, set_child
from drafter.model import Plan


@dataclass(frozen=True)
class NoticeInfo:
    """What the covering notice says; empty strings are left out of the document."""

    issuer: str
    """The issuing office, e.g. ``重庆市涪陵区民政局``."""
    doc_number: str = ""
    """发文字号, e.g. ``涪民政发〔2022〕40号`` (brackets are normalised to 〔〕)."""
    date: str = ""
    """成文日期 as ``2022-03-17`` or ``2022年3月17日``."""
    title: str = ""
    """The notice's title; empty: ``<issuer>关于印发《<plan title>》的通知``."""
    addressees: str = ""
    """主送机关 without the closing colon."""
    body: tuple[str, ...] = ()
    """Body paragraphs; empty: one sentence sending the plan out."""
    attachment: str = ""
    """附件说明 after the body, e.g. the plan title; empty for none."""
    signature: str = ""
    """The signing office; empty: the issuer."""
    notes: str = ""
    """附注 without brackets, e.g. ``此件公开发布``."""
    mark: str = ""
    """发文机关标志 of the red header; empty: ``<issuer>文件``."""
    copies_to: str = ""
    """抄送 of the 版记, without the closing 。."""
    printer: str = ""
    """印发机关 of the 版记, e.g. ``重庆市涪陵区民政局办公室``."""
    print_date: str = ""
    """印发日期 of the 版记; empty: the 成文日期."""

    @property
    def has_record(self) -> bool:
        """Whether there is anything to put into a 版记."""
        return bool(self.copies_to or self.printer)


_TEXT_FIELDS = {f.name for f in fields(NoticeInfo) if f.type == "str"}

_DATE_PATTERNS = (
    rx.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$"),
    rx.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$"),
    rx.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$"),
)
_NUMBER_BRACKETS = rx.compile(r"[\[【(（〔]\s*(\d{4})\s*[\]】)）〕]")


def format_date(value: str) -> str:
    """A date in the official form ``2025年1月5日`` (no leading zeros)."""
    for pattern in _DATE_PATTERNS:
        m = pattern.match(value)
        if m:
            year, month, day = (int(x) for x in m.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year}年{month}月{day}日"
    raise DrafterError(f"日期“{value}”无法识别，请写成 2025-01-05 或 2025年1月5日。")


def format_doc_number(value: str) -> str:
    """A 发文字号 with the year in hexagonal brackets: ``X民发〔2025〕3号``."""
    return _NUMBER_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", value.strip())


def notice_from_plan(plan: Plan, **overrides: str) -> NoticeInfo:
    """A notice filled from the plan's metadata, with non-empty ``overrides`` (any text
    field of :class:`NoticeInfo`, e.g. ``doc_number="X民发〔2025〕3号"``) applied."""
    unknown = set(overrides) - _TEXT_FIELDS
    if unknown:
        raise ValueError(f"not notice text fields: {sorted(unknown)}")
    meta = plan.meta
    issuer = overrides.pop("issuer", "") or meta.issuer or meta.signature or ""
    if not issuer:
        raise DrafterError("要点中没有写明发文机关，请用 --issuer 指定。")
    info = NoticeInfo(
        issuer=issuer,
        doc_number=meta.doc_number or "",
        date=meta.date or "",
        addressees=meta.addressees or "",
        body=tuple(meta.notice),
        signature=meta.signature or "",
        notes=meta.notes or "",
        copies_to=meta.copies_to or "",
        printer=meta.printer or "",
        print_date=meta.print_date or "",
    )
    given: dict[str, Any] = {k: v for k, v in overrides.items() if v}
    return replace(info, **given)


def notice_title(notice: NoticeInfo, plan_title: str) -> str:
    """The notice's title, defaulting to the usual 印发 wording."""
    if notice.title:
        return notice.title
    return f"{notice.issuer}关于印发《{plan_title}》的通知"


def notice_body(notice: NoticeInfo, plan_title: str) -> tuple[str, ...]:
    """The notice's body paragraphs, defaulting to one sending sentence."""
    if notice.body:
        return notice.body
    return (f"现将《{plan_title}》印发给你们，请结合实际认真贯彻落实。",)


def add_notice(doc: Document, profile: Profile, notice: NoticeInfo, plan_title: str) -> None:
    """The notice's pages: header, title, addressees, body, 附件, signature, date, 附注."""
    rh = profile.red_header
    if rh.enabled:
        text = notice.mark or f"{notice.issuer}文件"
        mark = add_paragraph(doc, profile, "issuer_mark", [(text, "body")])
        scale = mark_scale(text, rh.size_pt, profile.page.text_width_mm)
        if scale < 100:
            for r in mark._p.findall(qn("w:r")):
                set_child(r.get_or_add_rPr(), "w", RPR_ORDER, val=str(scale))
        ppr = mark._p.get_or_add_pPr()
        spacing = ppr.find(qn("w:spacing"))
        if spacing is None:
            spacing = set_child(ppr, "spacing", PPR_ORDER)
        spacing.set(qn("w:before"), str(mm_to_twips(rh.space_before_mm)))
        add_blank_lines(doc, profile, rh.blank_lines_after_issuer)
    if notice.doc_number or rh.enabled:
        number = add_paragraph(
            doc, profile, "doc_number", [(format_doc_number(notice.doc_number), "body")]
        )
        if rh.enabled:
            _red_rule(number._p.get_or_add_pPr(), profile)
            add_blank_lines(doc, profile, 2)
        else:
            add_blank_lines(doc, profile, 1)
    add_title(doc, profile, notice_title(notice, plan_title), names=(notice.issuer,))
    add_blank_lines(doc, profile, profile.title.blank_lines_after)
    if notice.addressees:
        add_paragraph(doc, profile, "addressee", [(notice.addressees.rstrip("：:") + "：", "body")])
    body = [add_paragraph(doc, profile, "body", [(text, "body")])
            for text in notice_body(notice, plan_title)]  # fmt: skip
    if notice.attachment:
        # The 附件说明 is no body text of its own: the body's end goes with it and the
        # signature when they move to the next page.
        if body:
            keep_with_next(body[-1])
        keep_with_next(add_paragraph(doc, profile, "body", []))
        add_paragraph(doc, profile, "attachment", [(f"附件：{notice.attachment}", "body")])
    add_signature(doc, profile, notice.signature or notice.issuer, notice.date, notice.notes)


def mark_scale(text: str, size_pt: float, width_mm: float) -> int:
    """Character width in percent (w:w) that keeps the 发文机关标志 on one line of the text
    area, as clerks compress a long office name by hand; 100 when it fits as it is."""
    needed = text_width_chars(text) * size_pt
    available = width_mm / 25.4 * 72
    if needed <= available:
        return 100
    # One percent of slack: rounding in the renderer must not push the last character over.
    return max(1, int(available / needed * 100) - 1)


def add_signature(
    doc: Document, profile: Profile, signature: str, date: str, notes: str = ""
) -> None:
    """Date four characters in from the right, the signature centred over it, then the 附注
    in brackets two characters in."""
    if not (signature or date):
        return
    printed = format_date(date) if date else ""
    # The signature never stands alone on a page (GB/T 9704 7.3.5): the last body line, the
    # blank lines, the signature and the date (and the 附注) are kept together, so that a
    # block that does not fit takes the end of the text with it to the next page.
    if doc.paragraphs:
        last = doc.paragraphs[-1]
        keep_with_next(last)
        # With widow control the text's last paragraph splits, sending only its last two
        # lines over with the signature rather than the whole paragraph.
        set_child(last._p.get_or_add_pPr(), "widowControl", PPR_ORDER, val="1")
    for _ in range(profile.signature.blank_lines_before):
        keep_with_next(add_paragraph(doc, profile, "body", []))
    box = _signature_box(profile, signature, printed) if signature and printed else None
    if signature:
        para = add_paragraph(doc, profile, "signature", [(signature, "body")])
        if box is not None:
            _centre_in(para, box)
        keep_with_next(para)
    if printed:
        date_para = add_paragraph(doc, profile, "date", [(printed, "body")])
        if box is not None:
            _centre_in(date_para, box)
        if notes:
            keep_with_next(date_para)
    if notes:
        add_paragraph(doc, profile, "notes", [(f"（{notes.strip('()（）')}）", "body")])


def _signature_box(profile: Profile, signature: str, date: str) -> tuple[int, int] | None:
    """(left, right) indents in twips of a box whose centre lies over the date's centre when
    the date ends four characters in from the right.

    Signature and date are both centred in this box, so the signature sits exactly over the
    date whatever width a word processor gives the date's digits (LibreOffice adds space
    between Chinese and digits that Word does not). The date's width is estimated with
    digits at half a character, as Word sets them. None when the signature is too long for a
    box reaching to the right margin (it is then simply set right).
    """
    char = char_twips(profile)
    width = mm_to_twips(profile.page.text_width_mm)
    right_gap = level_format(profile, "signature").right_twips
    axis = width - right_gap - text_width_chars(date) * char / 2
    half = width - axis
    if max(text_width_chars(signature), text_width_chars(date)) * char > 2 * half - char:
        return None
    return round(axis - half), 0


def _centre_in(para, box: tuple[int, int]) -> None:
    """Centre ``para`` between the indents ``box``."""
    ppr = para._p.get_or_add_pPr()
    left, right = box
    set_child(ppr, "ind", PPR_ORDER, left=str(left), right=str(right), firstLine="0")
    set_child(ppr, "jc", PPR_ORDER, val="center")


def keep_with_next(para) -> None:
    """Keep ``para`` on the same page as the paragraph after it."""
    set_child(para._p.get_or_add_pPr(), "keepNext", PPR_ORDER)


def _red_rule(ppr, profile: Profile) -> None:
    """A red rule under the 发文字号, as wide as the text area, ``rule_gap_mm`` below the
    characters.

    A paragraph border is drawn below the line box; an exact line is taller than its
    characters and sets them in the middle, so half the difference is already below them.
    """
    rh = profile.red_header
    line_pt = profile.grid.line_pitch_twips / 20
    below_pt = max(0.0, (line_pt - profile.sizes.body) / 2)
    space_pt = max(0, round(rh.rule_gap_mm / 25.4 * 72 - below_pt))
    borders = set_child(ppr, "pBdr", PPR_ORDER)
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("val", "single"),
        ("sz", str(round(rh.rule_width_pt * 8))),
        ("space", str(space_pt)),
        ("color", rh.color),
    ):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)


def add_record(doc: Document, profile: Profile, notice: NoticeInfo) -> None:
    """The 版记 at the bottom of its own even page, as a table placed on the page.

    A thick rule above the first row and below the last, thin rules between rows, no side
    rules; 抄送 spans the row, the printing office sits left and the date right.
    """
    rec = profile.record
    start_record_section(doc, profile)
    width = mm_to_twips(profile.page.text_width_mm)
    printed = notice.print_date or notice.date
    date_text = f"{format_date(printed)}印发" if printed else ""
    # The date column is as wide as the date (plus the indent and three characters of air:
    # LibreOffice spaces digits from Chinese characters); the printing office gets the rest,
    # so a long office name stays on one line.
    size_twips = round(profile.sizes.record * 20)
    date_width = round((text_width_chars(date_text) + rec.indent_chars + 3) * size_twips)
    widths = (width - date_width, date_width) if date_text else (width // 2, width - width // 2)
    rows = 2 if notice.copies_to else 1
    pitch = profile.grid.line_pitch_twips
    # The section's first paragraph: LibreOffice loses the section break when the section
    # opens with a floating table.
    _spacer(doc, _HAIRLINE)
    table = doc.add_table(rows=0, cols=2)
    tbl_pr = table._tbl.tblPr
    # Placed from the top edge of the page, rows exactly one line high: the last rule lies on
    # the bottom of the text area whatever the word processor does with the page's top.
    top = mm_to_twips(profile.page.text_height_mm) - rows * pitch
    set_child(
        tbl_pr, "tblpPr", TBLPR_ORDER, vertAnchor="margin", horzAnchor="page",
        tblpX=str(mm_to_twips(profile.page.left_mm)), tblpY=str(top),
    )  # fmt: skip
    set_child(tbl_pr, "tblW", TBLPR_ORDER, w=str(width), type="dxa")
    set_child(tbl_pr, "jc", TBLPR_ORDER, val="center")
    _record_borders(tbl_pr, rec.thick_mm, rec.thin_mm)
    set_child(tbl_pr, "tblLayout", TBLPR_ORDER, type="fixed")
    margins = set_child(tbl_pr, "tblCellMar", TBLPR_ORDER)
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))
    if notice.copies_to:
        row = _record_row(table, widths, pitch)
        cell = row.cells[0].merge(row.cells[1])
        _cell_text(doc, profile, cell, f"抄送：{notice.copies_to.rstrip('。')}。", "left")
    row = _record_row(table, widths, pitch)
    _cell_text(doc, profile, row.cells[0], notice.printer, "left")
    _cell_text(doc, profile, row.cells[1], date_text, "right")
    # A document may not end with a table: a hairline paragraph closes it.
    _spacer(doc, _HAIRLINE)


#: Height of the hairline paragraphs around the 版记 table.
_HAIRLINE = 20


def start_record_section(doc: Document, profile: Profile) -> None:
    """End the text's section at its last paragraph and open the 版记's own section: it
    starts on an even page (the back of the last sheet, with a blank page before it when the
    text ends on an even page) and its footers are empty, so neither the 版记 page nor the
    blank page carries a page number (GB/T 9704 7.5.1)."""
    body = doc.element.body
    last_sect = body.get_or_add_sectPr()
    text_sect = copy.deepcopy(last_sect)
    paragraphs = body.findall(qn("w:p"))
    holder = paragraphs[-1] if paragraphs else doc.add_paragraph()._p
    ppr = holder.get_or_add_pPr()
    set_child(ppr, "sectPr", PPR_ORDER)
    ppr.replace(ppr.find(qn("w:sectPr")), text_sect)
    for ref in last_sect.findall(qn("w:headerReference")) + last_sect.findall(
        qn("w:footerReference")
    ):
        last_sect.remove(ref)
    set_child(last_sect, "type", SECTPR_ORDER, val="evenPage")
    section = doc.sections[-1]
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        blank_footer(footer.paragraphs[0], profile)


def _record_row(table, widths: tuple[int, int], height: int):
    """A new 版记 row of two cells ``widths`` twips wide, exactly ``height`` twips high."""
    row = table.add_row()
    row.height = Twips(height)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    for cell, w in zip(row.cells, widths, strict=True):
        cell.width = Twips(w)
    return row


def _cell_text(doc: Document, profile: Profile, cell, text: str, align: str) -> None:
    """Put one 版记 paragraph into a table cell."""
    para = cell.paragraphs[0]
    fresh = add_paragraph(doc, profile, "record", [(text, "body")])
    para._p.addnext(fresh._p)
    para._p.getparent().remove(para._p)
    set_child(fresh._p.get_or_add_pPr(), "jc", PPR_ORDER, val=align)


def _record_borders(tbl_pr, thick_mm: float, thin_mm: float) -> None:
    """Thick first and last rules, thin rules between rows, no sides."""
    borders = set_child(tbl_pr, "tblBorders", TBLPR_ORDER)
    thick = round(thick_mm / 25.4 * 72 * 8)
    thin = round(thin_mm / 25.4 * 72 * 8)
    for side, size in (("top", thick), ("left", 0), ("bottom", thick), ("right", 0),
                       ("insideH", thin), ("insideV", 0)):  # fmt: skip
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if size else "nil")
        if size:
            for key, value in (("sz", str(size)), ("space", "0"), ("color", "000000")):
                el.set(qn(f"w:{key}"), value)
        borders.append(el)


def _spacer(doc: Document, twips: int) -> None:
    """An empty paragraph exactly ``twips`` high."""
    para = doc.add_paragraph()
    ppr = para._p.get_or_add_pPr()
    set_child(ppr, "spacing", PPR_ORDER, before="0", after="0", line=str(twips),
              lineRule="exact")  # fmt: skip
    mark = set_child(ppr, "rPr", PPR_ORDER)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
