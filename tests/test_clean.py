"""Each cleaning step does its one job on real debris."""

from __future__ import annotations

import pytest

from drafter.ingest import clean as C


def run(step, lines):
    return step(C.Cleaning(lines=tuple(lines)))


def test_control_chars_removed_and_warned():
    """Control and zero-width characters pasted from other programs are dropped, with a warning."""
    out = run(C.remove_control_chars, ["加强\x07儿童\u200b福利工作。"])
    assert out.lines == ("加强儿童福利工作。",)
    assert out.warnings[0].code == "control-chars"


def test_word_bookmark_removed():
    """Word's [bookmark: _GoBack] disappears, the text around it stays."""
    out = run(C.remove_word_debris, ["[bookmark: _GoBack]2022年全旗民政工作要以习近平…"])
    assert out.lines == ("2022年全旗民政工作要以习近平…",)


def test_full_width_indent_stripped():
    """Full-width spaces used as indentation are stripped; blank lines dropped."""
    out = run(C.strip_lines, ["　　一、坚持不懈推进全面从严治党", "　　", "  "])
    assert out.lines == ("一、坚持不懈推进全面从严治党",)


def test_web_metadata_extracted(seed_paths):
    """The bulleted metadata block of seed 000 becomes key/value metadata and leaves the text."""
    from drafter.ingest.text import read

    lines = C.strip_lines(C.Cleaning(read(seed_paths[0]).lines)).lines
    out = C.extract_web_metadata(C.Cleaning(lines))
    assert out.web_meta["发文字号"] == "涪民政发〔2022〕40号"
    assert out.web_meta["发布机构"] == "涪陵区民政局"
    assert out.web_meta["成文日期"] == "2022-03-17"
    assert not any(line.startswith("•") for line in out.lines)


@pytest.mark.parametrize("line", [
    "部  门", "街  镇", "分享文章到:", "主办单位:中共武汉经济技术开发区工委(汉南区委)党政办公室",
    "备案证编号:鄂ICP备2022016438号-1©1997- 版权所有", "鄂公网安备 42011302000122号 网站标识码:4201130014",
    "隐私声明 网站地图 收藏本站", "政府服务便民热线", "12345", "字 号:",
])
def test_web_chrome_removed(line):
    """Navigation, share and footer lines of government sites are dropped."""
    assert run(C.remove_web_chrome, [line, "一、加强党的建设"]).lines == ("一、加强党的建设",)


def test_web_chrome_keeps_plan_text():
    """A plan sentence that mentions 热线 or 网站 is not mistaken for chrome."""
    line = "深化“救在身边”行动，健全社会救助主动发现机制，畅通救助服务热线。"
    assert run(C.remove_web_chrome, [line]).lines == (line,)


def test_repeated_copies(seed_paths):
    """A document pasted three times is kept once (seed 002)."""
    from drafter.ingest.text import read

    lines = C.strip_lines(C.Cleaning(read(seed_paths[2]).lines)).lines
    out = C.remove_repeated_copies(C.Cleaning(lines))
    assert len(out.lines) * 3 == pytest.approx(len(lines), abs=3)
    assert sum(line == "2022年宝山民政工作要点" for line in out.lines) == 1


def test_pdf_spaces_joined():
    """Spaces inside words left by PDF line breaks are removed; Latin spacing stays."""
    out = run(C.join_broken_words, ["加强民政工 作，争取成为首批实验区\u2002\u2002县。", "APP 应用 and more"])
    assert out.lines == ("加强民政工作，争取成为首批实验区县。", "APP 应用 and more")


def test_ascii_punctuation_in_chinese_text():
    """ASCII , ; : ( ) next to Chinese become full-width; decimals and Latin text stay."""
    out = run(C.normalize_punctuation, ["各乡镇(街道)民政办,机关各科室:增幅7.1%,APP (beta)"])
    assert out.lines == ("各乡镇（街道）民政办，机关各科室：增幅7.1%，APP (beta)",)


def test_full_width_digits_folded():
    """Full-width digits become ASCII so numbers are read the same way."""
    assert run(C.normalize_width, ["新增２００张床位"]).lines == ("新增200张床位",)


def test_run_on_line_split():
    """A whole plan on one line is split at its section and item labels."""
    line = ("2024年全县民政工作要点" + "总体要求略。" * 10 + "一、加强党建（一）强化理论武装。学习。"
            "（二）加强组织建设。内容。二、兜牢民生底线（三）完善社会救助。内容" + "。" * 200)
    out = run(C.split_run_on_lines, [line])
    assert "一、加强党建" in out.lines
    assert any(x.startswith("（二）加强组织建设") for x in out.lines)
    assert "二、兜牢民生底线" in out.lines


def test_embedded_breaks_split():
    """Soft line breaks inside a docx paragraph or HTML text become separate lines."""
    out = run(C.split_embedded_breaks, ["一、加强党建\n（一）强化理论武装。\r内容。"])
    assert out.lines == ("一、加强党建", "（一）强化理论武装。", "内容。")


def test_steps_run_in_order_on_seed(seed_paths):
    """The whole chain on seed 003 leaves clean lines: no indentation, no bookmark, no blanks."""
    from drafter.ingest.text import read

    out = C.clean_lines(read(seed_paths[3]).lines)
    assert all(line == line.strip() and line for line in out.lines)
    assert not any("bookmark" in line for line in out.lines)


def test_text_copied_from_a_pdf_is_rewrapped():
    """Lines broken at the page width are joined into paragraphs; headings and items, short
    last lines and the running header end them."""
    width_line = "民政工作要坚持以人民为中心的发展思想，推动高质量发"
    lines = ["某某区民政局文件", "2024年全区民政工作要点"]
    for k in range(6):
        lines += [f"{'一二三四五六'[k]}、第{k}部分的标题", width_line, width_line, "展。",
                  f"（{'一二三四五六'[k]}）条目标题。{width_line[:18]}", width_line, "结束。"]
        if k % 2:
            lines.append("某某区民政局文件")
    out = C.clean_lines(lines)
    assert "某某区民政局文件" not in out.lines
    assert "一、第0部分的标题" in out.lines
    assert width_line * 2 + "展。" in out.lines
    assert any(line.startswith("（一）条目标题。") and line.endswith("结束。") for line in out.lines)
    assert {w.code for w in out.warnings} >= {"rewrapped", "running-lines"}


def test_one_paragraph_per_line_is_left_alone(seed_paths):
    """A text with a paragraph per line (every seed) is not rewrapped."""
    from drafter.ingest.text import read

    for path in seed_paths:
        out = C.clean_lines(read(path).lines)
        assert "rewrapped" not in {w.code for w in out.warnings}
