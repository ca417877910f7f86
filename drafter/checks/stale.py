"""Wording that has gone stale for the plan year: old meetings, COVID measures, past years.

``check_text`` is cheap enough to run on one item while the writer types; ``check_plan`` runs
it over every paragraph of a plan and adds the title's year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter import rx
from drafter.checks.model import ERROR, WARNING, Finding
from drafter.checks.paragraphs import plan_paragraphs
from drafter.checks.rules import PAST_YEAR, RANGE, YEAR_GROUPS, Rule, RuleSet, default_rules
from drafter.model import Plan

_SENTENCE_END = rx.compile(r"[。；;！？!?\n]")
_TITLE = rx.compile(r"《[^《》]*》")
_YEAR = rx.compile(r"\d{4}")
#: How far back guard_before looks.
_BEFORE_WINDOW = 12


def check_text(text: str, year: int, rules: RuleSet | None = None, *, section: str = "",
               item: str = "", item_id: str = "") -> list[Finding]:
    """Stale wording in one text (an item or a paragraph) for a plan of the given year."""
    rules = default_rules() if rules is None else rules
    titles = [m.span() for m in _TITLE.finditer(text)] if "《" in text else []
    hits: list[tuple[int, int, Rule, re.Match[str]]] = []
    for rule in rules:
        if rule.type not in (PAST_YEAR, RANGE) and rule.is_current(year):
            continue
        for m in _hits(rule, text, year, titles):
            hits.append((m.start(), m.end(), rule, m))
            if rule.once:
                break
    return [_finding(rule, m, year, section, item, item_id) for *_, rule, m in _longest(hits)]


def check_plan(plan: Plan, year: int, rules: RuleSet | None = None) -> list[Finding]:
    """Stale wording across a plan: title year, preamble, sections, items and closing."""
    rules = default_rules() if rules is None else rules
    findings: list[Finding] = []
    if plan.meta.year is not None and plan.meta.year != year:
        findings.append(Finding(
            code="stale-year",
            severity=ERROR if plan.meta.year < year else WARNING,
            message=f"标题年份为{plan.meta.year}年，与计划年度{year}年不符。",
            item="标题",
            evidence=plan.meta.title,
            suggestion=f"把标题改为{year}年。",
            rule="title-year",
        ))
    for text, section, item, item_id in plan_paragraphs(plan, titles=True, notice=True):
        findings.extend(check_text(text, year, rules, section=section, item=item,
                                   item_id=item_id))
    return findings


def _hits(rule: Rule, text: str, year: int,
          titles: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of one rule that are stale in this year and pass its guards (the rule's
    years are the caller's to check)."""
    group = YEAR_GROUPS.get(rule.type)
    for m in rule.pattern.finditer(text):
        if group:
            captured = _captured_year(m, group)
            if captured is None or captured >= year:
                continue
        if rule.skip_titles and any(a <= m.start() < b for a, b in titles):
            continue
        if _guarded(rule, text, m):
            continue
        yield m


def _captured_year(m: re.Match[str], group: str) -> int | None:
    """The four-digit year a rule's named group captured; None when it caught anything else."""
    value = m.group(group)
    if value is None or not _YEAR.fullmatch(value):
        return None
    return int(value)


def _guarded(rule: Rule, text: str, m: re.Match[str]) -> bool:
    """True when the rule's guards say this match is not the stale wording."""
    if rule.guard_before and rule.guard_before.search(text[max(0, m.start() - _BEFORE_WINDOW):
                                                           m.start()]):
        return True
    if rule.guard_after and rule.guard_after.match(text, m.end()):
        return True
    if rule.guard or rule.near:
        sentence = _sentence(text, m.start(), m.end())
        if rule.guard and rule.guard.search(sentence):
            return True
        if rule.near and not rule.near.search(sentence):
            return True
    return False


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match (between 。；！？ or line ends)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.start() if right else len(text)]


def _longest(hits: list[tuple[int, int, Rule, re.Match[str]]]
             ) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Overlapping hits reduced to the longest (the most specific rule), in text order."""
    kept: list[tuple[int, int, Rule, re.Match[str]]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])


def _finding(rule: Rule, m: re.Match[str], year: int, section: str, item: str,
             item_id: str) -> Finding:
    """The finding for one hit, with the message's placeholders filled."""
    values = {k: v or "" for k, v in m.groupdict().items()}
    values.update(plan_year=str(year), match=m.group())
    return Finding(
        code=rule.code,
        severity=rule.severity,
        message=_fill(rule.message, values),
        section=section,
        item=item,
        item_id=item_id,
        evidence=m.group(),
        suggestion=_fill(rule.suggestion, values),
        span=m.span(),
        rule=rule.id,
    )


def _fill(template: str, values: dict[str, str]) -> str:
    """A message with {name} placeholders replaced; unknown names are left as written."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group()), template)
