"""The library: where plan files live, a fast catalogue of them, import and look-up."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter import paths
from drafter.atomic import write_bytes
from drafter.errors import DrafterError, InputError, LibraryError
from drafter.library import catalog_cache, store, trash
from drafter.library.summary import PlanSummary
from drafter.model import Plan
from drafter.provenance import output_kind

#: The lock file in the user's library folder: imports take turns choosing ids and writing.
LOCK_FILE = ".drafter-lock"
SUPPORTED = (
    ".txt", ".text", ".docx", ".html", ".htm", ".shtml", ".pdf", ".doc", ".wps", ".odt",
    ".rtf", ".ofd",
)


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file on import."""

    path: Path
    """The file imported."""
    status: str
    """``added``, ``updated``, ``skipped`` or ``failed``."""
    plan_id: str = ""
    """The plan's library id, when it has one."""
    reason: str = ""
    """Why it was skipped or failed (Chinese)."""
    warnings: int = 0
    """How many parser warnings the plan carries."""


@dataclass
class ImportReport:
    """The outcome of importing several files."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    """One per file, in order."""

    def count(self, status: str) -> int:
        """How many files ended with this status."""
        return sum(o.status == status for o in self.outcomes)


Progress = Callable[[int, int, Path], None]


class Library:
    """The built-in library (read-only) and the user's library, with one catalogue."""

    def __init__(self, user_dir: Path, builtin_dir: Path | None) -> None:
        self.user_dir = user_dir
        self.builtin_dir = builtin_dir
        self._summaries: dict[str, PlanSummary] | None = None
        self._lock_token: bytes | None = None
        self._sorted: list[PlanSummary] | None = None
        self.problems: list[str] = []
        """Library files that were left out, one Chinese sentence each (unreadable, duplicate id)."""
        self.hidden: set[str] = set()
        """Ids of built-in plans the writer hid (left out of the catalogue)."""

    @classmethod
    def open(cls, user_dir: Path | None = None, *, builtin: bool = True) -> Library:
        """The library with the user's folder (default: the user data dir) and the built-ins."""
        user = Path(user_dir) if user_dir else paths.user_library()
        builtin_dir = paths.builtin_library() if builtin else None
        if builtin_dir is not None and builtin_dir.resolve() == user.resolve():
            builtin_dir = None
        return cls(user, builtin_dir)

    # -- catalogue ---------------------------------------------------------------------------

    def _roots(self) -> list[tuple[Path, bool]]:
        roots = [(self.user_dir, False)]
        if self.builtin_dir is not None:
            roots.insert(0, (self.builtin_dir, True))
        return roots

    def _cache_file(self) -> Path:
        key = re.sub(r"[^\w]+", "_", str(self.user_dir.resolve()))[-80:]
        return paths.user_cache_dir() / f"catalog-{key}{catalog_cache.SUFFIX}"

    def summaries(self) -> list[PlanSummary]:
        """Every plan in the library, built-ins first, then by issuer and year."""
        if self._sorted is None:
            self._sorted = sorted(
                self._catalogue().values(),
                key=lambda s: (not s.builtin, s.issuer or "", s.year or 0, s.id),
            )
        return list(self._sorted)

    def _catalogue(self) -> dict[str, PlanSummary]:
        """Plan id → summary, read on first use (look-ups need no sorting)."""
        if self._summaries is None:
            self._summaries = self._scan()
            self._sorted = None
        return self._summaries

    def _scan(self) -> dict[str, PlanSummary]:
        """Read the catalogue, re-reading only the TOML files that changed since last time."""
        cache = self._load_cache()
        fresh: catalog_cache.Entries = {}
        found: dict[str, PlanSummary] = {}
        problems: list[str] = []
        changed = False
        try:
            self.hidden = trash.hidden_ids() if self.builtin_dir is not None else set()
        except LibraryError as exc:
            problems.append(exc.message)
        for folder, builtin in self._roots():
            if not folder.is_dir():
                continue
            root = str(folder.resolve())  # one cache key per file, however it was named
            for key, stat in _toml_files(root):
                hit = cache.get(key)
                if hit and hit[0] == stat.st_mtime_ns and hit[1] == stat.st_size:
                    summary = hit[2]
                else:
                    changed = True
                    path = Path(key)
                    try:
                        plan = store.load_plan(path)
                    except LibraryError as exc:
                        problems.append(f"已跳过：{exc.message}")
                        continue
                    summary = PlanSummary.of(plan, path, builtin)
                fresh[key] = (stat.st_mtime_ns, stat.st_size, summary)
                if not summary.id:
                    problems.append(f"已跳过：资料库文件 {key} 没有编号（id）。")
                    continue
                if builtin and summary.id in self.hidden:
                    continue
                if summary.id in found:
                    problems.append(
                        f"已跳过：{key} 与 {found[summary.id].path} 的编号同为“{summary.id}”。"
                    )
                    continue
                found[summary.id] = summary
        if changed or fresh.keys() != cache.keys():  # cheaper than comparing every summary
            self._save_cache(fresh)
        self.problems = problems
        return found

    def _load_cache(self) -> catalog_cache.Entries:
        try:
            blob = self._cache_file().read_bytes()
        except OSError:
            return {}
        return catalog_cache.loads(blob)

    def _save_cache(self, data: catalog_cache.Entries) -> None:
        # The cache only speeds up start-up; failing to write it leaves the library intact.
        with contextlib.suppress(DrafterError):
            write_bytes(self._cache_file(), catalog_cache.dumps(data))
        with contextlib.suppress(OSError):  # the pickle earlier versions kept
            self._cache_file().with_suffix(".pickle").unlink(missing_ok=True)

    def invalidate(self) -> None:
        """Forget the in-memory catalogue (after files changed)."""
        self._summaries = None
        self._sorted = None

    # -- tidying ----------------------------------------------------------------------------

    def remove(self, plan_id: str) -> trash.TrashEntry | None:
        """Move a user plan to the trash (returned), or hide a built-in one (None)."""
        summary = self.summary(plan_id)
        if summary.builtin:
            trash.set_hidden(plan_id, True)
        else:
            entry = trash.move_to_trash(summary.path, trash.PLAN, summary.title, plan_id)
        self.invalidate()
        return None if summary.builtin else entry

    def unhide(self, plan_id: str) -> None:
        """Show a hidden built-in plan again."""
        trash.set_hidden(plan_id, False)
        self.invalidate()

    # -- look-up -----------------------------------------------------------------------------

    def ids(self) -> list[str]:
        """Every plan id."""
        return [s.id for s in self.summaries()]

    def summary(self, plan_id: str) -> PlanSummary:
        """The summary of one plan; LibraryError when unknown."""
        try:
            return self._catalogue()[plan_id]
        except KeyError:
            raise LibraryError(f"资料库中没有编号为“{plan_id}”的要点，可用 drafter list 查看。") from None

    def get(self, plan_id: str) -> Plan:
        """The whole plan with this id."""
        return store.load_plan(self.summary(plan_id).path)

    def plans(self) -> Iterator[Plan]:
        """Every plan, loaded one at a time."""
        for summary in self.summaries():
            yield store.load_plan(summary.path)

    def find(self, ref: str) -> PlanSummary:
        """A plan by id, or by words that together name exactly one plan (``涪陵 2022``)."""
        catalogue = self._catalogue()
        if ref in catalogue:
            return catalogue[ref]
        words = [w for w in re.split(r"[\s/]+", ref) if w]
        matches = [
            s for s in catalogue.values()
            if words and all(w in f"{s.id} {s.title} {s.source_file}" for w in words)
        ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise LibraryError(f"资料库中没有“{ref}”，可用 drafter list 查看编号。")
        names = "、".join(s.id for s in matches[:5])
        raise LibraryError(f"“{ref}”对应多份要点（{names}），请写完整编号。")

    def resolve(self, ref: str) -> Plan:
        """A plan named by library id (or words naming one) or by a file drafter can read."""
        path = Path(ref).expanduser()
        if path.suffix.lower() in (*SUPPORTED, ".toml", ".docm") and not path.exists():
            raise InputError(f"找不到文件：{path}。")
        if path.suffix.lower() == ".toml" and path.is_file():
            return store.load_plan(path)
        if path.suffix.lower() in SUPPORTED or path.exists():
            from drafter.ingest import read_plan

            return read_plan(path)
        return store.load_plan(self.find(ref).path)

    # -- import ------------------------------------------------------------------------------

    def import_paths(
        self, sources: Iterable[Path | str], progress: Progress | None = None
    ) -> ImportReport:
        """Import files and folders (searched recursively) into the user's library.

        Many files are parsed on every core (:mod:`drafter.library.reading`); ids are chosen
        and files written here, one at a time, in the order given.
        """
        from drafter.ingest import converted_in_batch

        files = list(expand_paths(sources))
        with converted_in_batch(files):
            return self._import_files(files, progress)

    def _import_files(self, files: list[Path], progress: Progress | None) -> ImportReport:
        from drafter.library.reading import read_many

        report = ImportReport()
        by_sha = {s.sha256: s for s in self.summaries()}
        for n, (path, plan) in enumerate(read_many(files), 1):
            if progress:
                progress(n, len(files), path)
            made_by_drafter = output_kind(path) if path.suffix.lower() == ".docx" else None
            if made_by_drafter:
                report.outcomes.append(ImportOutcome(
                    path, "skipped", reason=f"是 drafter 生成的{made_by_drafter}，不是往年要点"
                ))
                continue
            if isinstance(plan, str):
                report.outcomes.append(ImportOutcome(path, "failed", reason=plan))
                continue
            try:
                with self._locked() as fresh:
                    if fresh:
                        by_sha = {s.sha256: s for s in self.summaries()}
                    outcome = self._store(path, plan, by_sha)
            except DrafterError as exc:
                outcome = ImportOutcome(path, "failed", reason=exc.message)
            report.outcomes.append(outcome)
        if report.count("added") or report.count("updated"):
            self._remember_imports()
        return report

    def _store(self, path: Path, plan: Plan, by_sha: dict[str, PlanSummary]) -> ImportOutcome:
        """Choose the id of one parsed plan and write it (under the library lock)."""
        existing = by_sha.get(plan.source.sha256)
        if existing is not None:
            return ImportOutcome(
                path, "skipped", existing.id, reason=f"与资料库中的“{existing.id}”内容相同")
        status, plan, read_sha = self._place(plan)
        target = self._path_for(plan.id)
        store.save_plan(plan, target, expect_sha256=read_sha, new=read_sha is None)
        summary = PlanSummary.of(plan, target, builtin=False)
        assert self._summaries is not None
        self._summaries[plan.id] = summary
        self._sorted = None
        by_sha[plan.source.sha256] = summary
        return ImportOutcome(path, status, plan.id, warnings=len(plan.warnings))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[bool]:
        """Hold the library lock; yields True when another process changed the library since
        this catalogue was read (it has been re-read), so ids are chosen from what is on disk.

        Every import that writes leaves a new token in the lock file; an unchanged token means
        nobody else wrote.
        """
        from drafter.oslock import locked

        with locked(self.user_dir / LOCK_FILE, "资料库") as fd:
            token = os.pread(fd, 64, 0)
            fresh = token != self._lock_token or not token
            if fresh:
                self.invalidate()
                self.summaries()
            wrote = False
            try:
                yield fresh
                wrote = True
            finally:
                if wrote:
                    self._lock_token = os.urandom(16).hex().encode("ascii")
                    os.pwrite(fd, self._lock_token, 0)
                    os.ftruncate(fd, len(self._lock_token))

    def _remember_imports(self) -> None:
        """Put the imported plans into the start-up cache so the next start is fast."""
        assert self._summaries is not None
        cache = self._load_cache()
        for summary in self._summaries.values():
            try:
                stat = summary.path.stat()
            except OSError:
                continue
            cache[str(summary.path)] = (stat.st_mtime_ns, stat.st_size, summary)
        self._save_cache(cache)

    def _place(self, plan: Plan) -> tuple[str, Plan, str | None]:
        """Choose the plan's id: a revised version of the same file replaces it, else a new id.

        Returns the status, the plan under its id, and for an update the hash of the file as
        read (it is replaced only if still the same); a new id never names an existing file.
        """
        assert self._summaries is not None
        base = f"{plan.meta.issuer or '未署名'}/{plan.meta.year or '未知年份'}"
        candidate, n = base, 1
        while candidate in self._summaries or self._path_for(candidate).exists():
            existing = self._summaries.get(candidate)
            if (
                existing is not None
                and not existing.builtin
                and existing.path == self._path_for(candidate)
                and existing.source_file == plan.source.file
            ):
                old, read_sha = store.load_plan_hashed(existing.path)
                if _same_document(old, plan):
                    return "updated", plan_with_id(plan, candidate), read_sha
            n += 1
            candidate = f"{base}-{n}"
        return "added", plan_with_id(plan, candidate), None

    def _path_for(self, plan_id: str) -> Path:
        issuer, _, year = plan_id.rpartition("/")
        return self.user_dir / _safe(issuer) / f"{_safe(year)}.toml"


def _toml_files(root: str) -> list[tuple[str, os.stat_result]]:
    """Every ``*.toml`` file under ``root`` with its stat (not following linked folders), in
    the order of their path parts; strings because a national library has thousands."""
    found: list[tuple[str, os.stat_result]] = []
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        try:
            folder = entry.is_dir()
        except OSError:
            folder = False
        if folder:
            if not entry.is_symlink():  # linked folders are listed, not entered
                found.extend(_toml_files(entry.path))
        elif entry.name.endswith(".toml"):
            try:
                found.append((entry.path, entry.stat()))
            except OSError:
                continue
    return found


def plan_with_id(plan: Plan, plan_id: str) -> Plan:
    """The plan under a library id, with item ids derived from it."""
    return replace(plan, id=plan_id).with_ids()


def _same_document(old: Plan, new: Plan) -> bool:
    """True when ``new`` reads as a revision of ``old`` (same outline, mostly the same words)."""
    from rapidfuzz import fuzz

    def outline(plan: Plan) -> str:
        return "".join(s.title + "".join(i.heading for i in s.items) for s in plan.sections)

    return fuzz.ratio(outline(old), outline(new)) >= 80


def expand_paths(sources: Iterable[Path | str]) -> Iterator[Path]:
    """Files as given, and supported files found in folders (sorted, recursively)."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED:
                    yield child
        else:
            yield path


def _safe(name: str) -> str:
    """A file-system-safe folder or file name that keeps Chinese characters."""
    return paths.safe_name(name)
