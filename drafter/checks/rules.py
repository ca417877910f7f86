"""Rules for wording that goes stale, read from TOML files an office can add to.

Rules ship in ``templates/rules/*.toml``; an office adds its own files to the ``rules`` folder
of its configuration folder (and ``--rules`` folders). A rule with the same id as an earlier
one replaces it, and ``enabled = false`` switches a shipped rule off.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter import rx, toml_read
from drafter.errors import DrafterError
from drafter.paths import templates_dir, user_config_dir

#: How a rule decides that a hit is stale.
TERM = "term"
"""Stale when the plan year is outside ``valid_from``..``valid_until``."""
PAST_YEAR = "past-year"
"""Stale when the year the pattern captures (group ``year``) is before the plan year."""
RANGE = "range"
"""Stale when the range the pattern captures has ended (group ``end``) before the plan year."""
TYPES = (TERM, PAST_YEAR, RANGE)
#: The named group holding the year a ``past-year`` or ``range`` rule compares.
YEAR_GROUPS = {PAST_YEAR: "year", RANGE: "end"}
_DEFAULT_CODES = {TERM: "stale-term", PAST_YEAR: "stale-year", RANGE: "expired-plan"}
_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    """One stale-wording rule."""

    id: str
    """Unique id; a later file's rule with the same id replaces this one."""
    pattern: re.Pattern[str]
    """What to look for."""
    message: str
    """Chinese message; may use {plan_year}, {match}, {year}, {end} and named groups."""
    type: str = TERM
    """``term``, ``past-year`` or ``range``."""
    code: str = "stale-term"
    """Finding code: ``stale-term``, ``stale-year``, ``expired-plan`` or the file's own."""
    family: str = ""
    """The family it belongs to (the file name without .toml by default)."""
    severity: str = "warning"
    """``error``, ``warning`` or ``info``."""
    suggestion: str = ""
    """What to write instead."""
    valid_from: int | None = None
    """First plan year in which the wording is current (for ``term`` rules)."""
    valid_until: int | None = None
    """Last plan year in which the wording is current (for ``term`` rules)."""
    guard: re.Pattern[str] | None = None
    """A hit is ignored when this is found in the same sentence."""
    guard_before: re.Pattern[str] | None = None
    """A hit is ignored when the text just before it ends with this (anchored when read)."""
    guard_after: re.Pattern[str] | None = None
    """A hit is ignored when the text just after it starts with this."""
    near: re.Pattern[str] | None = None
    """A hit counts only when this is found in the same sentence."""
    skip_titles: bool = False
    """Ignore hits inside 《titles》."""
    once: bool = False
    """Report at most one hit of this rule per text (for hints)."""
    source: str = ""
    """The file the rule was read from (name only)."""

    def is_current(self, year: int) -> bool:
        """True when a ``term`` rule's wording is current in this plan year."""
        if self.valid_from is not None and year < self.valid_from:
            return False
        return self.valid_until is None or year <= self.valid_until


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, in the order their files were read."""

    rules: tuple[Rule, ...]
    """Every enabled rule."""
    files: tuple[str, ...] = ()
    """The files they came from (names only)."""

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def families(self) -> list[str]:
        """The families present, in order."""
        return list(dict.fromkeys(r.family for r in self.rules))


def rule_dirs(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """Folders searched for rule files: shipped, then the user's, then any extra ones."""
    return [templates_dir() / "rules", user_config_dir() / "rules", *map(Path, extra_dirs)]


def load_rules(extra_dirs: Iterable[Path] = ()) -> RuleSet:
    """Read every ``*.toml`` in the rule folders; later rules replace earlier ones by id.

    The shipped and user folders may be missing; a folder named in ``extra_dirs`` must exist.
    """
    extra_dirs = [Path(d) for d in extra_dirs]
    for folder in extra_dirs:
        if not folder.exists():
            raise DrafterError(f"规则文件夹 {folder} 不存在，请检查 --rules 指定的路径。")
        if not folder.is_dir():
            raise DrafterError(f"{folder} 不是文件夹，--rules 应指定存放规则 .toml 文件的文件夹。")
    by_id: dict[str, Rule | None] = {}
    files: list[str] = []
    for folder in rule_dirs(extra_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            files.append(path.name)
            for rule_id, rule in _read_file(path):
                by_id.pop(rule_id, None)
                by_id[rule_id] = rule
    return RuleSet(tuple(r for r in by_id.values() if r is not None), tuple(files))


def default_rules() -> RuleSet:
    """The shipped and user rules, re-read only when a rule file changes."""
    return _cached(_fingerprint(rule_dirs()))


@lru_cache(maxsize=4)
def _cached(fingerprint: tuple[tuple[str, float], ...]) -> RuleSet:
    """Rules for one state of the rule folders."""
    return load_rules()


def _fingerprint(folders: list[Path]) -> tuple[tuple[str, float], ...]:
    """Every rule file with its modification time: changes when any file changes."""
    out: list[tuple[str, float]] = []
    for folder in folders:
        if folder.is_dir():
            out.extend((str(p), p.stat().st_mtime) for p in sorted(folder.glob("*.toml")))
    return tuple(out)


def _read_file(path: Path) -> Iterator[tuple[str, Rule | None]]:
    """(id, rule) for each rule of one file; None for a rule switched off."""
    try:
        data = toml_read.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"无法读取规则文件 {path.name}：{exc}。") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DrafterError(f"规则文件 {path.name} 格式有误：{exc}。") from exc
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise DrafterError(f"规则文件 {path.name} 中 rule 应写成 [[rule]] 表。")
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise DrafterError(f"规则文件 {path.name} 第 {n} 条规则缺少 id。")
        if entry.get("enabled", True) is False:
            yield entry["id"], None
            continue
        yield entry["id"], _rule(path, entry)


def _rule(path: Path, entry: dict[str, object]) -> Rule:
    """One rule from its TOML table, checked field by field."""
    rid = str(entry["id"])
    where = f"规则文件 {path.name} 中的规则 {rid}"

    def text(key: str, default: str = "") -> str:
        value = entry.get(key, default)
        if not isinstance(value, str):
            raise DrafterError(f"{where} 的 {key} 应为文字。")
        return value

    def year(key: str) -> int | None:
        value = entry.get(key)
        if value is not None and not isinstance(value, int):
            raise DrafterError(f"{where} 的 {key} 应为年份数字，如 2025。")
        return value

    def regex(key: str, wrap: str = "{}") -> re.Pattern[str] | None:
        value = text(key)
        if not value:
            return None
        try:
            return rx.compile(wrap.format(value))
        except re.error as exc:
            raise DrafterError(f"{where} 的 {key} 不是有效的正则表达式：{exc}。") from exc

    kind = text("type", TERM)
    if kind not in TYPES:
        raise DrafterError(f"{where} 的 type 应为 {'、'.join(TYPES)} 之一。")
    pattern = regex("pattern")
    if pattern is None:
        raise DrafterError(f"{where} 缺少 pattern。")
    group = YEAR_GROUPS.get(kind)
    if group and group not in pattern.groupindex:
        raise DrafterError(f"{where} 的 pattern 需要命名分组 (?P<{group}>…)。")
    severity = text("severity", "warning")
    if severity not in _SEVERITIES:
        raise DrafterError(f"{where} 的 severity 应为 error、warning 或 info。")
    message = text("message")
    if not message:
        raise DrafterError(f"{where} 缺少 message。")
    return Rule(
        id=rid,
        pattern=pattern,
        message=message,
        type=kind,
        code=text("code", _DEFAULT_CODES[kind]),
        family=text("family", path.stem),
        severity=severity,
        suggestion=text("suggestion"),
        valid_from=year("valid_from"),
        valid_until=year("valid_until"),
        guard=regex("guard"),
        guard_before=regex("guard_before", "(?:{})$"),
        guard_after=regex("guard_after"),
        near=regex("near"),
        skip_titles=bool(entry.get("skip_titles", kind == PAST_YEAR)),
        once=bool(entry.get("once", False)),
        source=path.name,
    )
