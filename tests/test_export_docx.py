"""The exported .docx read back: page setup, grid, styles, East Asian fonts, runs, footers."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn
from lxml import etree

from drafter.export import export_bytes, notice_from_plan
from drafter.export.layout import add_paragraph, level_format, new_document
from drafter.export.notice import NoticeInfo
from drafter.export.profile import load_profile
from drafter.model import ARABIC, Plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _doc(data: bytes) -> docx.document.Document:
    """Open exported bytes with python-docx."""
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> str:
    """One XML part of the package as text."""
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def _east_asia(run) -> str | None:
    """The run's East Asian font as written on the run."""
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def plan000(seed_plans: list[Plan]) -> Plan:
    """Seed 000 (涪陵区 2022): continuous （一） items and a 一是 民生实事 list."""
    return seed_plans[0]


@pytest.fixture(scope="module")
def plain_docx(plan000: Plan) -> bytes:
    """Seed 000 exported alone with the GB/T 9704 profile."""
    return export_bytes(plan000)


@pytest.fixture(scope="module")
def notice_docx(plan000: Plan) -> bytes:
    """Seed 000 behind its covering notice, with 附件 and 版记."""
    notice = replace(
        notice_from_plan(plan000),
        attachment=plan000.meta.title,
        copies_to="区委办公室，区政府办公室",
        printer="重庆市涪陵区民政局办公室",
    )
    return export_bytes(plan000, notice=notice)


def test_page_setup_is_a4_with_gbt_margins_and_line_grid(plain_docx: bytes) -> None:
    """A4 (11906×16838 twips), margins 37/35/28/26 mm, line grid of 579 twips."""
    sect = _doc(plain_docx).sections[0]._sectPr
    size = sect.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    mar = sect.find(qn("w:pgMar"))
    got = {k: mar.get(qn(f"w:{k}")) for k in ("top", "bottom", "left", "right")}
    assert got == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    grid = sect.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


def test_defaults_have_exact_lines_zh_cn_and_no_theme_fonts(plain_docx: bytes) -> None:
    """Exact 579-twip lines, widow control and snap-to-grid off, zh-CN, no theme fonts."""
    styles = _part(plain_docx, "word/styles.xml")
    assert "Theme=" not in styles and "asciiTheme" not in styles
    doc = _doc(plain_docx)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"
    assert ppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    settings = _part(plain_docx, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert "stylesWithEffects" not in _part(plain_docx, "word/_rels/document.xml.rels")


@pytest.mark.parametrize(
    ("level", "style_name", "font", "size_half_points", "align"),
    [
        ("title", "公文标题", "方正小标宋简体", "44", "center"),
        ("section", "一级标题", "黑体", "32", "both"),
        ("item", "二级标题", "仿宋_GB2312", "32", "both"),
        ("subitem", "三级标题", "仿宋_GB2312", "32", "both"),
        ("body", "公文正文", "仿宋_GB2312", "32", "both"),
        ("signature", "发文机关署名", "仿宋_GB2312", "32", "right"),
        ("date", "成文日期", "仿宋_GB2312", "32", "right"),
        ("notes", "附注", "仿宋_GB2312", "32", "left"),
    ],
)
def test_level_styles(
    plain_docx: bytes, level: str, style_name: str, font: str, size_half_points: str, align: str
) -> None:
    """Each level has a named style with its East Asian font, size and alignment."""
    style = _doc(plain_docx).styles[style_name]
    rpr = style.element.rPr
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == size_half_points
    assert style.element.pPr.find(qn("w:jc")).get(qn("w:val")) == align
    assert level_format(load_profile(), level).style_name == style_name


def test_title_is_first_paragraph_centred_in_xiaobiaosong(plain_docx: bytes, plan000: Plan) -> None:
    """The plan's title opens the document, 2号 (22 pt) 方正小标宋简体, exact 35 pt lines."""
    first = _doc(plain_docx).paragraphs[0]
    assert first.text == plan000.meta.title == "2022年全区民政工作要点"
    assert first.style.name == "公文标题"
    assert {_east_asia(r) for r in first.runs} == {"方正小标宋简体"}
    assert all(r._r.rPr.find(qn("w:sz")).get(qn("w:val")) == "44" for r in first.runs)
    assert all(r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "0" for r in first.runs)
    spacing = first.style.element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "700"


def test_item_heading_in_kaiti_and_body_in_fangsong_in_one_paragraph(plain_docx: bytes) -> None:
    """An item is one paragraph: its label and lead sentence in 楷体, the body in 仿宋."""
    para = next(p for p in _doc(plain_docx).paragraphs if p.text.startswith("（一）"))
    assert para.style.name == "二级标题"
    heading, body = para.runs
    assert (
        heading.text
        == "（一）深入学习贯彻习近平新时代中国特色社会主义思想和党的十九届六中全会、党的二十大精神。"
    )
    assert _east_asia(heading) == "楷体_GB2312"
    assert body.text.startswith("学深悟透习近平新时代中国特色社会主义思想")
    assert _east_asia(body) == "仿宋_GB2312"
    for run in (heading, body):
        assert run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
        assert run._r.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
        assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"


def test_sections_in_heiti_with_recounted_labels(plain_docx: bytes, plan000: Plan) -> None:
    """Section headings 一、… 十一、 are paragraphs of their own in 黑体."""
    sections = [p for p in _doc(plain_docx).paragraphs if p.style.name == "一级标题"]
    assert [p.text for p in sections][:2] == [
        "一、深入推进全面从严治党",
        "二、兜住兜牢基本民生保障底线",
    ]
    assert len(sections) == len(plan000.sections) == 11
    assert all(_east_asia(r) == "黑体" for p in sections for r in p.runs)


def test_item_labels_keep_their_kind_and_count_on(plain_docx: bytes) -> None:
    """（一）…（三十三） run through the plan; the 一是 list of section 十一 keeps 一是…十是."""
    texts = [p.text for p in _doc(plain_docx).paragraphs if p.style.name == "二级标题"]
    assert texts[32].startswith("（三十三）")
    assert texts[33].startswith("一是") and texts[42].startswith("十是")


def test_quotes_and_dashes_get_the_east_asian_hint(plain_docx: bytes) -> None:
    """Runs holding “ ” — … carry w:hint="eastAsia"; plain CJK runs need none."""
    doc = _doc(plain_docx)
    runs = [r for p in doc.paragraphs for r in p.runs]
    quoted = [r for r in runs if "“" in r.text]
    assert quoted, "seed 000 has quoted phrases such as “1361”"
    assert all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia" for r in quoted)
    plain = [r for r in runs if r.text and all("\u4e00" <= c <= "\u9fff" for c in r.text)]
    assert all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) is None for r in plain)


def test_footers_odd_right_even_left_with_page_field(plain_docx: bytes) -> None:
    """Odd and even footers differ: "— PAGE —" right on odd pages, left on even, 1 char in."""
    doc = _doc(plain_docx)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, side in ((section.footer, "right", "right"),
                                (section.even_page_footer, "left", "left")):  # fmt: skip
        para = footer.paragraphs[0]
        ppr = para._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == align
        assert ppr.find(qn("w:ind")).get(qn(f"w:{side}")) == "280"
        xml = para._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert {_east_asia(r) for r in para.runs} == {"宋体"}
        assert all(r._r.rPr.find(qn("w:sz")).get(qn("w:val")) == "28" for r in para.runs)


def test_signature_and_date_on_the_right(plain_docx: bytes) -> None:
    """A plan with a signature ends with it and 成文日期 in 2022年3月17日 form: both centred
    in one box whose axis lies over a date ending four characters in from the right, so the
    signature is centred over the date whatever width a renderer gives the digits."""
    paras = _doc(plain_docx).paragraphs
    assert [p.text for p in paras[-2:]] == ["重庆市涪陵区民政局", "2022年3月17日"]
    assert [p.style.name for p in paras[-2:]] == ["发文机关署名", "成文日期"]
    boxes = []
    for para in paras[-2:]:
        ppr = para._p.pPr
        ind = ppr.find(qn("w:ind"))
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == "center"
        boxes.append((int(ind.get(qn("w:left"))), int(ind.get(qn("w:right")))))
    assert boxes[0] == boxes[1]
    left, right = boxes[0]
    width = 8844  # 156 mm
    # 2022年3月17日 is 6.5 characters in Word (digits half a character), 315 twips each.
    assert (left + width - right) / 2 == pytest.approx(width - 4 * 315 - 6.5 * 315 / 2, abs=2)
    # The end of the text, the blank lines and the signature keep with the next paragraph.
    assert all(p._p.pPr.find(qn("w:keepNext")) is not None for p in paras[-5:-1])


def test_notice_has_red_header_number_rule_and_notes(notice_docx: bytes) -> None:
    """Red 发文机关标志, 发文字号 with 〔〕 over a red rule, title, 主送, 附注, then 附件 page."""
    doc = _doc(notice_docx)
    paras = doc.paragraphs
    mark = paras[0]
    assert mark.text == "重庆市涪陵区民政局文件"
    assert mark.runs[0]._r.rPr.find(qn("w:color")).get(qn("w:val")) == "FF0000"
    number = next(p for p in paras if p.style.name == "发文字号")
    assert number.text == "涪民政发〔2022〕40号"
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    texts = [p.text for p in paras]
    # The notice title is broken between words, the 《》 kept whole.
    assert "重庆市涪陵区民政局关于印发\n《2022年全区民政工作要点》的通知" in texts
    assert "各乡镇（街道）民政办，机关各科室、直属各单位：" in texts
    assert "附件：2022年全区民政工作要点" in texts
    assert "（此件公开发布）" in texts
    label = next(p for p in paras if p.text == "附件")
    assert label._p.pPr.find(qn("w:pageBreakBefore")) is not None
    assert texts.index("2022年3月17日") < texts.index("附件")


def test_record_is_a_bottom_pinned_table_with_thick_and_thin_rules(notice_docx: bytes) -> None:
    """版记: a table on its own even-page section with empty footers, placed so that its
    last rule lies on the bottom of the text area (rows exactly one line high); 0.35 mm
    rules outside, 0.25 mm between."""
    doc = _doc(notice_docx)
    (table,) = doc.tables
    pos = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert pos.get(qn("w:vertAnchor")) == "margin"
    assert int(pos.get(qn("w:tblpY"))) == 12756 - 2 * 579  # 225 mm less two lines
    assert all(row.height == 579 * 635 for row in table.rows)  # 579 twips in EMU
    last = doc.sections[-1]
    assert last.start_type == WD_SECTION_START.EVEN_PAGE and len(doc.sections) == 2
    for footer in (last.footer, last.even_page_footer):
        assert not footer.is_linked_to_previous
        assert "PAGE" not in footer._element.xml and not footer.paragraphs[0].text
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {side: borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "bottom",
                                                                                "insideH")}  # fmt: skip
    assert sizes == {"top": "8", "bottom": "8", "insideH": "6"}
    cells = [c.text for row in table.rows for c in row.cells]
    assert "抄送：区委办公室，区政府办公室。" in cells
    assert "重庆市涪陵区民政局办公室" in cells and "2022年3月17日印发" in cells
    assert doc.element.body[-2].tag == qn("w:p"), "a paragraph anchors the floating table"


def test_plain_profile_prints_no_red_header(plan000: Plan) -> None:
    """The 白头 profile keeps the notice but prints no red mark and no red rule."""
    data = export_bytes(plan000, profile="plain", notice=notice_from_plan(plan000))
    doc = _doc(data)
    assert "文件" not in doc.paragraphs[0].text
    assert 'w:color="FF0000"' not in _part(data, "word/document.xml")
    assert doc.paragraphs[0].text == "涪民政发〔2022〕40号"


def test_bold_level_three_is_a_profile_setting(home: Path) -> None:
    """A user profile that inherits gbt9704 and sets subitem_bold makes 1. headings bold."""
    folder = home / "config" / "profiles"
    folder.mkdir(parents=True)
    (folder / "bold3.toml").write_text(
        'inherits = "gbt9704"\n[levels]\nsubitem_bold = true\n', encoding="utf-8"
    )
    for name, bold in (("gbt9704", False), ("bold3", True)):
        profile = load_profile(name)
        doc = new_document(profile)
        para = add_paragraph(
            doc, profile, "subitem", [("1.加强培训。", "heading"), ("内容", "body")]
        )
        heading, body = para.runs
        assert (heading._r.rPr.find(qn("w:b")) is not None) is bold
        assert body._r.rPr.find(qn("w:b")) is None


def test_control_characters_are_cleaned(plan000: Plan) -> None:
    """Characters XML cannot hold (pasted controls, BOM, NUL) vanish; the text survives."""
    section = plan000.sections[0]
    item = replace(section.items[0], body="学深悟透\x00\x0b思想\x1f，\ufeff落实\x7f。")
    dirty = replace(plan000, sections=(replace(section, items=(item,)),))
    notice = NoticeInfo(issuer="某\x01区民政局", date="2025-01-05")
    doc = _doc(export_bytes(dirty, notice=notice))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.endswith("学深悟透思想，落实。") for t in texts)
    assert "某区民政局文件" in texts


def test_every_seed_exports_every_heading(seed_plans: list[Plan]) -> None:
    """Each seed exports; every item's lead sentence and every section title is in the docx."""
    for plan in seed_plans:
        doc = _doc(export_bytes(plan))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert doc.paragraphs[0].text == plan.meta.title
        for _, _, section, item in plan.iter_items():
            assert item.heading in text
            assert section.title in text
        assert sum(p.style.name in ("二级标题", "三级标题") for p in doc.paragraphs) == (
            plan.item_count()
        )


def test_font_table_names_alternatives(plain_docx: bytes) -> None:
    """The font table lists 仿宋_GB2312 with an alternative name Word can fall back to."""
    fonts = _part(plain_docx, "word/fontTable.xml")
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts


def test_punctuation_may_not_hang_in_word_or_libreoffice(plain_docx: bytes) -> None:
    """Every paragraph style forbids hanging punctuation through a markup-compatibility
    choice: Word 2013+ and WPS read overflowPunct=0, LibreOffice (whose importer inverts the
    value) the fallback 1. No bare overflowPunct is left for either to misread."""
    root = etree.fromstring(_part(plain_docx, "word/styles.xml").encode("utf-8"))
    ppr_blocks = root.iter(qn("w:pPr"))
    count = 0
    for ppr in ppr_blocks:
        assert ppr.find(qn("w:overflowPunct")) is None
        for alt in ppr.findall(f"{{{MC}}}AlternateContent"):
            choice, fallback = alt
            assert choice.get("Requires") == "w15"
            assert choice[0].get(qn("w:val")) == "0" and fallback[0].get(qn("w:val")) == "1"
            count += 1
    styles = _doc(plain_docx).styles
    assert count >= 1 + sum(1 for s in styles if s.style_id.startswith("Gw"))


def test_package_describes_drafter_not_the_template(plan000: Plan, plain_docx: bytes) -> None:
    """Core properties: created now, by the issuer, last saved by drafter; app.xml names
    drafter; no thumbnail; compatibility mode 15; zoom carries its required percentage."""
    props = _doc(plain_docx).core_properties
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    assert abs((now - props.created.replace(tzinfo=None)).total_seconds()) < 3600
    assert props.created == props.modified and props.created.year >= 2025
    assert props.author == plan000.meta.issuer and props.last_modified_by == "drafter"
    names = zipfile.ZipFile(io.BytesIO(plain_docx)).namelist()
    assert not any("thumbnail" in n for n in names)
    assert "thumbnail" not in _part(plain_docx, "_rels/.rels")
    app = _part(plain_docx, "docProps/app.xml")
    assert "<Application>drafter</Application>" in app and "Microsoft" not in app
    settings = _part(plain_docx, "word/settings.xml")
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert re.search(r'<w:zoom [^>]*w:percent="100"', settings)
    assert "savePreviewPicture" not in settings


def test_heading_levels_carry_outline_levels(plain_docx: bytes) -> None:
    """Section, item and sub-item styles are outline levels 1–3 (w:outlineLvl 0–2), body
    styles have none, and the template's built-in headings are no longer blue."""
    styles = _doc(plain_docx).styles
    levels = {}
    for style in styles:
        ppr = style.element.pPr
        lvl = None if ppr is None else ppr.find(qn("w:outlineLvl"))
        levels[style.style_id] = None if lvl is None else lvl.get(qn("w:val"))
    assert (levels["GwSection"], levels["GwItem"], levels["GwSubitem"]) == ("0", "1", "2")
    assert levels["GwBody"] is None and levels["GwTitle"] is None
    for name in ("heading 1", "heading 2", "heading 3", "Title", "Subtitle"):
        assert styles[name].element.find(f"{W}rPr/{W}color") is None, name


def test_arabic_items_are_level_three_in_fangsong(seed_plans: list[Plan]) -> None:
    """Items numbered 1. directly under 一、 are set as level 3 (仿宋), labels counted again,
    and a plan without a title gets ``<year>年民政工作要点``."""
    source = seed_plans[3]
    sections = tuple(
        replace(s, items=tuple(replace(it, label=f"{n}、") for n, it in enumerate(s.items, 9)))
        for s in source.sections
    )
    plan = replace(
        source,
        item_style=ARABIC,
        sections=sections,
        meta=replace(source.meta, title=""),
    )
    doc = _doc(export_bytes(plan))
    assert doc.paragraphs[0].text == "2022年民政工作要点"
    items = [p for p in doc.paragraphs if p.style.name == "三级标题"]
    assert len(items) == plan.item_count()
    assert items[0].text.startswith("1." + source.sections[0].items[0].heading)
    assert {_east_asia(r) for p in items for r in p.runs} == {"仿宋_GB2312"}


def test_long_issuer_mark_is_compressed_to_the_line(seed_plans: list[Plan]) -> None:
    """武汉经开区（汉南区）民政局文件 at 36 pt is 540 pt on a 442 pt line: its runs carry a
    character width (w:w) that fits it; a short mark keeps full width."""
    from drafter.export.notice import mark_scale

    assert mark_scale("武汉经开区（汉南区）民政局文件", 36, 156) == 80
    assert mark_scale("乌审旗民政局文件", 36, 156) == 100
    plan = next(p for p in seed_plans if (p.meta.issuer or "").startswith("武汉"))
    doc = _doc(export_bytes(plan, notice=notice_from_plan(plan)))
    mark = doc.paragraphs[0]
    assert mark.text == "武汉经开区（汉南区）民政局文件"
    assert all(r._r.rPr.find(qn("w:w")).get(qn("w:val")) == "80" for r in mark.runs)
