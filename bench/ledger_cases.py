"""The hand-labelled ledger cases in ``tests/fixtures/ledger``: real seeds edited the way
writers edit last year's plan, with the pairs a reviewer sees.

Each case file names a seed, optional ``[[base_edit]]`` replacements that build last year's
plan from it, ``[[edit]]`` replacements that turn last year's plan into this year's, and
``[[label]]`` lines for every target the edits touch: ``base`` and/or ``draft`` (text of the
target's clause, with ``base_value``/``draft_value`` or ``base_subject``/``draft_subject`` when a clause holds
several) and the
``status``. A target no label names must stand unchanged in both years: it is labelled
``kept`` with its unchanged twin. Cases are split into tune and test parts by seed, so that a
plan whose edits chose the weights never reports the figures.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.synth import plan_text, seed_plans
from drafter.ingest.clean import clean_lines
from drafter.library.catalog import plan_with_id
from drafter.model import Plan
from drafter.parse.structure import parse_lines
from drafter.targets import Target, extract_targets

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ledger"
#: Seeds whose cases choose thresholds and weights; the others only report.
TUNE_SEEDS = ("000", "002", "004")


class LabelError(ValueError):
    """A label that names no target, or several."""


@dataclass(frozen=True)
class Case:
    """One labelled pair of plans."""

    name: str
    """The case file's stem."""
    part: str
    """``tune`` or ``test`` (by seed)."""
    base: Plan
    """Last year's plan."""
    draft: Plan
    """This year's plan."""
    base_targets: tuple[Target, ...]
    """Targets of the base plan, in order."""
    draft_targets: tuple[Target, ...]
    """Targets of the draft plan, in order."""
    pairs: frozenset[tuple[int, int]]
    """The true (base index, draft index) pairs."""
    status: dict[tuple[str, int], str]
    """The true status of each target: (``base``/``draft``, index) → status."""
    edited: frozenset[tuple[str, int]]
    """Targets a label names (the ones the edits touched)."""


def parse_text(text: str, name: str) -> Plan:
    """A plan from plain text, with library ids so items can be followed."""
    cleaned = clean_lines(text.splitlines())
    plan = parse_lines(cleaned.lines, cleaned.web_meta, name)
    return plan_with_id(plan, name)


def _apply(text: str, edits: list[dict[str, str]], where: str) -> str:
    """Text with each replacement made once; a replacement that finds nothing is an error."""
    for edit in edits:
        old, new = edit["old"], edit["new"]
        if old not in text:
            raise LabelError(f"{where}: text to replace not found: {old[:30]}")
        text = text.replace(old, new, 1)
    return text


def _find(targets: tuple[Target, ...], label: dict[str, object], side: str, where: str) -> int:
    """The index of the one target whose clause holds the label's words (and has its value,
    or its subject, when the clause holds several)."""
    clue = str(label[side])
    value = label.get(f"{side}_value")
    about = label.get(f"{side}_subject")
    found = [i for i, t in enumerate(targets)
             if clue in t.text and (value is None or t.value == value)
             and (about is None or about in t.subject)]
    if len(found) != 1:
        raise LabelError(f"{where}: {len(found)} targets match {clue!r}")
    return found[0]


def _key(t: Target) -> tuple[object, ...]:
    """What an unchanged target keeps from one year to the next."""
    return (t.text, t.subject, t.value, t.high, t.unit, t.comparator, t.kind, t.section)


@cache
def load_case(path: Path) -> Case:
    """One case file, built and checked: every target is labelled, explicitly or unchanged."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    seed = str(data["seed"])
    plans = {p.source.file[:3]: p for p in seed_plans()}
    text = _apply(plan_text(plans[seed]), data.get("base_edit", []), path.name)
    base = parse_text(text, f"{path.stem}/base")
    draft = parse_text(_apply(text, data.get("edit", []), path.name), f"{path.stem}/draft")
    bt, dt = tuple(extract_targets(base)), tuple(extract_targets(draft))
    pairs: set[tuple[int, int]] = set()
    status: dict[tuple[str, int], str] = {}
    for label in data.get("label", []):
        where = f"{path.name} {label}"
        b = _find(bt, label, "base", where) if "base" in label else None
        d = _find(dt, label, "draft", where) if "draft" in label else None
        if b is not None:
            status["base", b] = label["status"]
        if d is not None:
            status["draft", d] = label["status"]
        if b is not None and d is not None:
            pairs.add((b, d))
    edited = frozenset(status)
    twins: dict[tuple[object, ...], list[int]] = {}
    for j, t in enumerate(dt):
        if ("draft", j) not in status:
            twins.setdefault(_key(t), []).append(j)
    for i, t in enumerate(bt):
        if ("base", i) in status:
            continue
        same = twins.get(_key(t))
        if not same:
            raise LabelError(f"{path.name}: base target not labelled: {t.text} ({t.value})")
        j = same.pop(0)
        pairs.add((i, j))
        status["base", i] = status["draft", j] = "kept"
    left = [dt[j].text for js in twins.values() for j in js]
    if left:
        raise LabelError(f"{path.name}: draft targets not labelled: {left}")
    part = "tune" if seed in TUNE_SEEDS else "test"
    return Case(path.stem, part, base, draft, bt, dt, frozenset(pairs), status, edited)


def load_cases() -> list[Case]:
    """Every case, sorted by name."""
    return [load_case(p) for p in sorted(CASES.glob("*.toml"))]
