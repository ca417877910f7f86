"""Malformed packages end in one Chinese sentence at the reader's edge, within bounds of
memory and time, and a folder import goes on past them with a note per bad file."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.errors import InputError
from drafter.ingest import read_plan
from drafter.ingest.safezip import Limits, open_package, parse_xml, read_member, xml_int
from tests.reliability_support import assert_one_sentence, docx_bytes, run, unsigned_plan_texts

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def seed_docx(seed_paths) -> bytes:
    """Seed 001 as a Word file whose items carry automatic numbering (List Number)."""
    document = docx.Document()
    for line in seed_paths[1].read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        match = re.match(r"^[（(][一二三四五六七八九十]+[）)](.*)$", line)
        if match:
            document.add_paragraph(match.group(1), style="List Number")
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seed_docx_reads(seed_docx, tmp_path):
    """The untampered package reads (the crafted ones below differ from it in one member)."""
    plan = read_plan(_write(tmp_path, "good.docx", seed_docx))
    assert plan.item_count() > 10


def test_broken_document_xml(capsys, seed_docx, tmp_path):
    """document.xml cut in half: one sentence naming the file, no traceback."""
    xml = _member(seed_docx, "word/document.xml")
    path = _write(tmp_path, "断了.docx", docx_bytes(seed_docx, {"word/document.xml": xml[: len(xml) // 2]}))
    code, _, err = run(capsys, ["parse", str(path)])
    assert_one_sentence(code, err, "断了.docx")
    assert "XML" in err


def test_non_numeric_numbering_level(capsys, seed_docx, tmp_path):
    """A w:ilvl that is not a number names the attribute instead of a ValueError."""
    xml = _member(seed_docx, "word/numbering.xml")
    bad = re.sub(rb'w:ilvl="0"', b'w:ilvl="abc"', xml, count=1)
    assert bad != xml
    path = _write(tmp_path, "编号.docx", docx_bytes(seed_docx, {"word/numbering.xml": bad}))
    code, _, err = run(capsys, ["parse", str(path)])
    assert_one_sentence(code, err, "编号.docx")
    assert "w:ilvl" in err


def test_out_of_range_level_is_read_as_word_does(seed_docx, tmp_path):
    """A level beyond Word's nine (w:ilvl="99") is read as the deepest, as Word shows it."""
    xml = _member(seed_docx, "word/document.xml")
    bad = xml.replace(b'<w:pStyle w:val="ListNumber"/>',
                      b'<w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="99"/>'
                      b'<w:numId w:val="1"/></w:numPr>', 1)
    assert bad != xml
    plan = read_plan(_write(tmp_path, "深.docx", docx_bytes(seed_docx, {"word/document.xml": bad})))
    good = read_plan(_write(tmp_path, "好.docx", seed_docx))
    assert plan.sections[-1].items[-1].text == good.sections[-1].items[-1].text


def test_billion_laughs(capsys, seed_docx, tmp_path):
    """Nested entities are never expanded and the refusal is one sentence."""
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><w:document xmlns:w="' + _W.encode() + b'"><w:body><w:p><w:r><w:t>&lol9;</w:t>'
           b"</w:r></w:p></w:body></w:document>")
    path = _write(tmp_path, "笑.docx", docx_bytes(seed_docx, {"word/document.xml": lol}))
    code, out, err = run(capsys, ["parse", str(path)])
    assert "lollollol" not in out
    assert_one_sentence(code, err, "笑.docx")


def test_huge_unpacked_xml_is_refused_before_parsing(capsys, seed_docx, tmp_path):
    """64 MB of XML inside a small package is refused from the zip directory, unread."""
    filler = b"<w:p/>" * (64 * 1024 * 1024 // 6)
    xml = _member(seed_docx, "word/document.xml").replace(b"<w:body>", b"<w:body>" + filler, 1)
    path = _write(tmp_path, "炸弹.docx", docx_bytes(seed_docx, {"word/document.xml": xml}))
    assert path.stat().st_size < 2 * 1024 * 1024
    code, _, err = run(capsys, ["parse", str(path)])
    assert_one_sentence(code, err, "炸弹.docx")
    assert "MB" in err


def test_too_many_members(tmp_path, seed_docx):
    """A package of thousands of tiny members is refused by count."""
    extra = {f"word/media/x{n}.bin": b"" for n in range(60)}
    path = _write(tmp_path, "多.docx", docx_bytes(seed_docx, extra))
    with pytest.raises(InputError, match=r"多\.docx"):
        open_package(path, "Word 文档", Limits(members=50)).close()


def test_member_lying_about_its_size(tmp_path):
    """A member that unpacks to more than it declares is cut off by zipfile and reported."""
    path = tmp_path / "谎.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.xml", b"<a>" + b"x" * 100000 + b"</a>")
    data = bytearray(path.read_bytes())
    # Patch the declared size in the central directory to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"谎\.zip"), open_package(path) as zf:
        read_member(zf, "a.xml", path)


def test_shared_helpers_parse_and_numbers(tmp_path):
    """The helpers other readers use: broken XML and non-numbers are one sentence each."""
    where = tmp_path / "x.ofd"
    with pytest.raises(InputError, match="第 1 行"):
        parse_xml(b"<a><b></a>", where, "Doc_0/Content.xml")
    assert parse_xml(b"<a>&amp;</a>", where, "a.xml").text == "&"
    assert xml_int("12", 0, where, "页码") == 12
    assert xml_int(None, 3, where, "页码") == 3
    assert xml_int("99", 0, where, "级别", high=8) == 8
    with pytest.raises(InputError, match="页码"):
        xml_int("十二", 0, where, "页码")


def test_folder_import_goes_on_past_bad_files(capsys, home, seed_docx, seed_plans, tmp_path):
    """One bad .docx among good files: the others are imported, the bad one gets its note."""
    folder = tmp_path / "往年"
    folder.mkdir()
    xml = _member(seed_docx, "word/document.xml")
    (folder / "a-坏.docx").write_bytes(docx_bytes(seed_docx, {"word/document.xml": xml[:500]}))
    (folder / "b-编号坏.docx").write_bytes(docx_bytes(seed_docx, {
        "word/numbering.xml": _member(seed_docx, "word/numbering.xml").replace(
            b'w:ilvl="0"', b'w:ilvl="x"', 1)}))
    for n, text in enumerate(unsigned_plan_texts(seed_plans, 2), 1):
        (folder / f"c-{n}.txt").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, ["--library", str(tmp_path / "lib"), "import", str(folder),
                                  "--format", "json"])
    assert "Traceback" not in err
    outcomes = {Path(o["path"]).name: o for o in json.loads(out)}
    assert code == 1  # some files failed
    assert outcomes["a-坏.docx"]["status"] == "failed" and "a-坏.docx" in outcomes["a-坏.docx"]["reason"]
    assert "w:ilvl" in outcomes["b-编号坏.docx"]["reason"]
    assert [outcomes[f"c-{n}.txt"]["status"] for n in (1, 2)] == ["added", "added"]
