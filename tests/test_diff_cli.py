"""``drafter diff BASE DRAFT``: library ids or files in, text / JSON / HTML / Word out."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_diff_edits import SEEDS, edited, seed_plan

from drafter.cli import main
from drafter.library.store import save_plan

BASE_ID = "湘西州民政局/2023"


@pytest.fixture()
def draft_file(home: Path, tmp_path: Path) -> Path:
    """Seed 001's edited draft saved as a draft file."""
    draft, _ = edited(seed_plan(1))
    path = tmp_path / "draft.toml"
    save_plan(draft, path)
    return path


def test_json_by_library_id_and_file(draft_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A library id and a draft file diff to JSON with the edits counted."""
    assert main(["diff", BASE_ID, str(draft_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = data["summary"]
    assert (s["moved"], s["changed"], s["added"], s["removed"], s["split"]) == (1, 2, 1, 1, 1)


def test_seed_files_diff_directly(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two plain-text files diff without any library; a file against itself is all same."""
    assert main(["diff", str(SEEDS[3]), str(SEEDS[3]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["status"] for p in data["pairs"]} == {"same"}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], "［删除］"),
        (["--only-changes"], "650→680元/月"),
        (["--only-changes", "--side-by-side"], "去年"),
    ],
)
def test_text_output(
    draft_file: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: str
) -> None:
    """Text output (not a terminal: no pager, no colour) carries the marks."""
    assert main(["diff", BASE_ID, str(draft_file), *options]) == 0
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "options", "check"),
    [
        ("对比.docx", [], "tracked"),
        ("花脸稿.docx", ["--redline"], "redline"),
        ("对比.html", [], "<del style="),
        ("对比.txt", ["--only-changes"], "{+"),
        ("对比.json", [], '"summary"'),
    ],
)
def test_output_files_by_extension(
    draft_file: Path, tmp_path: Path, name: str, options: list[str], check: str
) -> None:
    """-o picks the format from the extension; docx is tracked unless --redline."""
    out = tmp_path / name
    assert main(["diff", BASE_ID, str(draft_file), "-o", str(out), *options]) == 0
    if out.suffix == ".docx":
        body = docx.Document(str(out)).element.body
        tracked = bool(list(body.iter(qn("w:ins"), qn("w:del"))))
        assert tracked == (check == "tracked")
    else:
        assert check in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "-o"),
        (["-o", "{existing}"], "已存在"),
    ],
)
def test_bad_requests_exit_2_with_one_chinese_sentence(
    draft_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    """docx without -o, or an existing output without --force: exit 2, a Chinese message."""
    existing = tmp_path / "已有.html"
    existing.write_text("x", encoding="utf-8")
    args = [a.replace("{existing}", str(existing)) for a in args]
    assert main(["diff", BASE_ID, str(draft_file), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err
    assert existing.read_text(encoding="utf-8") == "x"


def test_missing_plan_is_an_input_error(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A base that is neither a library id nor a file: exit 2 with a Chinese message."""
    assert main(["diff", str(tmp_path / "没有.txt"), str(SEEDS[0])]) == 2
    assert capsys.readouterr().err.startswith("错误：")
