"""Reading many files for an import: in worker processes, the same plans as read one by one."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

from drafter.ingest import read_plan
from drafter.library import Library, reading


def _files(tmp_path, seed_paths, n):
    """``n`` files cycling through the seeds, with one file that cannot be read."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in seed_paths]
    files = []
    for k in range(n):
        path = folder / f"{k:03d}.txt"
        path.write_text(texts[k % len(texts)].replace("2022", str(1990 + k)), encoding="utf-8")
        files.append(path)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    files.insert(7, empty)
    return files


def test_workers_read_what_this_process_reads(tmp_path, seed_paths):
    files = _files(tmp_path, seed_paths, reading.PARALLEL_FROM + 4)
    parallel = list(reading.read_many(files, workers=2))
    assert [p for p, _ in parallel] == files
    assert isinstance(parallel[7][1], str) and "空文件" in parallel[7][1]
    for path, outcome in parallel:
        if path.name != "empty.txt":
            assert outcome == read_plan(path)


def test_broken_workers_fall_back_to_this_process(tmp_path, seed_paths, monkeypatch):
    files = _files(tmp_path, seed_paths, reading.PARALLEL_FROM)

    class Broken:
        def __init__(self, *args, **kwargs):
            raise BrokenProcessPool("no workers")

    monkeypatch.setattr(reading, "ProcessPoolExecutor", Broken)
    outcomes = list(reading.read_many(files, workers=2))
    assert [p for p, _ in outcomes] == files
    assert sum(isinstance(o, str) for _, o in outcomes) == 1


def test_large_import_in_parallel_matches_serial(home, tmp_path, seed_paths, monkeypatch):
    """The same library files, byte for byte, whether parsed in workers or here."""
    files = _files(tmp_path, seed_paths, reading.PARALLEL_FROM + 2)
    parallel = Library.open(tmp_path / "a", builtin=False).import_paths(files)
    monkeypatch.setattr(reading, "cores", lambda: 1)
    serial = Library.open(tmp_path / "b", builtin=False).import_paths(files)
    assert [(o.status, o.plan_id, o.reason) for o in parallel.outcomes] == [
        (o.status, o.plan_id, o.reason) for o in serial.outcomes
    ]
    assert parallel.count("failed") == 1
    written = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.toml"))
    assert written == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.toml"))
    for rel in written:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
