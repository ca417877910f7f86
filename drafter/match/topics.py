"""Topics of a library (养老服务, 社会救助, 儿童福利, …) found in the plans themselves.

No list of topics is kept. Candidate names are the terms of section titles and item
headings; a term becomes a topic when the section titles or headings of several plans use
it. Terms that pick out nearly the same items (儿童福利 and 未成年人保护 in one section)
merge into one topic named by the more common term. An item belongs to every topic whose
terms appear in its heading or in the title of its section, so an item headed only
"强化党建引领。" under "引导社会组织健康有序发展" is found under 社会组织.
``templates/dict/topics.toml`` holds the thresholds and the title words too general to be
topics (民生, 底线 …).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from drafter import toml_read
from drafter.errors import InputError
from drafter.match.terms import first_sentence, rules, terms
from drafter.match.tokenize import dictionary_words
from drafter.model import Plan
from drafter.paths import templates_dir

SETTINGS = "dict/topics.toml"
"""Thresholds and excluded words, relative to the templates folder."""


@dataclass(frozen=True)
class TopicItem:
    """One item filed under a topic."""

    item_id: str
    """The item's id, ``<plan id>#<section>.<item>``."""
    plan: str
    """The plan's id."""
    issuer: str
    """The issuing office ('' when unknown)."""
    year: int | None
    """The plan year."""
    section: str
    """The title of the item's section."""
    label: str
    """The item's number as printed."""
    heading: str
    """The item's lead sentence."""
    text: str
    """The item's whole text."""


@dataclass(frozen=True)
class Topic:
    """A task area found across plans, with its items."""

    name: str
    """The most common term of the topic, e.g. ``养老服务``."""
    terms: tuple[str, ...]
    """The name and the terms merged into it."""
    items: tuple[TopicItem, ...]
    """Its items in library order."""

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The ids of its items."""
        return tuple(i.item_id for i in self.items)

    @property
    def plans(self) -> int:
        """How many plans write about it."""
        return len({i.plan for i in self.items})

    @property
    def years(self) -> tuple[int, ...]:
        """The plan years it appears in, ascending."""
        return tuple(sorted({i.year for i in self.items if i.year is not None}))


@dataclass(frozen=True)
class TopicSettings:
    """How topics are found."""

    min_plans: int
    """A term must name sections or items in at least this many plans."""
    min_share: float
    """… and in at least this share of the plans."""
    max_item_share: float
    """A term found in more than this share of all items is too general to be a topic."""
    merge_overlap: float
    """Two terms are one topic when this share of the rarer one's items carry both."""
    min_length: int
    """Words outside the domain dictionary must be at least this long to be topics."""
    exclude: frozenset[str]
    """Title words that are never topics."""


@lru_cache(maxsize=1)
def settings() -> TopicSettings:
    """The settings from the templates folder."""
    path = templates_dir() / SETTINGS
    try:
        data = toml_read.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"无法读取主题设置 {path.name}，请检查其 TOML 格式。") from exc
    return TopicSettings(
        min_plans=int(data.get("min_plans", 2)),
        min_share=float(data.get("min_share", 0.3)),
        max_item_share=float(data.get("max_item_share", 0.25)),
        merge_overlap=float(data.get("merge_overlap", 0.5)),
        min_length=int(data.get("min_length", 3)),
        exclude=frozenset(data.get("exclude", ())),
    )


@lru_cache(maxsize=1)
def _domain_words() -> frozenset[str]:
    """The words of the domain dictionary."""
    return frozenset(word for word, _, _ in dictionary_words())


def _topic_terms(text: str) -> set[str]:
    """Candidate topic terms of a title or heading: domain words and longer content terms."""
    rule = rules()
    conf = settings()
    domain = _domain_words()
    return {
        t for t in terms(text)
        if t not in rule.boilerplate and t not in conf.exclude
        and (t in domain or len(t) >= conf.min_length)
    }


def _related(a: str, rows_a: set[int], b: str, rows_b: set[int], conf: TopicSettings) -> bool:
    """Whether two terms name one topic: one inside the other (社会救助 / 社会救助体系), or
    most items of the rarer term also carry the other (未成年人保护 within 儿童福利)."""
    if a in b or b in a:
        return True
    return len(rows_a & rows_b) >= conf.merge_overlap * min(len(rows_a), len(rows_b))


def _credit_nested(members: dict[str, set[int]]) -> None:
    """Credit a term with the items of longer terms containing it (殡葬 ⊂ 殡葬改革)."""
    extra: dict[str, set[int]] = {}
    for term, rows in members.items():
        for size in range(2, len(term)):
            for start in range(len(term) - size + 1):
                part = term[start : start + size]
                if part in members:
                    extra.setdefault(part, set()).update(rows)
    for part, rows in extra.items():
        members[part] |= rows


def _entries(plans: Iterable[Plan]) -> tuple[list[TopicItem], list[set[str]], int]:
    """Every item, the candidate topic terms of its heading and section title, plan count."""
    entries: list[TopicItem] = []
    keys: list[set[str]] = []
    title_terms: dict[str, set[str]] = {}
    count = 0
    for plan in plans:
        count += 1
        for si, ii, section, item in plan.iter_items():
            text = item.text
            if not text.strip():
                continue
            heading = item.heading or first_sentence(text)
            if section.title not in title_terms:
                title_terms[section.title] = _topic_terms(section.title)
            keys.append(title_terms[section.title] | _topic_terms(heading))
            entries.append(TopicItem(
                item_id=item.id or f"{plan.id}#{si}.{ii}", plan=plan.id,
                issuer=plan.meta.issuer or "", year=plan.meta.year, section=section.title,
                label=item.label, heading=heading, text=text,
            ))
    return entries, keys, count


def topics(plans: Iterable[Plan]) -> list[Topic]:
    """The topics of these plans, the most widely written about first."""
    conf = settings()
    entries, keys, plan_count = _entries(plans)
    members: dict[str, set[int]] = {}
    for n, key in enumerate(keys):
        for term in key:
            members.setdefault(term, set()).add(n)
    _credit_nested(members)

    def plans_of(term: str) -> int:
        return len({entries[r].plan for r in members[term]})

    need = min(max(conf.min_plans, round(conf.min_share * plan_count)), plan_count)
    candidates = [
        term for term, rows in members.items()
        if plans_of(term) >= need and len(rows) <= conf.max_item_share * len(entries)
    ]
    candidates.sort(key=lambda t: (-plans_of(t), -len(members[t]), t))
    chosen: list[tuple[list[str], set[int]]] = []
    for term in candidates:
        rows = members[term]
        for names, covered in chosen:
            if any(_related(term, rows, n, members[n], conf) for n in names):
                names.append(term)
                covered |= rows
                break
        else:
            chosen.append(([term], set(rows)))
    domain = _domain_words()
    found = []
    for names, covered in chosen:
        names.sort(key=lambda n: (-plans_of(n), n not in domain, -len(members[n]), n))
        found.append(Topic(names[0], tuple(names), tuple(entries[r] for r in sorted(covered))))
    found.sort(key=lambda t: (-t.plans, -len(t.items), t.name))
    return found


def find_topic(found: Sequence[Topic], name: str) -> Topic | None:
    """The topic called ``name``, or whose terms contain it or are contained in it."""
    name = name.strip()
    for topic in found:
        if name == topic.name or name in topic.terms:
            return topic
    for topic in found:
        if any(name in t or t in name for t in topic.terms):
            return topic
    return None


def items_for(
    topic: Topic, year: int | None = None, issuer: str | None = None
) -> list[TopicItem]:
    """The topic's items, optionally of one plan year and of offices whose name has ``issuer``."""
    return [
        i for i in topic.items
        if (year is None or i.year == year) and (not issuer or issuer in i.issuer or issuer in i.plan)
    ]


def counts_by_year(topic: Topic) -> dict[int | None, int]:
    """How many of the topic's items each plan year has."""
    return dict(Counter(i.year for i in topic.items))
