"""Bad input ends with one clear Chinese sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import re
import zipfile

import pytest

from drafter.cli import main

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _run(capsys, argv):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_clear_error(code, err, where):
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert CHINESE.search(lines[0]) and where in lines[0]


def test_missing_file(capsys, tmp_path):
    """A missing file is named in the message."""
    missing = tmp_path / "没有这个文件.txt"
    code, _, err = _run(capsys, ["parse", str(missing)])
    _assert_clear_error(code, err, "没有这个文件.txt")


def test_empty_file(capsys, tmp_path):
    """An empty file says it is empty."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "empty.txt")
    assert "空" in err


def test_binary_file(capsys, tmp_path):
    """Binary content is refused as not text."""
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "image.txt")


def test_not_a_plan(capsys, tmp_path):
    """Chinese text without sections is not a plan."""
    path = tmp_path / "letter.txt"
    path.write_text("各位同事：\n明天下午三点在三楼会议室开会，请准时参加。\n", encoding="utf-8")
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "letter.txt")
    assert "章节" in err


def test_fake_docx(capsys, seed_paths, tmp_path):
    """A text file renamed to .docx is reported as not a real Word document."""
    path = tmp_path / "fake.docx"
    path.write_bytes(seed_paths[0].read_bytes())
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "fake.docx")
    assert "Word" in err


def test_corrupt_docx(capsys, tmp_path):
    """A zip without a Word document inside is reported as corrupt."""
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not word")
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "broken.docx")


def test_truncated_docx(capsys, tmp_path):
    """A .docx cut off in the middle is reported, not crashed on."""
    import docx

    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("2024年全区民政工作要点")
    document.save(str(good))
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[:2000])
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "cut.docx")


def test_broken_old_doc(capsys, tmp_path):
    """A legacy .doc that LibreOffice cannot convert (an OLE2 header, nothing inside) is named."""
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "old.doc")
    assert "Word/WPS" in err


def test_malformed_library_file(capsys, home, tmp_path):
    """A broken TOML file in the library is named on stderr and left out; `list` still works."""
    library = tmp_path / "lib"
    (library / "某局").mkdir(parents=True)
    (library / "某局" / "2024.toml").write_text("id = \"某局/2024\"\n[meta\ntitle=", encoding="utf-8")
    code, out, err = _run(capsys, ["--library", str(library), "list"])
    assert code == 0 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "2024.toml" in lines[0] and CHINESE.search(lines[0])
    assert "乌审旗" in out  # the built-in plans are still listed


def test_unknown_plan_id(capsys, home):
    """An unknown plan id points to `drafter list`."""
    code, _, err = _run(capsys, ["show", "不存在的局/1999"])
    _assert_clear_error(code, err, "drafter list")


@pytest.mark.parametrize("text", ["一、加强党建\x00\x01（一）内容。"])
def test_control_characters_in_text(capsys, tmp_path, text):
    """NUL bytes mark a file as binary rather than crash the parser."""
    path = tmp_path / "ctrl.txt"
    path.write_bytes(text.encode("utf-8"))
    code, _, err = _run(capsys, ["parse", str(path)])
    _assert_clear_error(code, err, "ctrl.txt")


def test_control_characters_cleaned(tmp_path):
    """Stray control characters (no NUL) are removed and the plan parses."""
    from drafter.ingest import read_plan

    path = tmp_path / "ctrl.txt"
    path.write_text("2024年全区民政工作要点\n一、加强党建\n（一）强化\x07理论\x1b武装。内容。\n", encoding="utf-8")
    plan = read_plan(path)
    assert plan.sections[0].items[0].heading == "强化理论武装。"
    assert any(w.code == "control-chars" for w in plan.warnings)


@pytest.mark.parametrize("text,what", [
    ('[[sections]]\ntitle="甲"\nitems="abc"\n', "items"),
    ('[[sections]]\ntitle="甲"\n[[sections.items]]\nbody=5\n', "body"),
    ('[meta]\nyear="二〇二四"\n', "year"),
    ('[meta]\ncolour="red"\n', "colour"),
    ('preamble="一段"\n', "preamble"),
    ('[[sections]]\nlabel="一、"\n', "title"),
])
def test_malformed_draft_shapes(capsys, home, tmp_path, text, what):
    """A draft TOML with values of the wrong kind is named with what is wrong, for every command."""
    path = tmp_path / "草稿.toml"
    path.write_text(text, encoding="utf-8")
    for argv in (["show", str(path)], ["check", str(path), "--year", "2024"],
                 ["export", str(path), "-o", str(tmp_path / "x.docx")]):
        code, _, err = _run(capsys, argv)
        _assert_clear_error(code, err, "草稿.toml")
        assert what in err
