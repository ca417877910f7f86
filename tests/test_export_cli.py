"""``drafter export``: formats from extensions, notice options, JSON and error exits."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx
import pytest

from drafter.cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI and capture (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("name", "magic"),
    [("要点.docx", b"PK"), ("要点.md", b"# 2022"), ("要点.txt", b"2022")],
)
def test_format_follows_the_extension(
    home: Path, tmp_path: Path, seed_paths: list[Path], name: str, magic: bytes
) -> None:
    """Without --format, the output's extension picks docx, md or txt."""
    out = tmp_path / name
    status, stdout, _ = _run("export", str(seed_paths[3]), "-o", str(out))
    assert status == 0 and "已导出" in stdout
    assert out.read_bytes().startswith(magic)


def test_notice_options_fill_the_notice(home: Path, tmp_path: Path, seed_paths: list[Path]) -> None:
    """--doc-number, --issuer and --date (which imply --notice) reach the document; --json
    reports what was written."""
    out = tmp_path / "通知.docx"
    status, stdout, _ = _run(
        "export", str(seed_paths[1]), "-o", str(out), "--doc-number", "州民发[2023]3号",
        "--issuer", "湘西土家族苗族自治州民政局", "--date", "2023-02-01", "--json",
    )  # fmt: skip
    assert status == 0
    report = json.loads(stdout)
    assert report == {
        "output": str(out), "format": "docx", "profile": "gbt9704", "notice": True,
        "bytes": out.stat().st_size,
        "warnings": ["印发通知没有主送机关（如“各乡镇（街道）民政办：”），请补上（--addressees）。"],
    }  # fmt: skip
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "州民发〔2023〕3号" in texts and "2023年2月1日" in texts
    assert "湘西土家族苗族自治州民政局文件" in texts


def test_notice_without_issuer_asks_for_one(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """A notice for a plan whose file names no issuer and no --issuer is an input error."""
    plain = tmp_path / "无机关.txt"
    plain.write_text("2024年全区民政工作要点\n一、加强党建\n（一）抓好学习。认真学习。\n", "utf-8")
    status, _, stderr = _run("export", str(plain), "-o", str(tmp_path / "a.docx"), "--notice")
    assert status == 2 and "--issuer" in stderr


def test_existing_output_exits_2_in_chinese(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """An existing output without --force: exit status 2 and one Chinese sentence."""
    out = tmp_path / "要点.docx"
    out.write_bytes(b"keep")
    status, _, stderr = _run("export", str(seed_paths[0]), "-o", str(out))
    assert status == 2 and stderr.startswith("错误：文件已存在")
    assert out.read_bytes() == b"keep"
    status, _, _ = _run("export", str(seed_paths[0]), "-o", str(out), "--force")
    assert status == 0 and out.read_bytes()[:2] == b"PK"


def test_unknown_profile_exits_2(home: Path, tmp_path: Path, seed_paths: list[Path]) -> None:
    """An unknown --profile is reported with the available names."""
    status, _, stderr = _run(
        "export", str(seed_paths[0]), "-o", str(tmp_path / "a.md"), "--profile", "省厅"
    )
    assert status == 2 and "gbt9704" in stderr


def test_unknown_extension_is_refused(home: Path, tmp_path: Path, seed_paths: list[Path]) -> None:
    """-o x.xyz without --format is refused in Chinese rather than written as a .docx."""
    out = tmp_path / "要点.xyz"
    status, _, stderr = _run("export", str(seed_paths[3]), "-o", str(out))
    assert status == 2 and ".xyz" in stderr and "--format" in stderr
    assert not out.exists()
    status, _, _ = _run("export", str(seed_paths[3]), "-o", str(out), "--format", "txt")
    assert status == 0 and out.read_text(encoding="utf-8").startswith("2022年全旗民政工作要点")


def test_a_plan_with_its_notice_exports_with_it(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """Seed 000 came with its 印发通知: it is exported with it by default, and says so;
    --no-notice leaves it out."""
    out = tmp_path / "要点.docx"
    status, _, err = _run("export", str(seed_paths[0]), "-o", str(out))
    assert status == 0 and "已一并导出" in err and "--no-notice" in err
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "涪民政发〔2022〕40号" in texts and "（此件公开发布）" in texts
    alone = tmp_path / "只要点.docx"
    status, _, err = _run("export", str(seed_paths[0]), "-o", str(alone), "--no-notice")
    assert status == 0 and "已一并导出" not in err
    assert "涪民政发〔2022〕40号" not in [p.text for p in docx.Document(str(alone)).paragraphs]


def test_plain_profile_says_it_prints_no_record(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """--copies-to and --printer under the 白头 profile (which prints no 版记) are not
    dropped without a word."""
    out = tmp_path / "白头.docx"
    status, _, err = _run(
        "export", str(seed_paths[3]), "-o", str(out), "--profile", "plain",
        "--copies-to", "区委办公室", "--printer", "乌审旗民政局办公室",
    )  # fmt: skip
    assert status == 0 and "不印版记" in err
    assert not docx.Document(str(out)).tables


def test_renumbered_labels_are_named(home: Path, tmp_path: Path, seed_paths: list[Path]) -> None:
    """Seed 004 prints （二十） twice where （二十四） was meant: the export counts it again
    and names the change instead of renumbering silently."""
    out = tmp_path / "汉南.docx"
    status, _, err = _run("export", str(seed_paths[4]), "-o", str(out))
    assert status == 0 and "编号按位置重新排过" in err and "印为“（二十四）”" in err
