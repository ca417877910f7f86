"""Faces for the PDF: the profile's own when installed, else its free substitutes, said so."""

from __future__ import annotations

import io
import zipfile

from drafter.export import export_bytes
from drafter.export.fonts import choose_fonts, with_installed_fonts
from drafter.export.profile import load_profile
from drafter.model import Plan

PROFILE = load_profile()


def test_missing_faces_take_the_first_installed_substitute() -> None:
    """仿宋_GB2312 missing and FandolFang missing: AR PL UMing CN stands in, and the writer is
    told in Chinese; a face that is installed is used as it is."""
    installed = frozenset({"ar pl uming cn", "ar pl ukai cn", "noto sans cjk sc",
                           "noto serif cjk sc", "黑体", "liberation serif"})  # fmt: skip
    choices = {c.wanted: c for c in choose_fonts(PROFILE, installed)}
    assert choices["仿宋_GB2312"].used == "AR PL UMing CN"
    assert choices["楷体_GB2312"].used == "AR PL UKai CN"
    assert choices["方正小标宋简体"].used == "Noto Serif CJK SC"
    assert not choices["黑体"].missing and choices["黑体"].warning is None
    assert choices["仿宋_GB2312"].warning == "本机没有字体“仿宋_GB2312”，PDF 中以“AR PL UMing CN”代替。"


def test_fallbacks_come_before_substitutes() -> None:
    """An office machine with FangSong (the profile's fallback) uses it, not a free face."""
    installed = frozenset({"fangsong", "ar pl uming cn"})
    (choice,) = [c for c in choose_fonts(PROFILE, installed) if c.wanted == "仿宋_GB2312"]
    assert choice.used == "FangSong"


def test_nothing_installed_says_libreoffice_chooses() -> None:
    """No listed face installed: the note says LibreOffice picks one."""
    (choice,) = [c for c in choose_fonts(PROFILE, frozenset()) if c.wanted == "楷体_GB2312"]
    assert choice.used is None and "自选字体" in (choice.warning or "")


def test_only_the_pdf_copy_is_renamed(seed_plans: list[Plan]) -> None:
    """The .docx keeps the official names; the copy LibreOffice renders names installed
    faces in runs, styles and the font table."""
    data = export_bytes(seed_plans[0])
    copy = with_installed_fonts(data, PROFILE)
    original = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    renamed = zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in original
    missing = [c for c in choose_fonts(PROFILE) if c.used]
    for choice in missing:
        assert f'"{choice.wanted}"' not in renamed
    fonts = zipfile.ZipFile(io.BytesIO(copy)).read("word/fontTable.xml").decode()
    assert all(f'w:name="{c.used}"' in fonts for c in missing)


def test_pdf_export_notes_name_the_replaced_faces(
    seed_plans: list[Plan], monkeypatch
) -> None:
    """The notes for a PDF export name each replaced face; a .docx export has none (Word on
    the clerk's machine has the official fonts)."""
    from drafter.export import advice, fonts

    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"ar pl ukai cn"}))
    plan = seed_plans[3]
    pdf_notes = advice.export_advice(plan, fmt="pdf", profile=PROFILE, notice=None)
    assert "本机没有字体“楷体_GB2312”，PDF 中以“AR PL UKai CN”代替。" in pdf_notes
    docx_notes = advice.export_advice(plan, fmt="docx", profile=PROFILE, notice=None)
    assert not any("字体" in n for n in docx_notes)
