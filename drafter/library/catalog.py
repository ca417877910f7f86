"""The library: where plan files live, a fast catalogue of them, import and look-up."""

from __future__ import annotations

import contextlib
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter import paths
from drafter.atomic import write_bytes
from drafter.errors import DrafterError, InputError, LibraryError
from drafter.library import store
from drafter.model import Plan

SUPPORTED = (
    ".txt", ".text", ".docx", ".html", ".htm", ".shtml", ".pdf", ".doc", ".wps", ".odt",
    ".rtf", ".ofd",
)
_CACHE_VERSION = 3
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class PlanSummary:
    """One line of the catalogue: enough to list and find a plan without reading it."""

    id: str
    """Library id, ``<issuer>/<year>``."""
    title: str
    """The plan's title."""
    year: int | None
    """Plan year."""
    issuer: str | None
    """Issuing office."""
    region: str | None
    """Region served."""
    level: str | None
    """Administrative level (区 县 旗 州 市 省)."""
    date: str | None
    """成文日期, YYYY-MM-DD."""
    sections: int
    """Number of sections."""
    items: int
    """Number of items."""
    sha256: str
    """Hash of the source text, to recognise a re-import."""
    source_file: str
    """The file the plan was imported from."""
    path: Path
    """The TOML file."""
    builtin: bool
    """True for the read-only plans that ship with drafter."""
    partial: bool = False
    """True for a copy that stops after the preamble (no sections)."""

    @classmethod
    def of(cls, plan: Plan, path: Path, builtin: bool) -> PlanSummary:
        """The summary of a plan stored at ``path``."""
        m = plan.meta
        return cls(
            id=plan.id, title=m.title, year=m.year, issuer=m.issuer, region=m.region,
            level=m.level, date=m.date, sections=len(plan.sections), items=plan.item_count(),
            sha256=plan.source.sha256, source_file=plan.source.file, path=path, builtin=builtin,
            partial=plan.partial,
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
        self.problems: list[str] = []
        """Library files that were left out, one Chinese sentence each (unreadable, duplicate id)."""

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
        return paths.user_cache_dir() / f"catalog-{key}.pickle"

    def summaries(self) -> list[PlanSummary]:
        """Every plan in the library, built-ins first, then by issuer and year."""
        if self._summaries is None:
            self._summaries = self._scan()
        return sorted(
            self._summaries.values(),
            key=lambda s: (not s.builtin, s.issuer or "", s.year or 0, s.id),
        )

    def _scan(self) -> dict[str, PlanSummary]:
        """Read the catalogue, re-reading only the TOML files that changed since last time."""
        cache = self._load_cache()
        fresh: dict[str, tuple[int, int, PlanSummary]] = {}
        found: dict[str, PlanSummary] = {}
        problems: list[str] = []
        for root, builtin in self._roots():
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*.toml")):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                key = str(path)
                hit = cache.get(key)
                if hit and hit[0] == stat.st_mtime_ns and hit[1] == stat.st_size:
                    summary = hit[2]
                else:
                    try:
                        plan = store.load_plan(path)
                    except LibraryError as exc:
                        problems.append(f"已跳过：{exc.message}")
                        continue
                    summary = PlanSummary.of(plan, path, builtin)
                fresh[key] = (stat.st_mtime_ns, stat.st_size, summary)
                if not summary.id:
                    problems.append(f"已跳过：资料库文件 {path} 没有编号（id）。")
                    continue
                if summary.id in found:
                    problems.append(
                        f"已跳过：{path} 与 {found[summary.id].path} 的编号同为“{summary.id}”。"
                    )
                    continue
                found[summary.id] = summary
        if fresh != cache:
            self._save_cache(fresh)
        self.problems = problems
        return found

    def _load_cache(self) -> dict[str, tuple[int, int, PlanSummary]]:
        try:
            with self._cache_file().open("rb") as fh:
                version, data = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return {}
        return data if version == _CACHE_VERSION else {}

    def _save_cache(self, data: dict[str, tuple[int, int, PlanSummary]]) -> None:
        # The cache only speeds up start-up; failing to write it leaves the library intact.
        with contextlib.suppress(DrafterError):
            write_bytes(self._cache_file(), pickle.dumps((_CACHE_VERSION, data)))

    def invalidate(self) -> None:
        """Forget the in-memory catalogue (after files changed)."""
        self._summaries = None

    # -- look-up -----------------------------------------------------------------------------

    def ids(self) -> list[str]:
        """Every plan id."""
        return [s.id for s in self.summaries()]

    def summary(self, plan_id: str) -> PlanSummary:
        """The summary of one plan; LibraryError when unknown."""
        self.summaries()
        assert self._summaries is not None
        try:
            return self._summaries[plan_id]
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
        self.summaries()
        assert self._summaries is not None
        if ref in self._summaries:
            return self._summaries[ref]
        words = [w for w in re.split(r"[\s/]+", ref) if w]
        matches = [
            s for s in self._summaries.values()
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
        """Import files and folders (searched recursively) into the user's library."""
        from drafter.ingest import converted_in_batch

        files = list(expand_paths(sources))
        with converted_in_batch(files):
            return self._import_files(files, progress)

    def _import_files(self, files: list[Path], progress: Progress | None) -> ImportReport:
        from drafter.ingest import read_plan

        report = ImportReport()
        by_sha = {s.sha256: s for s in self.summaries()}
        for n, path in enumerate(files, 1):
            if progress:
                progress(n, len(files), path)
            try:
                plan = read_plan(path)
            except DrafterError as exc:
                report.outcomes.append(ImportOutcome(path, "failed", reason=exc.message))
                continue
            existing = by_sha.get(plan.source.sha256)
            if existing is not None:
                report.outcomes.append(ImportOutcome(
                    path, "skipped", existing.id, reason=f"与资料库中的“{existing.id}”内容相同"
                ))
                continue
            status, plan = self._place(plan)
            target = self._path_for(plan.id)
            store.save_plan(plan, target)
            summary = PlanSummary.of(plan, target, builtin=False)
            assert self._summaries is not None
            self._summaries[plan.id] = summary
            by_sha[plan.source.sha256] = summary
            report.outcomes.append(ImportOutcome(
                path, status, plan.id, warnings=len(plan.warnings)
            ))
        if report.count("added") or report.count("updated"):
            self._remember_imports()
        return report

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

    def _place(self, plan: Plan) -> tuple[str, Plan]:
        """Choose the plan's id: a revised version of the same file replaces it, else a new id."""
        assert self._summaries is not None
        base = f"{plan.meta.issuer or '未署名'}/{plan.meta.year or '未知年份'}"
        candidate, n = base, 1
        while candidate in self._summaries:
            existing = self._summaries[candidate]
            if (
                not existing.builtin
                and existing.source_file == plan.source.file
                and _same_document(store.load_plan(existing.path), plan)
            ):
                return "updated", plan_with_id(plan, candidate)
            n += 1
            candidate = f"{base}-{n}"
        return "added", plan_with_id(plan, candidate)

    def _path_for(self, plan_id: str) -> Path:
        issuer, _, year = plan_id.rpartition("/")
        return self.user_dir / _safe(issuer) / f"{_safe(year)}.toml"


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
    return _UNSAFE.sub("_", name).strip("._") or "_"
