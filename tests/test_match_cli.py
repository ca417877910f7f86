"""``drafter similar`` and ``drafter topics`` on the built-in library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main

HIT_KEYS = {"score", "text", "heading", "plan", "title", "issuer", "year", "section", "item"}


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--library", str(tmp_path / "lib"), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_similar_json_shape(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints a list of hits, each with the documented keys, best first."""
    code, out, _ = _run(capsys, tmp_path, "similar", "加强儿童福利工作", "-k", "3",
                        "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3
    assert all(set(h) >= HIT_KEYS for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "儿童" in hits[0]["heading"]


def test_similar_filters(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--year and --exclude-plan narrow the plans searched."""
    _, out, _ = _run(capsys, tmp_path, "similar", "推进殡葬改革", "--year", "2022",
                     "--format", "json")
    assert {h["year"] for h in json.loads(out)} == {2022}
    _, out, _ = _run(capsys, tmp_path, "similar", "推进殡葬改革", "--exclude-plan",
                     "乌审旗民政局/2022", "--format", "json")
    assert "乌审旗民政局/2022" not in {h["plan"] for h in json.loads(out)}


def test_queries_file(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--queries prints one JSON list with one result list per non-empty line, in order."""
    queries = tmp_path / "q.txt"
    queries.write_text("加强儿童福利工作\n\n深化殡葬改革\n优化婚姻登记服务\n", encoding="utf-8")
    code, out, _ = _run(capsys, tmp_path, "similar", "--queries", str(queries), "-k", "2")
    assert code == 0
    results = json.loads(out)
    assert len(results) == 3 and all(len(r) == 2 for r in results)
    assert "儿童" in results[0][0]["heading"]
    assert "殡葬" in results[1][0]["text"]
    assert "婚" in results[2][0]["heading"]


def test_exhaustive_agrees(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--exhaustive gives the same hits as the index on the built-in library."""
    _, fast, _ = _run(capsys, tmp_path, "similar", "提升养老服务质量", "--format", "json")
    _, slow, _ = _run(capsys, tmp_path, "similar", "提升养老服务质量", "--format", "json",
                      "--exhaustive")
    assert json.loads(fast) == json.loads(slow)


def test_text_output(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text view names the source of each hit and what it adds."""
    code, out, _ = _run(capsys, tmp_path, "similar", "加强儿童福利工作", "-k", "2")
    assert code == 0
    assert "1. " in out and "分" in out and "湘西州民政局" in out
    assert "新增表述" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["similar"], "请给出要查找的表述"),
        (["similar", "养老", "-k", "0"], "-k 必须是正整数"),
        (["similar", "--queries", "missing.txt"], "找不到查询文件"),
        (["topics", "航天发射"], "没有找到主题"),
    ],
)
def test_bad_input_is_one_chinese_sentence(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad input exits with status 2 and a Chinese message, no traceback."""
    code, _, err = _run(capsys, tmp_path, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_topics_list_and_one_topic(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """topics lists topics as JSON; naming one lists its items, filtered by --year."""
    _, out, _ = _run(capsys, tmp_path, "topics", "--format", "json")
    listed = json.loads(out)
    assert {"name", "terms", "items", "plans", "years"} <= set(listed[0])
    assert any("儿童福利" in t["terms"] for t in listed)
    _, out, _ = _run(capsys, tmp_path, "topics", "殡葬改革", "--year", "2022", "--format", "json")
    topic = json.loads(out)
    assert topic["items"] and {i["year"] for i in topic["items"]} == {2022}
    assert all("殡葬" in i["text"] or "墓" in i["text"] for i in topic["items"])
