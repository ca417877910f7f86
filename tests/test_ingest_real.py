"""Plans as writers meet them (``tests/fixtures/real/``) parse to the structure they must give,
through ``drafter parse --format json`` and through ``drafter import``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.library import Library

REAL = Path(__file__).parent / "fixtures" / "real"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
#: The keys ``drafter parse --format json`` has always printed (a contract).
CONTRACT_KEYS = {
    "id", "title", "year", "issuer", "region", "level", "doc_number", "date", "addressees",
    "signature", "notice", "notes", "item_style", "preamble", "sections", "closing", "source",
    "warnings",
}


def _fixtures() -> list[tuple[Path, dict]]:
    out = []
    for expect in sorted(REAL.glob("*.expect.toml")):
        stem = expect.name.removesuffix(".expect.toml")
        matches = [p for p in REAL.iterdir() if p.stem == stem and p.suffix != ".toml"]
        assert len(matches) == 1, f"{expect.name} has no fixture beside it"
        out.append((matches[0], tomllib.loads(expect.read_text(encoding="utf-8"))))
    return out


FIXTURES = _fixtures()
IDS = [path.name for path, _ in FIXTURES]


def _all_text(plan: dict) -> str:
    """Every piece of text the plan keeps, for the furniture check."""
    return json.dumps([
        plan["title"], plan["notice"], plan["preamble"], plan["closing"], plan["addressees"],
        plan["signature"],
        [(s["title"], s["intro"], [i["text"] for i in s["items"]]) for s in plan["sections"]],
    ], ensure_ascii=False)


def _assert_expected(plan: dict, expect: dict, where: str, *, issuer: bool = True) -> None:
    assert plan["title"] == expect["title"], where
    assert plan["year"] == expect["year"], where
    if issuer:
        assert plan["issuer"] == expect.get("issuer"), where
    assert [s["title"] for s in plan["sections"]] == expect["sections"], where
    assert [len(s["items"]) for s in plan["sections"]] == expect["items"], where
    assert plan["partial"] is expect["partial"], where
    text = _all_text(plan)
    survived = [f for f in expect["furniture"] if f in text]
    assert not survived, f"{where}: page furniture survived: {survived}"


def test_fixture_set_covers_every_kind():
    """The set holds every format and every layout the issue names (none silently missing)."""
    formats = {e["format"] for _, e in FIXTURES}
    assert {"pdf", "doc", "wps", "odt", "rtf", "ofd", "html", "txt", "docx"} <= formats
    names = " ".join(IDS)
    for kind in ("two_columns", "pdf_drafter", "pdf_libreoffice", "partial", "one_line",
                 "traditional", "pipe_table", "padded", "bullets_before_title", "after_title",
                 "outline", "_ascii", "_fullwidth"):
        assert kind in names, kind
    assert any(e["partial"] for _, e in FIXTURES)


@pytest.mark.parametrize(("path", "expect"), FIXTURES, ids=IDS)
def test_parse_json(capsys, home, path, expect):
    """``drafter parse --format json``: metadata, sections, item counts, no page furniture."""
    assert main(["parse", str(path), "--format", "json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) >= CONTRACT_KEYS
    assert plan["format"] == expect["format"] == plan["source"]["format"]
    _assert_expected(plan, expect, path.name)
    if expect["partial"]:
        assert any(w["code"] == "partial" for w in plan["warnings"])


def _import(capsys, library: Path, path: Path) -> dict:
    """``drafter import`` one file into its own library; the stored plan as JSON."""
    from drafter.plan_json import plan_to_json

    assert main(["--library", str(library), "import", str(path), "--format", "json"]) == 0
    [outcome] = json.loads(capsys.readouterr().out)
    # "skipped": the file reads to exactly the text of a built-in seed, which it then is.
    assert outcome["status"] in ("added", "skipped"), outcome
    lib = Library.open(library)
    summary = lib.summary(outcome["id"])
    assert outcome["status"] == "added" or summary.builtin, outcome
    return {**plan_to_json(lib.get(outcome["id"])), "_listed": summary,
            "_status": outcome["status"]}


@pytest.mark.parametrize(("path", "expect"), FIXTURES, ids=IDS)
def test_import(capsys, home, tmp_path, path, expect):
    """``drafter import`` stores each plan with the same structure, format and partial flag."""
    plan = _import(capsys, tmp_path / "lib", path)
    added = plan["_status"] == "added"
    if added:
        assert plan["source"]["format"] == expect["format"]
        assert plan["source"]["file"] == path.name
    # A file skipped as the built-in seed's text is that plan, with the seed's own metadata.
    _assert_expected(plan, expect, path.name, issuer=added)
    assert plan["_listed"].partial is expect["partial"]


@pytest.mark.parametrize("n", range(5))
def test_seeds_import_like_they_parse(capsys, home, tmp_path, seed_plans, seed_paths, n):
    """The seeds import with the metadata and structure they parse to, not partial."""
    stored = _import(capsys, tmp_path / "lib", seed_paths[n])
    plan = seed_plans[n]
    assert (stored["title"], stored["year"], stored["issuer"]) == (
        plan.meta.title, plan.meta.year, plan.meta.issuer)
    assert [len(s["items"]) for s in stored["sections"]] == [len(s.items) for s in plan.sections]
    assert stored["partial"] is False


def _structure(plan) -> list:
    # Labels are left out: the variants were typed from drafter's export, which renumbers
    # seed 004's doubled （二十）.
    return [(s.title, s.intro, [(i.heading, i.text) for i in s.items]) for s in plan.sections]


@pytest.mark.parametrize(("name", "seed"), [
    ("pdf_drafter_003.pdf", 3), ("pdf_drafter_notice_000.pdf", 0), ("kingsoft_003.wps", 3),
    ("word97_001.doc", 1), ("opendocument_004.odt", 4), ("ofd_002.ofd", 2),
])
def test_same_structure_as_seed(seed_plans, name, seed):
    """drafter's own PDF and LibreOffice's .doc/.wps give the seed back word for word."""
    from drafter.ingest import read_plan

    plan = read_plan(REAL / name)
    assert _structure(plan) == _structure(seed_plans[seed])
    assert plan.preamble == seed_plans[seed].preamble


@pytest.mark.parametrize(("name", "seed"), [("seed3_libreoffice.doc", 3), ("seed4_libreoffice.wps", 4)])
def test_seed_saved_by_libreoffice_is_the_seed(seed_plans, name, seed):
    """A seed file saved as .doc/.wps by LibreOffice gives the seed back, labels and all
    (seed 004's doubled （二十） and its warnings included)."""
    from drafter.ingest import read_plan

    plan = read_plan(REAL / name)
    original = seed_plans[seed]
    assert [(s.label, s.title, [(i.label, i.heading, i.body) for i in s.items])
            for s in plan.sections] == [(s.label, s.title, [(i.label, i.heading, i.body)
                                                            for i in s.items])
                                        for s in original.sections]
    assert plan.meta == original.meta
    assert [w.code for w in plan.warnings] == [w.code for w in original.warnings]


def test_partial_plan_listed_as_partial(capsys, home, tmp_path):
    """A partial plan imports with a warning and `drafter list` marks it （不完整）."""
    library = tmp_path / "lib"
    assert main(["--library", str(library), "import", str(REAL / "partial_after_preamble.txt"),
                 "--format", "json"]) == 0
    outcome = json.loads(capsys.readouterr().out)[0]
    assert outcome["status"] == "added" and outcome["warnings"] >= 1
    assert main(["--library", str(library), "list", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[outcome["id"]]["partial"] is True
    assert all(r["partial"] is False for i, r in rows.items() if i != outcome["id"])
    assert main(["--library", str(library), "list"]) == 0
    assert "（不完整）" in capsys.readouterr().out
    assert main(["parse", str(REAL / "partial_after_preamble.txt")]) == 0
    assert "不完整" in capsys.readouterr().out.splitlines()[0]
