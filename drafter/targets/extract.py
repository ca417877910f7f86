"""Find the committed quantities in a plan's text.

A target is a number with a unit that a comparator commits to (不低于650元/月, 新建…5个), or a
coverage written without a number (实现街镇全覆盖). Numbers inside quotes, 《titles》 and 〔文号〕,
ordinals (第五届), years and dates, and labels (十件民生实事) are not targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from drafter import rx
from drafter.model import Plan
from drafter.targets import lexicon as lx
from drafter.targets.model import COVERAGE, FLOW, LEVEL, STANDARD, STOCK, Target
from drafter.targets.numbers import (
    NUMBER_PATTERN,
    RANGE_SEPARATORS,
    apply_multiplier,
    is_chinese_numeral,
    parse_number,
)
from drafter.targets.schedule import deadline, due_year, frequencies
from drafter.targets.subjects import clean_subject, distribute, distributor_of
from drafter.targets.units import (
    PERIOD_PREFIX_PATTERN,
    UNIT_PATTERN,
    is_money_per_period,
    normalize_unit,
)

_QUANTITY = rx.compile(
    rf"(?P<prefix>{PERIOD_PREFIX_PATTERN})?(?P<pct>百分之)?"
    rf"(?P<n1>{NUMBER_PATTERN})"
    rf"(?:\s*[{RANGE_SEPARATORS}]\s*(?P<n2>{NUMBER_PATTERN}))?"
    rf"\s*(?P<mult>[万亿](?!元|平方米))?\s*(?P<unit>{UNIT_PATTERN})?"
)
_CLAUSE_END = rx.compile(r"[，。；;：:！？!?\n]|(?<!\d),|,(?!\d)")
#: Spans whose numbers are names, not quantities: quotes, titles, document numbers.
_BRACKETS = rx.compile(r"（[^（）]{0,12}）|\([^()]{0,12}\)")
_MASKS = rx.compile(r"“[^“”]{0,40}”|\"[^\"]{0,40}\"|《[^《》]{0,80}》|〔[^〔〕]{0,12}〕|<[^<>]{0,60}>")
#: Words after the quantity that bound it (以上, 左右).
_POST_BOUND = rx.compile("^(?:" + "|".join(lx.POST_BOUNDS) + ")")
_WORDS: dict[str, str] = {
    **{w: "min" for w in lx.LOWER_BOUNDS},
    **{w: "max" for w in lx.UPPER_BOUNDS},
    **{w: "level" for w in lx.LEVELS},
    **{w: "flow" for w in lx.FLOWS},
    **{w: "stock" for w in lx.STOCKS},
    **{w: "delta" for w in lx.DELTAS},
}
_COMPARATOR = rx.compile("|".join(lx.VERB_GUARDS.get(w, re.escape(w))
                                  for w in sorted(_WORDS, key=len, reverse=True)))
#: 为3万户…, 向500名…: a count of people or households served, written before the subject.
_BENEFICIARY = rx.compile(
    r"(?<![作成认称定列确视改更因])(?P<w>" + "|".join(lx.BENEFICIARY_BEFORE)
    + r")(?:全区|全县|全旗|全市|全州|辖区|全区范围内)?\s*$")
_BOUND_WORDS = rx.compile(
    "|".join(sorted((w for w, k in _WORDS.items() if k != "flow"), key=len, reverse=True)))
_FULL_COVERAGE = rx.compile(r"全覆盖(?=[，。；;,、]|$|建设任务|的?目标|任务)")
_COVERAGE_VERB = rx.compile(r"实现|完成|推进")
_CHINESE_LABEL_AFTER = rx.compile(r"^(?:行动|措施|工程|任务|清单|机制|原则|体系|工作)")
_NUMERAL_IDIOMS = frozenset({"一", "二", "两"})


@dataclass(frozen=True)
class _Quantity:
    """A number with its unit as found in a clause (positions in the clause)."""

    start: int
    end: int
    value: float
    high: float | None
    unit: str
    bound: str


def extract_from_text(text: str) -> list[Target]:
    """Every target in one running text (an item, a paragraph or a whole file)."""
    return list(_extract(text))


@lru_cache(maxsize=20_000)
def _extract(text: str) -> tuple[Target, ...]:
    """The targets of a text, remembered: a draft is re-checked as the writer types, and most
    of its items (and all of last year's plan) have not changed since the last check."""
    masks = [m.span() for m in _MASKS.finditer(text)]
    masks += [m.span() for m in lx.SLOGAN.finditer(text)]
    targets: list[Target] = []
    for start, end in _clauses(text):
        targets.extend(_from_clause(text, start, end, masks))
    return tuple(_with_due_year(text, t, masks) for t in targets)


def _with_due_year(text: str, t: Target, masks: list[tuple[int, int]]) -> Target:
    """The target with the year its sentence says it falls due (到2025年…), if any."""
    year = due_year(text, t.span[0] + 1, masks)
    return replace(t, due_year=year) if year is not None else t


def extract_targets(plan: Plan) -> list[Target]:
    """Every target in a plan, with its section title and item label."""
    found: list[Target] = []
    for paragraph in plan.preamble:
        found.extend(extract_from_text(paragraph))
    for _si, section in enumerate(plan.sections, 1):
        for paragraph in section.intro:
            found.extend(replace(t, section=section.title) for t in extract_from_text(paragraph))
        for item in section.items:
            found.extend(
                replace(t, section=section.title, item=item.label, item_id=item.id)
                for t in extract_from_text(item.text)
            )
    return found


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each clause: the text between commas, full stops and semicolons."""
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _masked(pos: int, masks: list[tuple[int, int]]) -> bool:
    """True when a position falls inside a quote, a title or a document number."""
    return any(a <= pos < b for a, b in masks)


def _quantities(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> list[_Quantity]:
    """The quantities of one clause that can be targets (positions relative to the text)."""
    out: list[_Quantity] = []
    for m in _QUANTITY.finditer(text, start, end):
        n1, unit, prefix = m.group("n1"), m.group("unit"), m.group("prefix") or ""
        if _masked(m.start("n1"), masks) or lx.NOT_TARGET_BEFORE.search(text[start:m.start("n1")]):
            continue
        if prefix and unit not in ("元", "万元"):
            prefix = ""
        if m.group("pct"):
            unit = unit or "%"
        if not unit:
            continue
        after = text[m.end():end]
        if lx.NOT_TARGET_AFTER.match(after) or _is_label(n1, after):
            continue
        value = parse_number(n1)
        if value is None:
            continue
        n2 = m.group("n2")
        high = parse_number(n2) if n2 else None
        mult = m.group("mult")
        value = apply_multiplier(value, mult)
        high = apply_multiplier(high, mult) if high is not None else None
        bound_m = _POST_BOUND.match(after)
        q_end = m.end() + (bound_m.end() if bound_m else 0)
        q_start = m.start() if prefix else m.start("n1") - len(m.group("pct") or "")
        out.append(_Quantity(q_start, q_end, value, high, normalize_unit(unit, prefix),
                             lx.POST_BOUNDS[bound_m.group()] if bound_m else ""))
    return out


def _is_label(numeral: str, after: str) -> bool:
    """True for numerals that name rather than count: 两项补贴, 一批, 十项行动."""
    if not is_chinese_numeral(numeral):
        return False
    return numeral in _NUMERAL_IDIOMS or bool(_CHINESE_LABEL_AFTER.match(after))


def _from_clause(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> list[Target]:
    """The targets of one clause."""
    clause = text[start:end]
    hidden = masks + [m.span() for m in _BRACKETS.finditer(text, start, end)]
    words = [(m.start(), m.end(), m.group())
             for m in _COMPARATOR.finditer(text, start, end) if not _masked(m.start(), hidden)]
    found: list[tuple[Target, str, int]] = []
    previous_end = start
    for q in _quantities(text, start, end, masks):
        made = _target(text, start, end, q, words, previous_end)
        previous_end = q.end
        if made is not None:
            found.append(made)
    targets = distribute(found)
    targets.extend(_coverages(text, start, end, masks, targets))
    targets.extend(_fractions(text, start, end, masks))
    often = frequencies(text, start, end, masks)
    if often:
        targets = [t for t in targets if not any(_overlap(t.span, f.span) for f in often)]
        targets.extend(often)
    if not targets:
        due = deadline(text, start, end, masks)
        targets = [due] if due is not None else []
    return sorted((replace(t, text=clause.strip()) for t in targets), key=lambda t: t.span)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _fractions(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> list[Target]:
    """A share written as a fraction before its subject: ``1/3养老机构…`` is 33.33%."""
    out: list[Target] = []
    for m in lx.FRACTION.finditer(text, start, end):
        if _masked(m.start(), masks):
            continue
        if m.group("a"):
            top, bottom = parse_number(m.group("a")), parse_number(m.group("b"))
        else:
            top, bottom = parse_number(m.group("ca")), parse_number(m.group("cb"))
        if not top or not bottom or top >= bottom:
            continue
        subject = clean_subject(text[m.end():end])
        if not subject:
            continue
        out.append(Target(subject=subject, value=round(top / bottom * 100, 2), unit="%",
                          comparator="", kind=COVERAGE, modality=_modality(text[start:m.start()]),
                          span=m.span(), quantity=m.group()))
    return out


def _target(text: str, start: int, end: int, q: _Quantity, words: list[tuple[int, int, str]],
            previous_end: int) -> tuple[Target, str, int] | None:
    """The target a quantity makes with the words before it, or None without a commitment.

    Also returns the distributor before the comparator (分别, 均, 各) and the comparator's
    position, which group the targets of one list.
    """
    before = [w for w in words if w[1] <= q.start]
    flows = [w for w in before if _WORDS[w[2]] == "flow"]
    bounds = [w for w in before if _WORDS[w[2]] != "flow"]
    verb = flows[-1] if flows else None
    word = bounds[-1] if bounds else verb
    if word is None and q.unit in lx.BENEFICIARY_UNITS:
        served = _BENEFICIARY.search(text, start, q.start)
        if served is not None:
            word = verb = (served.start("w"), served.end("w"), served.group("w"))
            before = [word]
    parts_of = None
    if word is None and text[start:end].lstrip().startswith("其中"):
        # 新增床位800张，其中护理型床位500张、…: the parts of a total commit with it.
        at = text.index("其中", start)
        parts_of = word = (at, at + 2, "其中")
        before = [word]
    at_clause_end = not text[q.end:end].strip()
    if word is None and not (at_clause_end and q.unit not in ("%",)):
        return None
    pre = _pre_subject(text, start, before, word, verb) if word else text[start:q.start]
    mids = []
    for origin in (verb, before[0] if before else None):
        mid_from = max(origin[1] if origin else q.start, previous_end)
        mids.append(_BOUND_WORDS.sub("", text[mid_from:q.start]) if mid_from < q.start else "")
    post = _post_subject(text, q.end, end)
    per_money = is_money_per_period(q.unit)
    # Rates and standards name their subject before the comparator; counts after the unit.
    order = (pre, *mids, post) if q.unit == "%" or per_money else (post, *mids, pre)
    subject = next((s for s in (clean_subject(x) for x in order) if s), "")
    unit = q.unit
    per = lx.PER_DENOMINATOR.search(text, start, q.start)
    if per is not None:
        unit = f"{q.unit}/{per.group('n')}{per.group('who')}"
        subject = clean_subject(lx.PER_DENOMINATOR.sub("", subject)) or subject
    comparator = word[2] if word else ""
    bound = q.bound or (_WORDS[comparator] if _WORDS.get(comparator) in ("min", "max") else "")
    kind = COVERAGE if per is not None else _kind(subject, q.unit, comparator,
                                                   verb is not None or word is None)
    if parts_of is not None:
        comparator = ""
    if not (subject or comparator):
        return None
    where = word[0] if word and parts_of is None else q.start
    target = Target(
        subject=subject,
        value=q.value,
        unit=unit,
        comparator=comparator,
        kind=kind,
        modality=_modality(text[start:q.start]),
        high=q.high,
        bound=bound,
        # 为/向 name who is served, not the deliverable: no verb to compare across years.
        verb=verb[2] if verb and verb[2] not in lx.BENEFICIARY_BEFORE else "",
        span=(where, q.end),
        quantity=text[where:q.end],
    )
    return target, distributor_of(text[start:where]) if word else "", where


def _pre_subject(text: str, start: int, before: list[tuple[int, int, str]],
                 word: tuple[int, int, str], verb: tuple[int, int, str] | None) -> str:
    """The subject written before the comparator (城市低保标准不低于 → 城市低保标准).

    For a level or a bound it runs from the word before the comparator; for a flow, from the
    clause start to the first comparator word.
    """
    if word is not verb:
        earlier = [w for w in before if w[1] <= word[0]]
        origin = earlier[-1][1] if earlier else start
        return text[origin:word[0]]
    return text[start:before[0][0]]


def _post_subject(text: str, pos: int, end: int) -> str:
    """The noun after a quantity (新增760张养老床位 → 养老床位), up to the next quantity."""
    rest = text[pos:end]
    if rest[:1] in ("、", "和", "及", "与"):
        return ""
    nxt = _QUANTITY.search(rest)
    while nxt is not None and not nxt.group("unit"):
        nxt = _QUANTITY.search(rest, nxt.end())
    return rest[: nxt.start()] if nxt else rest


def _kind(subject: str, unit: str, comparator: str, has_verb: bool) -> str:
    """Standard, coverage, stock, flow or level, from the subject, unit and comparator."""
    money = unit in ("元", "万元") or is_money_per_period(unit)
    if is_money_per_period(unit) or (money and any(w in subject for w in lx.STANDARD_WORDS)
                                     and "标准" in subject):
        return STANDARD
    if unit in ("%", "‰", "百分点") or "率" in subject or "占比" in subject:
        return COVERAGE
    if comparator in lx.STOCKS or (comparator in lx.LEVELS
                                   and any(w in subject for w in lx.STOCK_SUBJECT_WORDS)):
        return STOCK
    if comparator in lx.DELTAS:
        return LEVEL
    if has_verb:
        return FLOW
    return LEVEL


def _modality(before: str) -> str:
    """The modal word of the clause before the quantity (力争 → aspiration)."""
    for word, modality in lx.MODALITIES:
        if word in before:
            return modality
    return ""


def _coverages(text: str, start: int, end: int, masks: list[tuple[int, int]],
               found: list[Target]) -> list[Target]:
    """全覆盖 written without a number: a coverage of 100%."""
    out: list[Target] = []
    for m in _FULL_COVERAGE.finditer(text, start, end):
        if _masked(m.start(), masks) or any(t.span[1] == m.start() for t in found):
            continue
        before = text[start:m.start()]
        if re.search(r"\d\s*[%％]\s*$", before):
            continue
        # "“一码通行”智能服务实现街镇全覆盖": the subject is before the verb when there is one.
        head, *tail = _COVERAGE_VERB.split(before, maxsplit=1)
        subject = clean_subject(head) or clean_subject("".join(tail))
        if not subject:
            continue
        out.append(Target(subject=subject, value=100.0, unit="%", comparator="全覆盖",
                          kind=COVERAGE, modality=_modality(before), span=m.span(),
                          quantity="全覆盖"))
    return out
