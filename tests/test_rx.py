"""Compiled patterns kept between runs: the same patterns, whether stored, damaged or absent."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import rx
from drafter.ingest import furniture
from drafter.targets import extract

#: Patterns of the parser and the checks, with CJK classes, groups, names and flags.
PATTERNS = [
    (furniture._HEAD.pattern, 0),
    (extract._QUANTITY.pattern, extract._QUANTITY.flags & ~re.UNICODE),
    (r"(?i)^page\s*\d{1,4}(?:\s*of\s*\d{1,4})?$", 0),
    (r"(?P<year>20\d{2})\s*年(?!\s*[—–\-~～至到]\s*20\d{2})", re.MULTILINE),
]


@pytest.fixture()
def fresh(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """rx as in a new process, with its cache in the test's own user folder."""
    monkeypatch.setattr(rx, "_stored", None)
    monkeypatch.setattr(rx, "_where", None)
    monkeypatch.setattr(rx, "_new", {})
    monkeypatch.setattr(rx, "_built", {})
    monkeypatch.setattr(rx, "_usable", True)
    return home


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    rx._save()
    monkeypatch.setattr(rx, "_stored", None)
    monkeypatch.setattr(rx, "_where", None)
    monkeypatch.setattr(rx, "_new", {})
    monkeypatch.setattr(rx, "_built", {})


def test_stored_patterns_equal_compiled_ones_and_match_alike(fresh, monkeypatch, seed_paths):
    """Built from the stored form, each pattern equals ``re.compile``'s and finds the same
    matches in a seed plan."""
    text = seed_paths[1].read_text(encoding="utf-8")
    first = [rx.compile(p, f) for p, f in PATTERNS]
    assert len(rx._new) == len(PATTERNS)
    _restart(monkeypatch)
    assert rx._file().is_file()
    again = [rx.compile(p, f) for p, f in PATTERNS]
    assert rx._new == {}  # every one came from the stored table
    for (pattern, flags), a, b in zip(PATTERNS, first, again, strict=True):
        assert b == re.compile(pattern, flags) == a
        assert b.groupindex == a.groupindex and b.groups == a.groups
        assert [m.span() for m in b.finditer(text)] == [m.span() for m in a.finditer(text)]
    assert any(again[0].match(line) for line in text.splitlines())


def test_a_damaged_cache_is_ignored(fresh, monkeypatch):
    """A cache file that is not a table (cut short, overwritten) costs only the compile."""
    rx.compile(*PATTERNS[0])
    _restart(monkeypatch)
    path = rx._file()
    path.write_bytes(path.read_bytes()[:100])
    pattern = rx.compile(*PATTERNS[0])
    assert pattern == re.compile(*PATTERNS[0])
    assert list(rx._new) == [PATTERNS[0]]


def test_a_stale_entry_is_compiled_anew(fresh, monkeypatch):
    """An entry whose code the engine refuses is replaced by an ordinary compile."""
    rx.compile(*PATTERNS[2])
    _restart(monkeypatch)
    table = rx._table()
    flags, _code, groups, groupindex, indexgroup = table[PATTERNS[2]]
    table[PATTERNS[2]] = (flags, [999_999], groups, groupindex, indexgroup)
    pattern = rx.compile(*PATTERNS[2])
    assert pattern == re.compile(*PATTERNS[2])
    assert pattern.match("Page 3 of 9")


def test_the_cache_is_kept_per_interpreter(fresh):
    """The file names the interpreter and its engine: another Python never reads it."""
    rx.compile(*PATTERNS[1])
    name = rx._file().name
    assert ".".join(map(str, sys.version_info[:3])) in name
    assert str(rx._sre.MAGIC) in name


def test_an_unwritable_cache_folder_only_slows(fresh, monkeypatch, tmp_path):
    """No cache can be written (a file where the folder should be): patterns still compile."""
    blocked = tmp_path / "blocked"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_HOME", str(blocked))
    assert rx.compile(*PATTERNS[3]) == re.compile(*PATTERNS[3])
    rx._save()  # raises nothing


def test_whole_runs_read_the_same_with_and_without_the_cache(tmp_path, seed_paths):
    """`drafter parse` prints the same plan on its first run (no cache) and its second."""
    env = {**os.environ, "DRAFTER_HOME": str(tmp_path / "home")}
    args = [sys.executable, "-m", "drafter", "parse", "--format", "json", str(seed_paths[2])]
    first = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    caches = list((tmp_path / "home" / "cache").glob("patterns-*.marshal"))
    assert len(caches) == 1
    second = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout and '"sections"' in first.stdout
    assert caches[0].stat().st_size > 10_000
