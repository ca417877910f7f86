"""The official page layout in python-docx: page setup, fonts, line grid, styles and footers.

``new_document(profile)`` returns an empty document laid out per the profile;
``add_paragraph(doc, profile, level, runs)`` appends one paragraph at a given level. Both are
used by the plan export and by the diff's redline document, so the two look the same.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from drafter import rx
from drafter.export import package
from drafter.export.profile import Profile, mm_to_twips
from drafter.export.sanitize import clean_text
from drafter.export.xml import (
    PPR_ORDER,
    RPR_ORDER,
    SECTPR_ORDER,
    remove_children,
    set_child,
    strip_theme_fonts,
)
from drafter.provenance import mark_output

#: The levels ``add_paragraph`` accepts (the first eight are the public ones).
LEVELS = (
    "title", "section", "item", "subitem", "body", "signature", "date", "notes",
    "addressee", "attachment", "attachment_label", "issuer_mark", "doc_number", "record",
)  # fmt: skip

#: Run roles: ``heading`` is an item's lead sentence, ``body`` everything else.
ROLES = ("heading", "body")

#: Markup compatibility and Word 2013 namespaces (see ``set_no_hanging_punctuation``).
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"

#: Language tags: Latin text en-US, Chinese zh-CN (without it Word falls back to Japanese).
LANG_LATIN = "en-US"
LANG_EAST_ASIA = "zh-CN"


@dataclass(frozen=True)
class LevelFormat:
    """How paragraphs of one level look (derived from the profile)."""

    style_id: str
    """The paragraph style's id in styles.xml."""
    style_name: str
    """The paragraph style's name as Word shows it."""
    font: str
    """East Asian font of body runs."""
    heading_font: str
    """East Asian font of heading runs."""
    size_pt: float
    """Font size."""
    align: str
    """``both``, ``center``, ``right`` or ``left`` (w:jc values)."""
    first_line_twips: int = 0
    """First-line indent."""
    left_twips: int = 0
    """Left indent."""
    right_twips: int = 0
    """Right indent."""
    line_twips: int = 0
    """Exact line spacing."""
    bold: bool = False
    """Whether every run is bold."""
    heading_bold: bool = False
    """Whether heading runs are bold."""
    color: str = ""
    """RGB colour, empty for automatic."""
    outline: int | None = None
    """Outline level (0 = level 1) for Word's navigation pane and a TOC; None for body text."""


def char_twips(profile: Profile, size_pt: float | None = None) -> int:
    """Width of one full-width character (size plus character spacing) in twips."""
    size = profile.sizes.body if size_pt is None else size_pt
    spacing = profile.grid.char_spacing_pt if size == profile.sizes.body else 0
    return round((size + spacing) * 20)


@functools.lru_cache(maxsize=128)
def level_format(profile: Profile, level: str) -> LevelFormat:
    """The formatting of ``level`` under ``profile``."""
    f, s, lv = profile.fonts, profile.sizes, profile.levels
    pitch = profile.grid.line_pitch_twips
    indent = lv.first_line_indent_chars * char_twips(profile)
    right = profile.signature.right_indent_chars * char_twips(profile)
    rh = profile.red_header
    rec_indent = profile.record.indent_chars * char_twips(profile, s.record)
    table = {
        "title": LevelFormat("GwTitle", "公文标题", f.title, f.title, s.title, "center",
                             line_twips=round(profile.title.line_spacing_pt * 20)),
        "section": LevelFormat("GwSection", "一级标题", f.section, f.section, s.body, "both",
                               indent, line_twips=pitch, bold=lv.section_bold, outline=0),
        "item": LevelFormat("GwItem", "二级标题", f.body, f.item, s.body, "both", indent,
                            line_twips=pitch, outline=1),
        "subitem": LevelFormat("GwSubitem", "三级标题", f.body, f.body, s.body, "both", indent,
                               line_twips=pitch, heading_bold=lv.subitem_bold, outline=2),
        "body": LevelFormat("GwBody", "公文正文", f.body, f.body, s.body, "both", indent,
                            line_twips=pitch),
        "signature": LevelFormat("GwSignature", "发文机关署名", f.body, f.body, s.body, "right",
                                 right_twips=right, line_twips=pitch),
        "date": LevelFormat("GwDate", "成文日期", f.body, f.body, s.body, "right",
                            right_twips=right, line_twips=pitch),
        "notes": LevelFormat("GwNotes", "附注", f.body, f.body, s.body, "left", indent,
                             line_twips=pitch),
        "addressee": LevelFormat("GwAddressee", "主送机关", f.body, f.body, s.body, "both",
                                 line_twips=pitch),
        "attachment": LevelFormat("GwAttachment", "附件说明", f.body, f.body, s.body, "both",
                                  indent, line_twips=pitch),
        "attachment_label": LevelFormat("GwAttachmentLabel", "附件标识", f.section, f.section,
                                        s.body, "left", line_twips=pitch),
        "issuer_mark": LevelFormat("GwIssuerMark", "发文机关标志", rh.font, rh.font, rh.size_pt,
                                   "center", line_twips=round(rh.size_pt * 1.25 * 20),
                                   color=rh.color),
        "doc_number": LevelFormat("GwDocNumber", "发文字号", f.body, f.body, s.body, "center",
                                  line_twips=pitch),
        "record": LevelFormat("GwRecord", "版记", f.body, f.body, s.record, "both",
                              left_twips=rec_indent, right_twips=rec_indent,
                              line_twips=pitch),
    }  # fmt: skip
    try:
        return table[level]
    except KeyError:
        raise ValueError(f"unknown paragraph level {level!r}") from None


# Non-ASCII characters outside the CJK blocks (“ ” — … · ① and the like): without a hint
# Word sets them in the Latin font. CJK blocks: radicals to unified ideographs, compatibility
# ideographs and forms, full-width forms, extension ideographs.
_AMBIGUOUS = rx.compile(
    "[^\x00-\x7f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)


def text_width_chars(text: str) -> float:
    """Width of ``text`` in full-width characters (ASCII letters and digits count half)."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def needs_east_asia_hint(text: str) -> bool:
    """Whether ``text`` holds characters Word would set in the Latin font without a hint."""
    return _AMBIGUOUS.search(text) is not None


# --- document ---------------------------------------------------------------------------


def new_document(profile: Profile) -> Document:
    """An empty document with the profile's page setup, styles, fonts, grid and footers.

    Theme fonts are removed (they override explicit names), Chinese text is tagged zh-CN,
    lines are exact at the grid pitch with ``docGrid type=lines``, widow control is off so
    every full page holds the whole grid, and odd/even footers carry a PAGE field.
    """
    doc = docx.Document()
    _drop_styles_with_effects(doc)
    _setup_settings(doc)
    _setup_defaults(doc, profile)
    for level in LEVELS:
        _add_level_style(doc, profile, level_format(profile, level))
    _setup_section(doc, profile)
    _setup_footers(doc, profile)
    _setup_font_table(doc, profile)
    package.setup_settings(doc)
    package.drop_thumbnail(doc)
    package.neutralise_builtin_styles(doc)
    package.set_properties(doc, title="", author="")
    doc.core_properties.language = LANG_EAST_ASIA
    mark_output(doc, "导出稿")
    return doc


def add_paragraph(
    doc: Document,
    profile: Profile,
    level: str,
    runs: Sequence[tuple[str, str]],
    *,
    page_break_before: bool = False,
    keep_tabs: bool = False,
) -> Paragraph:
    """Append a paragraph of ``level`` made of ``runs`` = [(text, role), …].

    ``level`` is one of title, section, item, subitem, body, signature, date, notes (and the
    notice levels addressee, attachment, attachment_label, issuer_mark, doc_number, record).
    ``role`` is ``heading`` (an item's lead sentence: 楷体 at item level, bold at subitem
    level when the profile says so) or ``body``. Text is cleaned of characters XML cannot
    hold. Fonts, size, character spacing and hints are set on every run.
    """
    fmt = level_format(profile, level)
    para = doc.add_paragraph()
    # Set by id: python-docx's lookup by style name scans every style on every call.
    para._p.style = fmt.style_id
    if page_break_before:
        set_child(para._p.get_or_add_pPr(), "pageBreakBefore", PPR_ORDER)
    for text, role in runs:
        if role not in ROLES:
            raise ValueError(f"unknown run role {role!r}")
        text = clean_text(text, keep_tabs=keep_tabs)
        if not text:
            continue
        heading = role == "heading"
        r = para._p.add_r()
        r.append(
            _run_properties(
                profile,
                fmt.heading_font if heading else fmt.font,
                fmt.size_pt,
                fmt.bold or (heading and fmt.heading_bold),
                fmt.color,
                needs_east_asia_hint(text),
            )
        )
        if keep_tabs and "\t" in text:
            for n, part in enumerate(text.split("\t")):
                if n:
                    r.add_tab()
                if part:
                    r.add_t(part)
        else:
            r.add_t(text)
    return para


@functools.lru_cache(maxsize=256)
def _run_properties_prototype(
    profile: Profile, font: str, size_pt: float, bold: bool, color: str, hint: bool
):
    """One w:rPr per distinct formatting, built once."""
    rpr = OxmlElement("w:rPr")
    _format_run(rpr, profile, font=font, size_pt=size_pt, bold=bold, color=color, hint=hint)
    return rpr


def _run_properties(
    profile: Profile, font: str, size_pt: float, bold: bool, color: str, hint: bool
):
    """A fresh copy of the w:rPr for this formatting (copying beats rebuilding)."""
    return copy.deepcopy(_run_properties_prototype(profile, font, size_pt, bold, color, hint))


def add_blank_lines(doc: Document, profile: Profile, count: int) -> None:
    """Append ``count`` empty body lines (one grid line each)."""
    for _ in range(count):
        add_paragraph(doc, profile, "body", [])


def _format_run(
    rpr,
    profile: Profile,
    *,
    font: str,
    size_pt: float,
    bold: bool = False,
    color: str = "",
    hint: bool = False,
) -> None:
    """Set fonts (Latin and East Asian), size, spacing, bold and colour on a w:rPr."""
    latin = profile.fonts.latin
    attrs = {"ascii": latin, "hAnsi": latin, "eastAsia": font, "cs": latin}
    if hint:
        attrs["hint"] = "eastAsia"
    set_child(rpr, "rFonts", RPR_ORDER, **attrs)
    if bold:
        set_child(rpr, "b", RPR_ORDER)
        set_child(rpr, "bCs", RPR_ORDER)
    if color:
        set_child(rpr, "color", RPR_ORDER, val=color)
    spacing = profile.grid.char_spacing_pt if size_pt == profile.sizes.body else 0.0
    set_child(rpr, "spacing", RPR_ORDER, val=str(round(spacing * 20)))
    set_child(rpr, "lang", RPR_ORDER, val=LANG_LATIN, eastAsia=LANG_EAST_ASIA)
    half_points = str(round(size_pt * 2))
    set_child(rpr, "sz", RPR_ORDER, val=half_points)
    set_child(rpr, "szCs", RPR_ORDER, val=half_points)


def _drop_styles_with_effects(doc: Document) -> None:
    """Remove the Word 2010 styles copy, which still names theme fonts."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _setup_settings(doc: Document) -> None:
    """Odd/even footers, zh-CN theme language, no punctuation compression."""
    settings = doc.settings.element
    doc.settings.odd_and_even_pages_header_footer = True
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), LANG_EAST_ASIA)
    control = settings.find(qn("w:characterSpacingControl"))
    if control is not None:
        control.set(qn("w:val"), "doNotCompress")


def _setup_defaults(doc: Document, profile: Profile) -> None:
    """Document defaults: explicit fonts, body size, languages, exact grid lines."""
    styles = doc.styles.element
    strip_theme_fonts(styles)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _format_run(rpr, profile, font=profile.fonts.body, size_pt=profile.sizes.body)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _format_paragraph(ppr, profile.grid.line_pitch_twips)
    normal = doc.styles["Normal"]
    set_child(normal.element.get_or_add_pPr(), "jc", PPR_ORDER, val="both")


def set_no_hanging_punctuation(ppr) -> None:
    """Forbid line-end punctuation to hang past the margin, in Word, WPS and LibreOffice alike.

    Word and WPS read ``w:overflowPunct w:val="0"`` as "may not hang"; LibreOffice's importer
    (7.x) inverts the value and hangs 。，、 into the margin unless it reads ``1``. A markup-
    compatibility choice gives each its value: applications that understand Word 2013's
    namespace (w15) take ``0``; LibreOffice, which does not, takes the fallback ``1``.
    """
    remove_children(ppr, "overflowPunct")
    for old in ppr.findall(f"{{{MC_NS}}}AlternateContent"):
        ppr.remove(old)
    alt = etree.Element(f"{{{MC_NS}}}AlternateContent", nsmap={"mc": MC_NS, "w15": W15_NS})
    choice = etree.SubElement(alt, f"{{{MC_NS}}}Choice", Requires="w15")
    fallback = etree.SubElement(alt, f"{{{MC_NS}}}Fallback")
    for parent, value in ((choice, "0"), (fallback, "1")):
        etree.SubElement(parent, qn("w:overflowPunct")).set(qn("w:val"), value)
    later = PPR_ORDER[PPR_ORDER.index("overflowPunct") + 1 :]
    for sibling in ppr:
        if sibling.tag.rpartition("}")[2] in later:
            sibling.addprevious(alt)
            break
    else:
        ppr.append(alt)


def _format_paragraph(ppr, line_twips: int) -> None:
    """Grid-safe paragraph properties: exact lines, no widow control, no autospace, no
    punctuation hanging into the margin."""
    set_child(ppr, "widowControl", PPR_ORDER, val="0")
    set_no_hanging_punctuation(ppr)
    set_child(ppr, "autoSpaceDE", PPR_ORDER, val="0")
    set_child(ppr, "autoSpaceDN", PPR_ORDER, val="0")
    set_child(ppr, "snapToGrid", PPR_ORDER, val="0")
    set_child(
        ppr, "spacing", PPR_ORDER, before="0", after="0", line=str(line_twips), lineRule="exact"
    )


def _add_level_style(doc: Document, profile: Profile, fmt: LevelFormat) -> None:
    """A named paragraph style for one level, so a user can restyle it in Word."""
    style = doc.styles.add_style(fmt.style_name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), fmt.style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    ppr = style.element.get_or_add_pPr()
    _format_paragraph(ppr, fmt.line_twips)
    ind = {
        "firstLine": str(fmt.first_line_twips),
        "left": str(fmt.left_twips),
        "right": str(fmt.right_twips),
    }
    set_child(ppr, "ind", PPR_ORDER, **ind)
    set_child(ppr, "jc", PPR_ORDER, val=fmt.align)
    if fmt.outline is not None:
        set_child(ppr, "outlineLvl", PPR_ORDER, val=str(fmt.outline))
    _format_run(
        style.element.get_or_add_rPr(),
        profile,
        font=fmt.font,
        size_pt=fmt.size_pt,
        bold=fmt.bold,
        color=fmt.color,
    )


def _setup_section(doc: Document, profile: Profile) -> None:
    """A4 page, GB/T margins, footer distance for page numbers, line grid."""
    page = profile.page
    sect = doc.sections[0]._sectPr
    set_child(
        sect, "pgSz", SECTPR_ORDER, w=str(mm_to_twips(page.width_mm)),
        h=str(mm_to_twips(page.height_mm)),
    )  # fmt: skip
    number_line = round(profile.sizes.page_number * 20)
    footer = mm_to_twips(page.bottom_mm - profile.page_numbers.gap_mm) - number_line
    set_child(
        sect, "pgMar", SECTPR_ORDER,
        top=str(mm_to_twips(page.top_mm)), bottom=str(mm_to_twips(page.bottom_mm)),
        left=str(mm_to_twips(page.left_mm)), right=str(mm_to_twips(page.right_mm)),
        header=str(mm_to_twips(15)), footer=str(max(footer, 0)), gutter="0",
    )  # fmt: skip
    remove_children(sect, "docGrid")
    set_child(
        sect, "docGrid", SECTPR_ORDER, type="lines", linePitch=str(profile.grid.line_pitch_twips)
    )


def _setup_footers(doc: Document, profile: Profile) -> None:
    """Page numbers ``— N —``: odd pages right, even pages left, one character in."""
    section = doc.sections[0]
    pn = profile.page_numbers
    _page_number(section.footer.paragraphs[0], profile, pn.odd)
    _page_number(section.even_page_footer.paragraphs[0], profile, pn.even)


def blank_footer(para: Paragraph, profile: Profile) -> None:
    """A footer paragraph as tall as a page number but empty (the 版记 page has none): the
    footer keeps its height, so the text area of the page stays where it is."""
    size = profile.sizes.page_number
    ppr = para._p.get_or_add_pPr()
    _format_paragraph(ppr, round(size * 20))
    mark = set_child(ppr, "rPr", PPR_ORDER)
    _format_run(mark, profile, font=profile.fonts.page_number, size_pt=size)


def _page_number(para: Paragraph, profile: Profile, align: str) -> None:
    """Fill a footer paragraph with the page-number text around a PAGE field."""
    pn = profile.page_numbers
    size = profile.sizes.page_number
    ppr = para._p.get_or_add_pPr()
    _format_paragraph(ppr, round(size * 20))
    one_char = pn.indent_chars * round(size * 20)
    ind = {"firstLine": "0", "left": "0", "right": "0"}
    if align == "right":
        ind["right"] = str(one_char)
    elif align == "left":
        ind["left"] = str(one_char)
    set_child(ppr, "ind", PPR_ORDER, **ind)
    set_child(ppr, "jc", PPR_ORDER, val=align)
    before, _, after = pn.format.partition("{n}")

    def run(text: str = ""):
        r = para.add_run(text)
        _format_run(
            r._r.get_or_add_rPr(),
            profile,
            font=profile.fonts.page_number,
            size_pt=size,
            hint=needs_east_asia_hint(text),
        )
        # The footer font is 宋体 for digits too: official page numbers are not Times.
        fonts = r._r.get_or_add_rPr().find(qn("w:rFonts"))
        for key in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{key}"), profile.fonts.page_number)
        return r

    if before:
        run(before)
    _field(run()._r, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run()._r.append(instr)
    _field(run()._r, "separate")
    run("1")
    _field(run()._r, "end")
    if after:
        run(after)


def _field(r, kind: str) -> None:
    """Append a w:fldChar of ``kind`` (begin, separate, end) to a run."""
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    r.append(fld)


def _setup_font_table(doc: Document, profile: Profile) -> None:
    """List the profile's fonts with their alternatives, so Word substitutes sensibly."""
    from lxml import etree

    rel = next(r for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    part = rel.target_part
    root = etree.fromstring(part.blob)
    names = {el.get(qn("w:name")) for el in root.findall(qn("w:font"))}
    f = profile.fonts
    for font in dict.fromkeys((f.body, f.title, f.section, f.item, f.page_number,
                               profile.red_header.font)):  # fmt: skip
        if font in names:
            continue
        el = etree.SubElement(root, qn("w:font"))
        el.set(qn("w:name"), font)
        alts = profile.fallbacks_for(font)
        if alts:
            etree.SubElement(el, qn("w:altName")).set(qn("w:val"), alts[0])
        etree.SubElement(el, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(el, qn("w:family")).set(qn("w:val"), "modern")
        etree.SubElement(el, qn("w:pitch")).set(qn("w:val"), "fixed")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
