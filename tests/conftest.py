"""Shared fixtures: the five real seed plans and an isolated user home."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.ingest import read_plan
from drafter.model import Plan

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five real plans as published, sorted 000..004."""
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, "tests/fixtures/seeds must hold the five seed plans"
    return paths


@pytest.fixture(scope="session")
def seed_plans(seed_paths: list[Path]) -> list[Plan]:
    """The five seeds parsed (no library ids)."""
    return [read_plan(p) for p in seed_paths]


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (data, config, cache, drafts) at a fresh temp folder."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
