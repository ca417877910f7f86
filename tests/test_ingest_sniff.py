"""Telling a file's kind from its name and first bytes, before any reader is loaded."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from drafter.ingest import formats

REAL = Path(__file__).parent / "fixtures" / "real"


def _kind(path: Path) -> str | None:
    return formats.reader_for(path, path.read_bytes()[:4096])


@pytest.mark.parametrize("name,reader", [
    ("kingsoft_003.wps", "office"), ("word97_001.doc", "office"), ("rich_text_000.rtf", "office"),
    ("opendocument_004.odt", "office"), ("ofd_002.ofd", "ofd"), ("partial_excerpt.docx", "docx"),
    ("pdf_two_columns_002.pdf", "pdf"), ("web_other_site.html", "html"),
    ("traditional_000.txt", "text"),
])
def test_each_kind_of_file_finds_its_reader(name, reader):
    assert _kind(REAL / name) == reader


@pytest.mark.parametrize("name,reader", [
    ("ofd_002.ofd", "ofd"), ("partial_excerpt.docx", "docx"), ("pdf_two_columns_002.pdf", "pdf"),
    ("word97_001.doc", "office"), ("web_other_site.html", "html"),
])
def test_content_decides_when_the_name_says_nothing(tmp_path, name, reader):
    """Saved without an extension (or under a wrong one), a file is read as what it is."""
    bare = tmp_path / "下载文件"
    shutil.copy(REAL / name, bare)
    assert _kind(bare) == reader
    wrong = tmp_path / "plan.dat"
    shutil.copy(REAL / name, wrong)
    assert _kind(wrong) == reader


def test_a_zip_of_something_else_has_no_reader(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.jpg", b"\xff\xd8\xff")
    assert _kind(path) is None
    assert formats.disguised(path, path.read_bytes()) is False


def test_a_broken_docx_goes_to_the_word_reader(tmp_path):
    """A .docx that is no zip is not read as text: the Word reader says it is damaged."""
    path = tmp_path / "plan.docx"
    path.write_bytes("二〇二三年全区民政工作要点".encode())
    assert _kind(path) == "docx"


@pytest.mark.parametrize("name,disguised", [
    ("bad/fake.doc", True), ("bad/fake.wps", True), ("word97_001.doc", False),
    ("kingsoft_003.wps", False), ("web_other_site.html", False),
])
def test_a_word_name_over_other_bytes_is_disguised(name, disguised):
    path = REAL / name
    assert formats.disguised(path, path.read_bytes()[:4096]) is disguised


def test_an_office_name_over_a_docx_or_a_page_is_read_as_that(tmp_path):
    docx_as_doc = tmp_path / "plan.doc"
    shutil.copy(REAL / "partial_excerpt.docx", docx_as_doc)
    page_as_wps = tmp_path / "plan.wps"
    shutil.copy(REAL / "web_other_site.html", page_as_wps)
    for path, reader in ((docx_as_doc, "docx"), (page_as_wps, "html")):
        head = path.read_bytes()[:4096]
        assert not formats.disguised(path, head)
        assert formats.reader_for(path, head) == reader
