"""The catalogue's start-up cache: what it stores comes back whole; a damaged one is rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter import paths
from drafter.library import Library
from drafter.library import catalog_cache as cache
from drafter.library.summary import PlanSummary


@pytest.fixture()
def library(home, tmp_path, seed_paths) -> Library:
    """A user library of the five seeds, its cache written."""
    lib = Library.open(tmp_path / "lib", builtin=False)
    assert lib.import_paths(seed_paths).count("added") == 5
    Library.open(tmp_path / "lib", builtin=False).summaries()
    return lib


def _cache_file() -> Path:
    (found,) = paths.user_cache_dir().glob(f"catalog-*{cache.SUFFIX}")
    return found


def test_cache_gives_back_every_summary(library, tmp_path):
    """Read through the cache, the catalogue equals the one read from the TOML files."""
    from_cache = Library.open(tmp_path / "lib", builtin=False).summaries()
    os.unlink(_cache_file())
    from_files = Library.open(tmp_path / "lib", builtin=False).summaries()
    assert len(from_files) == 5
    assert from_cache == from_files
    assert [s.path for s in from_cache] == [s.path for s in from_files]
    assert any(s.region for s in from_cache) and all(s.sha256 for s in from_cache)


def test_round_trip_keeps_every_field():
    """dumps then loads gives equal summaries (unknown values, flags and all)."""
    entries = {
        "/a/x.toml": (1_700_000_000_123_456_789, 321, PlanSummary(
            id="某局/2022", title="2022年工作要点", year=2022, issuer="某局", region="某区",
            level="区", date="2022-03-01", sections=5, items=40, sha256="ab" * 32,
            source_file="x.docx", toml="/a/x.toml", builtin=False, partial=True)),
        "/a/y.toml": (2, 0, PlanSummary(
            id="", title="", year=None, issuer=None, region=None, level=None, date=None,
            sections=0, items=0, sha256="", source_file="", toml="/a/y.toml", builtin=True)),
    }
    assert cache.loads(cache.dumps(entries)) == entries
    assert cache.loads(cache.dumps({})) == {}


@pytest.mark.parametrize("damage", ["cut", "flipped", "empty", "other version", "pickle"])
def test_damaged_cache_is_ignored_and_rewritten(library, tmp_path, damage):
    """A cache cut short, with a changed byte, empty or of another version is not used (the
    files are read again) and a good one takes its place."""
    path = _cache_file()
    good = path.read_bytes()
    bad = {
        "cut": good[: len(good) // 2],
        "flipped": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "empty": b"",
        "other version": good.replace(b"catalogue 5", b"catalogue 4", 1),
        "pickle": b"\x80\x04\x95" + good[3:],
    }[damage]
    assert cache.loads(bad) == {}
    path.write_bytes(bad)
    assert len(Library.open(tmp_path / "lib", builtin=False).summaries()) == 5
    assert cache.loads(path.read_bytes()) == cache.loads(good)


def test_changed_file_is_read_again(library, tmp_path):
    """A plan file changed after the cache was written is read from the file, not the cache."""
    summary = Library.open(tmp_path / "lib", builtin=False).summaries()[0]
    text = summary.path.read_text(encoding="utf-8")
    changed = text.replace(f'title = "{summary.title}"', 'title = "改过的标题"', 1)
    assert changed != text
    summary.path.write_text(changed, encoding="utf-8")
    again = Library.open(tmp_path / "lib", builtin=False).summary(summary.id)
    assert again.title == "改过的标题"


def test_earlier_pickle_cache_is_removed(library, tmp_path):
    """The pickle earlier versions kept next to it goes when the cache is written."""
    old = paths.user_cache_dir() / (_cache_file().name.removesuffix(cache.SUFFIX) + ".pickle")
    old.write_bytes(b"old")
    os.unlink(_cache_file())
    Library.open(tmp_path / "lib", builtin=False).summaries()
    assert not old.exists()
