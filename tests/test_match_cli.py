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


def test_json_keeps_its_keys_and_adds_also_in(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every hit keeps the documented keys and adds also_in (a list), own, region, level."""
    _, out, _ = _run(capsys, tmp_path, "similar", "推进殡葬改革", "--format", "json")
    hits = json.loads(out)
    assert hits and all(set(h) >= HIT_KEYS | {"also_in", "own", "region", "level"} for h in hits)
    assert all(isinstance(h["also_in"], list) for h in hits)


def test_item_and_same_issuer(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_paths: list[Path]
) -> None:
    """--item queries with a plan's item; --same-issuer lists that office's earlier plans
    only, one hit per plan, newest first, each marked own."""
    source = seed_paths[3].read_text(encoding="utf-8").replace("2022年", "2021年")
    older = tmp_path / "乌审旗2021.txt"
    older.write_text(source, encoding="utf-8")
    assert main(["--library", str(tmp_path / "lib"), "import", str(older)]) == 0
    capsys.readouterr()
    code, out, _ = _run(capsys, tmp_path, "similar", "--item", "乌审旗民政局/2022#8.2",
                        "--same-issuer", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert [(h["plan"], h["own"]) for h in hits] == [("乌审旗民政局/2021", True)]
    assert hits[0]["heading"].startswith("加强婚姻登记规范化建设")
    _, out, _ = _run(capsys, tmp_path, "similar", "--item", "乌审旗民政局/2022#8.2", "-k", "3",
                     "--format", "json")
    others = json.loads(out)
    assert all(h["plan"] != "乌审旗民政局/2022" for h in others)
    assert (others[0]["plan"], others[0]["own"]) == ("乌审旗民政局/2021", True)
    assert all(h["own"] == (h["plan"] == "乌审旗民政局/2021") for h in others)
    _, out, _ = _run(capsys, tmp_path, "similar", "--item", "乌审旗民政局/2022#8.2", "-k", "3")
    assert "【本单位往年】乌审旗民政局 2021" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["similar", "养老", "--same-issuer"], "需要知道本单位"),
        (["similar", "--item", "乌审旗民政局/2022"], "写法不对"),
        (["similar", "--item", "乌审旗民政局/2022#99.1"], "没有第 99 部分"),
        (["similar", "养老", "--year-from", "2023", "--year-to", "2020"], "晚于"),
        (["similar", "养老", "--item", "乌审旗民政局/2022#1.1"], "只能给一个"),
    ],
)
def test_bad_similar_options(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Wrong combinations of the new options get one Chinese sentence and status 2."""
    code, _, err = _run(capsys, tmp_path, *argv)
    assert code == 2 and message in err and "Traceback" not in err
