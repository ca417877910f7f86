"""Every supported file kind and encoding reads into the same plan."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest

from drafter.ingest import read_plan, read_raw


def _structure(plan):
    return [(s.title, [i.text for i in s.items]) for s in plan.sections]


@pytest.mark.parametrize("encoding,bom", [
    ("gb18030", b""),
    ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-8", codecs.BOM_UTF8),
])
def test_encodings_read_alike(seed_paths, tmp_path, encoding, bom):
    """GB18030/GBK, UTF-16 (with or without BOM) and UTF-8 with BOM parse like the UTF-8 seed."""
    text = seed_paths[3].read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    # GBK lacks the no-break and en spaces some seeds indent with; they are indentation only.
    errors = "ignore" if encoding == "gbk" else "strict"
    path.write_bytes(bom + text.encode(encoding, errors=errors))
    original = read_plan(seed_paths[3])
    converted = read_plan(path)
    assert _structure(converted) == _structure(original)
    assert converted.meta == original.meta


def test_crlf_line_endings(seed_paths, tmp_path):
    """Windows line endings make no difference."""
    text = seed_paths[1].read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    assert _structure(read_plan(path)) == _structure(read_plan(seed_paths[1]))


def test_html_page(seed_paths, tmp_path):
    """A saved web page declared GB2312 (GB18030 bytes) with navigation, scripts and footers parses like the text."""
    lines = seed_paths[4].read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    page = (
        '<!DOCTYPE html><html><head><meta charset="gb2312"><title>武汉经开区</title>'
        "<script>var x = '一、不是章节';</script><style>p{}</style></head><body>"
        "<nav><a>首页</a><a>部门</a></nav><div class='content'>" + body +
        "</div><footer><p>主办单位:中共武汉经济技术开发区工委</p><p>网站地图</p></footer>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    plan = read_plan(path)
    assert plan.source.format == "html"
    assert [len(s.items) for s in plan.sections] == [2, 3, 3, 3, 3, 4, 5, 5, 3, 3]
    assert "不是章节" not in str(_structure(plan))


def _docx(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def test_docx_from_seed(seed_paths, tmp_path):
    """A Word file holding a seed's paragraphs parses to the same structure."""
    lines = [line for line in seed_paths[3].read_text(encoding="utf-8").splitlines() if line.strip()]
    path = _docx(tmp_path / "plan.docx", [(line, None) for line in lines])
    plan = read_plan(path)
    assert plan.source.format == "docx"
    assert _structure(plan) == _structure(read_plan(seed_paths[3]))


def test_docx_automatic_numbering(tmp_path):
    """Labels drawn by Word's automatic numbering (List Number) are restored as 1. 2."""
    path = _docx(tmp_path / "numbered.docx", [
        ("2024年全县民政工作要点", None),
        ("一、加强党的建设", None),
        ("强化理论武装。认真学习党的二十大精神。", "List Number"),
        ("加强组织建设。推进党支部标准化建设。", "List Number"),
    ])
    raw = read_raw(path)
    assert "1.强化理论武装。认真学习党的二十大精神。" in raw.lines
    plan = read_plan(path)
    assert [i.label for i in plan.sections[0].items] == ["1.", "2."]
    assert plan.sections[0].items[1].heading == "加强组织建设。"


def test_docx_heading_and_body_in_runs(tmp_path):
    """A bold heading run and a plain body run in one paragraph are one item."""
    document = docx.Document()
    document.add_paragraph("2024年全区民政工作要点")
    document.add_paragraph("一、兜牢民生底线")
    p = document.add_paragraph()
    p.add_run("（一）完善社会救助体系。").bold = True
    p.add_run("健全分层分类社会救助体系。")
    path = tmp_path / "runs.docx"
    document.save(str(path))
    item = read_plan(path).sections[0].items[0]
    assert (item.label, item.heading, item.body) == ("（一）", "完善社会救助体系。", "健全分层分类社会救助体系。")


def test_docx_content_controls_and_tables(tmp_path):
    """Paragraphs inside content controls are read; table cells stay apart; nothing twice."""
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    document.add_paragraph("2024年全区民政工作要点")
    document.add_paragraph("一、加强党的建设")
    inside = document.add_paragraph("（一）强化理论武装。在内容控件里。")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    inside._p.addprevious(sdt)
    content.append(inside._p)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "项目名称", "完成时限"), strict=True):
        cell.text = text
    nested = table.rows[0].cells[2].add_table(rows=1, cols=1)
    nested.rows[0].cells[0].text = "年底前"
    path = tmp_path / "controls.docx"
    document.save(str(path))
    lines = read_raw(path).lines
    assert "（一）强化理论武装。在内容控件里。" in lines
    row = next(line for line in lines if line.startswith("序号"))
    assert row.split("\t")[:2] == ["序号", "项目名称"]
    assert sum("年底前" in line for line in lines) == 1
