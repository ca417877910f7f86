"""Printed lines → paragraphs: joins without invented spaces, columns in reading order."""

from __future__ import annotations

from drafter.ingest.layout import Line, join_lines, page_lines, remove_running_lines


def _line(text, x0, top, *, x1=None, size=16.0, page=0):
    x1 = x0 + len(text) * size if x1 is None else x1
    return Line(text, x0, x1, top, top - size, size, page)


def _column(texts, *, x0=80.0, width=26, top=700.0, indent=(), page=0):
    out = []
    for k, text in enumerate(texts):
        start = x0 + (32.0 if k in indent else 0.0)
        out.append(_line(text, start, top - 29 * k, page=page))
    for line in out:
        line.left, line.right = x0, x0 + width * 16
    return out


def test_broken_lines_join_without_spaces():
    """A line that runs to the right edge goes on in the next; CJK gets no space, Latin does."""
    lines = _column(["一二三四五六七八九十一二三四五六七八九十一二三四五六",
                     "七八。", "（一）新段落开始用APP", "Store查询，共760", "0户。"], indent=(2,))
    lines[2].x1 = lines[3].x1 = lines[2].right
    assert join_lines(lines) == [lines[0].text + "七八。", "（一）新段落开始用APP Store查询，共7600户。"]


def test_short_line_and_indent_end_a_paragraph():
    """A line stopping short, or a next line indented, ends the paragraph."""
    lines = _column(["短行。", "下一段的第一行写满了整行一二三四五六七八九十一二三四五六", "续行。"],
                    indent=(1,))
    assert join_lines(lines) == ["短行。", lines[1].text + "续行。"]


def test_two_columns_in_reading_order():
    """Left column top to bottom, then the right column; a title spanning both comes first."""
    title = _line("二〇二四年全区民政工作要点标题横跨两栏", 150.0, 760.0, x1=450.0, size=22.0)
    left = [_line(f"左栏第{k}行内容", 80.0, 700 - 29 * k, x1=280.0) for k in range(8)]
    right = [_line(f"右栏第{k}行内容", 320.0, 700 - 29 * k, x1=520.0) for k in range(8)]
    mixed = [title, *[x for pair in zip(left, right, strict=True) for x in pair]]
    ordered = [line.text for line in page_lines(mixed, 595.0)]
    assert ordered == [title.text, *[x.text for x in left], *[x.text for x in right]]


def test_running_header_and_page_numbers_removed():
    """A header repeated at one place on every page and "— N —" numbers go; the title stays."""
    pages = []
    for p in range(3):
        header = _line("某某区民政局文件", 80.0, 800.0, page=p)
        body = [_line(f"{'甲乙丙'[p]}页{'子丑寅卯辰巳'[k]}行正文", 80.0, 700 - 29 * k, page=p)
                for k in range(6)]
        number = _line(f"— {p + 1} —", 280.0, 60.0, page=p)
        pages.append([header, *body, number])
    pages[0].insert(1, _line("某某区民政局文件", 200.0, 740.0, size=22.0, page=0))
    kept = [line.text for line in remove_running_lines(pages)]
    assert kept.count("某某区民政局文件") == 1
    assert not any("—" in text for text in kept)
    assert len(kept) == 1 + 18
