"""Writing exports: existing files, missing and read-only folders, PDF without LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.errors import DrafterError, WriteError
from drafter.export import export_plan
from drafter.model import Plan


@pytest.fixture()
def plan(seed_plans: list[Plan]) -> Plan:
    """Seed 003 (乌审旗 2022)."""
    return seed_plans[3]


def test_existing_file_is_kept_without_force(tmp_path: Path, plan: Plan) -> None:
    """An existing file is not overwritten unless force is given; then it is replaced."""
    out = tmp_path / "要点.docx"
    out.write_bytes(b"old")
    with pytest.raises(WriteError, match="文件已存在"):
        export_plan(plan, out)
    assert out.read_bytes() == b"old"
    export_plan(plan, out, force=True)
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["要点.docx"], "no temp files left"


def test_missing_folder_is_an_error(tmp_path: Path, plan: Plan) -> None:
    """A folder that does not exist is named in the error rather than created silently."""
    with pytest.raises(WriteError, match="文件夹不存在"):
        export_plan(plan, tmp_path / "没有这个文件夹" / "要点.docx")


def test_output_that_is_a_folder_is_an_error(tmp_path: Path, plan: Plan) -> None:
    """Giving a folder as the output file is refused."""
    with pytest.raises(WriteError, match="是一个文件夹"):
        export_plan(plan, tmp_path)


def test_read_only_folder_is_an_error(tmp_path: Path, plan: Plan) -> None:
    """A folder that cannot be written gets a Chinese error, not a traceback."""
    if os.geteuid() == 0:
        folder = Path("/proc")  # root ignores permission bits; /proc refuses new files
    else:
        folder = tmp_path / "只读"
        folder.mkdir()
        folder.chmod(0o555)
    try:
        with pytest.raises(WriteError) as info:
            export_plan(plan, folder / "要点.docx")
        assert any(word in info.value.message for word in ("权限", "无法写入", "无法在", "只读", "不允许"))
    finally:
        if folder != Path("/proc"):
            folder.chmod(0o755)


def test_pdf_without_libreoffice_says_so(
    tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format pdf on a machine without LibreOffice explains what to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DRAFTER_SOFFICE", raising=False)
    out = tmp_path / "要点.pdf"
    with pytest.raises(WriteError, match="LibreOffice") as info:
        export_plan(plan, out, fmt="pdf")
    assert "--format docx" in info.value.message
    assert not out.exists()


def test_unknown_format_is_refused(tmp_path: Path, plan: Plan) -> None:
    """Only docx, md, txt and pdf are offered."""
    with pytest.raises(DrafterError, match="不支持的导出格式"):
        export_plan(plan, tmp_path / "要点.odt", fmt="odt")
