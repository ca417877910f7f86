"""Finding the items of other plans that say the same thing: :class:`Matcher` and :class:`Hit`.

A query is scored against every item at once: each field of the index scores its forms
(the distinct term lists; copies of a sentence share one) from the postings, and an item's
parts are its forms' and its section's scores (``match.score`` says how the parts are
weighed). The best items by those parts give the feedback part, scored the same way, and the
best rows overall are handed on. Near copies of a better hit (the same sentence in five
plans) are folded into it as ``also_in``. ``exhaustive=True`` scores every item from its own
term lists instead: the reference the benchmark compares the index against (recall@10).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from drafter import rx
from drafter.errors import InputError
from drafter.match import score
from drafter.match.catalog import Catalog, PlanRow
from drafter.match.index import (
    TF_WEIGHT,
    FieldIndex,
    SegmentBuilder,
    Vocabulary,
    bm25_query,
    cosine_query,
)
from drafter.match.terms import (
    TermRules,
    clause_grams,
    clause_terms,
    clauses,
    every_gram,
    first_sentence,
    grams,
    rules,
    terms,
)
from drafter.model import Plan

if TYPE_CHECKING:
    from drafter.library import Library, PlanSummary

_COMPACT_DEAD = 0.2
"""Share of removed items above which the index is compacted."""
_COMPACT_SEGMENTS = 8
"""Number of segments above which they are merged."""
_CLAUSE_CACHE = 1_000_000
"""Clauses whose term ids are remembered while building."""
_SEGMENT_ROWS = 250_000
"""Items per segment while building (bounds the memory a build needs)."""
_POSTINGS_PER_FORM = 2
"""Postings a field reads for one query, at most, per form it holds: beyond, its commonest
words are left out of the first ranking (the rows kept are still scored exactly). Chosen on
a synthetic library apart from the one the benchmark reports (1,000,000 varied items of
another seed, 40 queries): at 3, 2.5, 2 and 1.5 recall@10 against brute force stayed 1.00,
at 1 it fell to 0.975 (one query lost its whole top 10); p50 went from 67 at 3 to 59 ms at
2, which keeps twice the margin."""
_FEEDBACK_PER_FORM = 0.5
"""The same bound for the feedback query (the best rows' own words, many of them common):
it only brings rows into the ranking, which then scores their feedback exactly. Chosen on
a synthetic library apart from the one the benchmark reports (1,000,000 varied items of
another seed, 40 queries, main fields at 2): at 1, 0.5, 0.25 and 0.1 (the floor below)
recall@10 against brute force stayed 1.00; p50 fell from about 55 at 1 to 45–54 ms at
0.5, which keeps a margin of 5 to the floor."""
_POSTINGS_FLOOR = 200_000
"""Postings any field may read for one query (a small library reads every word)."""
_KEEP = 1000
"""Best rows the index hands on for ranking and folding (more than folding looks at)."""
_CHUNK = 50_000
"""Items scored exactly at a time (bounds the memory of an exhaustive search)."""
_FEEDBACK = score.FIELDS.index("feedback")
_FOLD_SCAN = 200
"""Ranked rows looked at for near copies of the kept hits (copies further down are left)."""
_ALSO_IN = 50
"""Places listed at most in a folded hit's ``also_in``."""
_COPY_KEY = rx.compile(r"[\d\s]+")
"""What is dropped from a text to recognise a copy with other numbers at once."""


@dataclass(frozen=True)
class Place:
    """Another plan where a folded hit's text appears (nearly) word for word."""

    plan: str
    """The library id of the plan."""
    title: str
    """The plan's title."""
    issuer: str
    """The issuing office ('' when unknown)."""
    year: int | None
    """The plan year."""
    region: str
    """The region ('' when unknown)."""
    section: str
    """The title of the section the copy sits in."""
    item: str
    """The copy's number as printed."""
    item_id: str
    """The copy's item id."""


@dataclass(frozen=True)
class Hit:
    """One similar item of the library and where it comes from."""

    score: float
    """Similarity on 0..100 (100: same wording and context)."""
    text: str
    """The item's whole text (heading, body, sub-items)."""
    heading: str
    """The item's lead sentence."""
    plan: str
    """The library id of its plan."""
    title: str
    """The plan's title."""
    issuer: str
    """The issuing office ('' when unknown)."""
    year: int | None
    """The plan year."""
    section: str
    """The title of the section it sits in."""
    item: str
    """The item's number as printed, e.g. ``（三）`` ('' when none)."""
    item_id: str
    """The item's id, ``<plan id>#<section>.<item>``."""
    region: str = ""
    """The region of the plan ('' when unknown)."""
    level: str = ""
    """The plan's administrative level (区 县 旗 州 市 省; '' when unknown)."""
    own: bool = False
    """True when the plan is the writer's own office's (an earlier year of theirs)."""
    also_in: tuple[Place, ...] = ()
    """Other plans with (nearly) the same text, folded into this hit."""

    def to_dict(self) -> dict[str, object]:
        """The hit as JSON-ready data (``also_in`` as a list of places)."""
        data = asdict(self)
        data["also_in"] = [asdict(p) for p in self.also_in]
        return data


@dataclass(frozen=True)
class Query:
    """A search: the text and the context it is written in."""

    text: str
    """The wording to match."""
    heading: str
    """Its lead sentence."""
    context: tuple[str, ...]
    """Section title (twice) and the section's item headings; empty when unknown."""


def make_query(
    text: str, heading: str | None = None, section: str | None = None, siblings: Sequence[str] = ()
) -> Query:
    """A query from the text and what is known about where it sits."""
    text = text.strip()
    if not text:
        raise InputError("检索文字为空，请输入要查找的表述。")
    heading = (heading or first_sentence(text)).strip()
    context: tuple[str, ...] = ()
    if section or siblings:
        context = (section or "", section or "", *siblings)
        if heading not in siblings:
            context = (*context, heading)
    return Query(text, heading, context)


LEVELS: dict[str, tuple[str, ...]] = {
    "省": ("省", "自治区"),
    "市": ("市", "州", "盟", "地区"),
    "县区": ("区", "县", "旗", "自治县", "自治旗", "县级市"),
}
"""The level filter's choices and the plan levels (from the title) each one covers."""


@dataclass(frozen=True)
class Filters:
    """Which plans a search looks in."""

    year: int | None = None
    """Only this plan year."""
    year_from: int | None = None
    """Only plan years from this one on."""
    year_to: int | None = None
    """Only plan years up to this one."""
    issuer: str | None = None
    """Only offices whose name (or plan id) contains this."""
    region: str | None = None
    """Only regions (or offices) whose name contains this."""
    level: str | None = None
    """Only this level: a key of :data:`LEVELS`."""
    same_issuer: str | None = None
    """Only the plans of this very office (see :func:`same_office`)."""

    def key(self) -> tuple[object, ...]:
        """A hashable form, for caching masks."""
        return (self.year, self.year_from, self.year_to, self.issuer, self.region, self.level,
                self.same_issuer)

    def admits(self, plan: PlanRow) -> bool:
        """Whether a plan passes."""
        year = plan.year
        if self.year is not None and year != self.year:
            return False
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        if self.issuer and self.issuer not in plan.issuer and self.issuer not in plan.id:
            return False
        if self.region and self.region not in plan.region and self.region not in plan.issuer:
            return False
        if self.level and plan.level not in LEVELS[self.level]:
            return False
        return not (self.same_issuer and not same_office(self.same_issuer, plan.issuer))


def check_level(level: str | None) -> str | None:
    """``level`` when it is one of :data:`LEVELS` (县 and 区 also mean 县区); InputError else."""
    if level is None:
        return None
    level = level.strip()
    if level in ("县", "区", "旗", "县级"):
        return "县区"
    if level in ("省级",):
        return "省"
    if level in ("市级", "州"):
        return "市"
    if level not in LEVELS:
        raise InputError(f"级别“{level}”无法识别，请写 省、市 或 县区。")
    return level


def _office(name: str) -> str:
    return "".join(name.split())


def same_office(a: str, b: str) -> bool:
    """Whether two issuer names are one office (spaces ignored; a name with its region
    prefix, such as 涪陵区民政局 and 重庆市涪陵区民政局, counts as the same)."""
    a, b = _office(a), _office(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.endswith(short)


class Matcher:
    """Plans' items, indexed for similarity search; see the module docstring."""

    def __init__(
        self,
        term_rules: TermRules | None = None,
        weights: score.Weights | None = None,
        *,
        text_grams: bool = False,
        short_grams: bool = False,
    ) -> None:
        self.rules = term_rules or rules()
        self.weights = weights or score.WEIGHTS
        self.text_grams = text_grams
        """Whether item texts carry the bigrams of segmentation misses (off: on the labelled
        plans they did not help)."""
        self.short_grams = short_grams
        """Whether headings and section titles carry all their bigrams."""
        self.vocab = Vocabulary(self.rules)
        self.catalog = Catalog()
        self.text = FieldIndex()
        self.head = FieldIndex()
        self.title = FieldIndex()
        self.context = FieldIndex()
        self._plan_rows: dict[str, int] = {}
        self._factors: tuple[tuple[object, ...], np.ndarray] | None = None
        self._clause_ids: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._allowed_cache: tuple[tuple[object, ...], np.ndarray, np.ndarray] | None = None
        self._head_fold: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def fields(self) -> tuple[FieldIndex, FieldIndex, FieldIndex, FieldIndex]:
        """The item fields (text, head) and the section fields (title, context)."""
        return self.text, self.head, self.title, self.context

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def from_plans(cls, plans: Iterable[Plan], **options: Any) -> Matcher:
        """A matcher over these plans (a plan without an id is named by its file), each
        field in one segment."""
        matcher = cls(**options)
        matcher.add_plans(plans)
        matcher.merge_segments()
        return matcher

    def merge_segments(self) -> None:
        """Merge each field's segments into one (a query reads one place per word)."""
        size = len(self.vocab)
        for field in self.fields:
            if len(field.segments) > 1:
                field.compact(np.ones(field.rows, dtype=bool), size)
        self._factors = None

    @classmethod
    def from_parts(
        cls,
        vocab: Vocabulary,
        catalog: Catalog,
        fields: Sequence[FieldIndex],
        **options: Any,
    ) -> Matcher:
        """A matcher from saved parts (see ``match.persist``)."""
        matcher = cls(vocab.rules, **options)
        matcher.vocab = vocab
        matcher.catalog = catalog
        matcher.text, matcher.head, matcher.title, matcher.context = fields
        matcher._plan_rows = {p.id: row for row, p in catalog.plan_rows()}
        return matcher

    @classmethod
    def for_library(cls, library: Library) -> Matcher:
        """The matcher of a :class:`drafter.library.Library`, from its persisted index.

        The index under the user cache folder is reused when it was built from the same
        plans (id and :func:`library_key`: source hash and the TOML file's stamp, so a plan
        edited by hand is indexed again); new plans are added, removed or changed ones
        dropped, and the result saved back atomically.
        """
        from drafter.match import persist

        wanted = {s.id: library_key(s) for s in library.summaries()}
        path = persist.index_path(library)
        matcher = persist.load(path) or cls()
        if matcher.sync(wanted, library.get):
            persist.save(matcher, path)
        return matcher

    def plan_keys(self) -> dict[str, str]:
        """Plan id → the key each plan was indexed under (its source hash, or the key
        :meth:`sync` was given)."""
        return {p.id: p.sha256 for _, p in self.catalog.plan_rows()}

    def sync(self, wanted: Mapping[str, str], load: Callable[[str], Plan]) -> bool:
        """Make the matcher hold exactly ``wanted`` (plan id → key); True when it changed.

        Plans whose key differs are loaded again; the plans added are recorded under their
        key from ``wanted``.
        """
        have = self.plan_keys()
        stale = [pid for pid, key in have.items() if wanted.get(pid) != key]
        for pid in stale:
            self.remove_plan(pid)
        new = [pid for pid, key in wanted.items() if have.get(pid) != key]
        if new:
            self.add_plans(load(pid) for pid in new)
            fresh = set(new)
            for row, plan in self.catalog.plan_rows():
                if plan.id in fresh and plan.sha256 != wanted[plan.id]:
                    self.catalog.plans[row] = replace(plan, sha256=wanted[plan.id])
        return bool(stale or new)

    def add_plans(self, plans: Iterable[Plan]) -> int:
        """Index more plans (as new segments); returns how many items were added."""
        cat = self.catalog
        added = 0
        builders = _Builders()
        for plan in plans:
            pid = plan.id or plan.source.file or f"plan-{len(cat.plans) + 1}"
            if pid in self._plan_rows:
                # rows gathered so far must reach the index before removal may compact it
                self._flush(builders)
                builders = _Builders()
                self.remove_plan(pid)
            first_section = len(cat.section_titles)
            refs = cat.add_plan(plan, pid)
            self._plan_rows[pid] = len(cat.plans) - 1
            headings: dict[int, list[int]] = {}
            for ref in refs:
                head_ids, _ = self._ids(ref.heading)
                words, misses = self._ids(ref.text)
                builders.text.add(Counter(words + misses if self.text_grams else words))
                builders.head.add(Counter(head_ids + self._short_grams(ref.heading)))
                headings.setdefault(ref.section, []).extend(head_ids)
            for srow in range(first_section, len(cat.section_titles)):
                title, _ = self._ids(cat.section_titles[srow])
                builders.title.add(Counter(title + self._short_grams(cat.section_titles[srow])))
                builders.context.add(Counter(title + title + headings.get(srow, [])))
            added += len(refs)
            if builders.text.count >= _SEGMENT_ROWS:
                self._flush(builders)
                builders = _Builders()
        self._flush(builders)
        if len(self.text.segments) > _COMPACT_SEGMENTS:
            self.compact()
        return added

    def _ids(self, text: str) -> tuple[list[int], list[int]]:
        """Term ids and miss-bigram ids of a text (new terms join the vocabulary)."""
        words: list[int] = []
        misses: list[int] = []
        cache = self._clause_ids
        add = self.vocab.add
        for clause in clauses(text):
            ids = cache.get(clause)
            if ids is None:
                if len(cache) > _CLAUSE_CACHE:
                    cache.clear()
                ids = cache[clause] = (
                    tuple(add(t) for t in clause_terms(clause)),
                    tuple(add(t) for t in clause_grams(clause)),
                )
            words.extend(ids[0])
            misses.extend(ids[1])
        return words, misses

    def _short_grams(self, text: str) -> list[int]:
        """Ids of all bigrams of a heading or title (none when they are switched off)."""
        if not self.short_grams:
            return []
        add = self.vocab.add
        return [add(t) for t in every_gram(text)]

    def _flush(self, builders: _Builders) -> None:
        """Turn gathered postings into segments of the four fields."""
        size = len(self.vocab)
        for field, builder in zip(self.fields, builders.all(), strict=True):
            field.add_segment(builder, size)
        self._factors = None

    def remove_plan(self, plan_id: str) -> None:
        """Stop returning the items of a plan; compacts when many are gone (until then the
        removed items still count in the document frequencies)."""
        row = self._plan_rows.pop(plan_id, None)
        if row is None:
            return
        self.catalog.drop_plan(row)
        self._allowed_cache = None
        self._maybe_compact()

    def _maybe_compact(self) -> None:
        """Compact when removed items or segments have piled up."""
        alive = self.catalog.alive_items()
        dead = len(alive) - int(alive.sum())
        if dead > _COMPACT_DEAD * max(len(alive), 1) or len(self.text.segments) > _COMPACT_SEGMENTS:
            self.compact()

    def compact(self) -> None:
        """Merge segments and forget removed plans for good."""
        item_keep, section_keep = self.catalog.compact()
        size = len(self.vocab)
        self.text.compact(item_keep, size)
        self.head.compact(item_keep, size)
        self.title.compact(section_keep, size)
        self.context.compact(section_keep, size)
        self._plan_rows = {p.id: row for row, p in self.catalog.plan_rows()}
        self._factors = None
        self._allowed_cache = None

    def __len__(self) -> int:
        """Number of items that can be found."""
        return int(self.catalog.alive_items().sum())

    # -- searching ---------------------------------------------------------------------------

    def similar(
        self,
        text: str,
        k: int = 10,
        *,
        heading: str | None = None,
        section: str | None = None,
        siblings: Sequence[str] = (),
        year: int | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        issuer: str | None = None,
        region: str | None = None,
        level: str | None = None,
        same_issuer: str | None = None,
        exclude_plan: str | Sequence[str] | None = None,
        office: str | None = None,
        fold: bool = True,
        exhaustive: bool = False,
    ) -> list[Hit]:
        """The ``k`` items most similar to ``text``, best first.

        ``heading`` is the lead sentence of the text (default: its first sentence);
        ``section`` the title of the section it is written under and ``siblings`` the other
        headings there: both help find items about the same task. ``year`` (or the range
        ``year_from``..``year_to``), ``issuer`` (part of the office's name or the plan id),
        ``region``, ``level`` (省, 市 or 县区), ``same_issuer`` (one office's plans only) and
        ``exclude_plan`` (an id or several) filter the plans searched. ``office`` is the
        writer's own office: its hits are marked ``own``. With ``fold``, an item whose text
        nearly repeats a better hit's becomes one of that hit's ``also_in`` places.
        ``exhaustive`` scores every item from its own term lists instead of the postings:
        the reference the index is measured against.
        """
        if k <= 0:
            return []
        query = make_query(text, heading, section, siblings)
        filters = Filters(year, year_from, year_to, issuer, region, check_level(level),
                          same_issuer)
        keep = max(_KEEP, _FOLD_SCAN + 5 * k + 20)
        rows, parts = self.score_parts(query, filters, exclude_plan, exhaustive=exhaustive,
                                       keep=keep)
        if not len(rows):
            return []
        scores = score.combine(parts, self.weights)
        return self._hits(rows, scores, k, fold, office)

    def earlier_years(
        self,
        text: str,
        office: str,
        *,
        before: int | None = None,
        k: int = 10,
        heading: str | None = None,
        section: str | None = None,
        siblings: Sequence[str] = (),
        exclude_plan: str | Sequence[str] | None = None,
    ) -> list[Hit]:
        """How ``office`` itself wrote this item in its plans (before the year ``before``):
        the best item of each of its plans, newest plan first, at most ``k`` plans."""
        if not office.strip():
            raise InputError("不知道本单位是哪个发文机关，请用 --office 写明，例如 --office 乌审旗民政局。")
        query = make_query(text, heading, section, siblings)
        filters = Filters(year_to=None if before is None else before - 1, same_issuer=office)
        rows, parts = self.score_parts(query, filters, exclude_plan, exhaustive=True)
        if not len(rows):
            return []
        scores = score.combine(parts, self.weights)
        plans = self.catalog.array("item_plan")[rows]
        best: dict[int, int] = {}
        for i in np.lexsort((rows, -scores)).tolist():
            best.setdefault(int(plans[i]), i)
        cat = self.catalog
        order = sorted(best.items(), key=lambda kv: -(cat.plans[kv[0]].year or 0))[:k]
        return [self._hit(int(rows[i]), float(scores[i]), office) for _, i in order]

    def similar_to(self, item_id: str, k: int = 10, **filters: Any) -> list[Hit]:
        """Items of other plans similar to a library item (its own plan excluded)."""
        return self.similar(**self.query_of(item_id), k=k, **filters)

    def query_of(self, item_id: str) -> dict[str, Any]:
        """The keyword arguments of :meth:`similar` that ask for a library item's likes:
        its text, heading, section, sibling headings, and its plan excluded."""
        row = self.find_item(item_id)
        cat = self.catalog
        plan = cat.plans[cat.item_plan[row]]
        srow = cat.item_section[row]
        first, end = cat.section_items(np.array([srow]))
        siblings = [cat.heading(r) for r in range(int(first[0]), int(end[0]))]
        return {
            "text": cat.text(row), "heading": cat.heading(row),
            "section": str(cat.section_titles[srow]), "siblings": siblings,
            "exclude_plan": plan.id,
        }

    def find_item(self, item_id: str) -> int:
        """The catalogue row of an item id; InputError when unknown."""
        plan_id, _, pos = item_id.rpartition("#")
        sec, _, num = pos.partition(".")
        prow = self._plan_rows.get(plan_id)
        if prow is not None and sec.isdigit() and num.isdigit():
            cat = self.catalog
            first, end = cat.plan_items(prow)
            rows = np.arange(first, end)
            sec_no = cat.array("section_no")[cat.array("item_section")[rows]]
            hit = rows[(sec_no == int(sec)) & (cat.array("item_no")[rows] == int(num))]
            if len(hit):
                return int(hit[0])
        raise InputError(f"资料库中没有条目“{item_id}”，条目编号形如“要点编号#3.2”。")

    def factors(self) -> np.ndarray:
        """Boilerplate factor of every term id, learned from document frequencies (cached)."""
        key = (len(self.vocab), self.text.rows, self.weights.common, len(self.text.segments))
        if self._factors is None or self._factors[0] != key:
            df = np.zeros(len(self.vocab), dtype=np.int64)
            n = min(len(df), len(self.text.df))
            df[:n] = self.text.df[:n]
            self._factors = (key, score.term_factors(df, self.text.rows, self.weights.common))
        return self._factors[1]

    def _query_ids(self, words: Iterable[str]) -> tuple[list[int], list[str]]:
        """Known term ids and unknown terms of a query."""
        known: list[int] = []
        unseen: list[str] = []
        ids = self.vocab.ids
        for w in words:
            tid = ids.get(w)
            if tid is None:
                unseen.append(w)
            else:
                known.append(tid)
        return known, unseen

    def _vector(self, field: FieldIndex, words: list[str], bm25: bool) -> dict[int, float]:
        """A query's normalised weights in one field."""
        known, unseen = self._query_ids(words)
        weights = field.weights(self.factors())
        base = field.unseen_weight()
        extra = [float(TF_WEIGHT[min(c, 255)]) * base for c in Counter(unseen).values()]
        return (bm25_query if bm25 else cosine_query)(known, extra, weights)

    def vectors(self, query: Query) -> tuple[dict[int, float], ...]:
        """The query's weights: text and heading (BM25), section title and context, and the
        section title against item texts and headings (cosines)."""
        text_words = terms(query.text)
        if self.text_grams:
            text_words += grams(query.text)
        head_words = terms(query.heading) + (every_gram(query.heading) if self.short_grams else [])
        title = query.context[0] if query.context else ""
        title_terms = terms(title)
        title_words = title_terms + (every_gram(title) if self.short_grams else [])
        context = [w for part in query.context for w in terms(part)]
        w = self.weights
        return (
            self._vector(self.text, text_words, True),
            self._vector(self.head, head_words, True),
            self._vector(self.title, title_words, False) if title_words and w.title else {},
            self._vector(self.context, context, False) if context and w.context else {},
            self._vector(self.text, title_terms, False) if title_terms and w.title_text else {},
            self._vector(self.head, title_terms, False) if title_terms and w.title_head else {},
        )

    def score_parts(
        self,
        query: Query,
        filters: Filters = Filters(),
        exclude_plan: str | Sequence[str] | None = None,
        *,
        exhaustive: bool = False,
        keep: int = _KEEP,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rows worth ranking and their score parts (rows × :data:`score.FIELDS`).

        From the index: the ``keep`` best allowed rows (ties by row) with their parts; or,
        when ``exhaustive``, every allowed row, scored from its own term lists. The
        feedback part is filled last, from the best rows by the other parts.
        """
        vectors = self.vectors(query)
        if not vectors[0] and not vectors[1]:
            return np.zeros(0, dtype=np.int64), np.zeros((0, len(score.FIELDS)))
        if not exhaustive:
            return self._indexed(query.text, vectors, filters, exclude_plan, keep)
        rows = np.flatnonzero(self._allowed(filters, exclude_plan))
        parts = self._parts(query.text, vectors, rows)
        if not len(rows) or self.weights.feedback <= 0:
            return rows, parts
        feedback = self._feedback_query(rows, parts)
        f = self.factors()
        for lo in range(0, len(rows), _CHUNK):
            chunk = rows[lo : lo + _CHUNK]
            parts[lo : lo + len(chunk), _FEEDBACK] = self.text.scores_of(
                feedback, chunk, factors=f)
        return rows, parts

    def _parts(self, text: str, vectors: tuple[dict[int, float], ...],
               rows: np.ndarray) -> np.ndarray:
        """Score parts of ``rows`` (ascending), chunk by chunk, feedback left at 0."""
        parts = np.zeros((len(rows), len(score.FIELDS)), dtype=np.float32)
        for lo in range(0, len(rows), _CHUNK):
            chunk = rows[lo : lo + _CHUNK]
            parts[lo : lo + len(chunk)] = self._exact(text, vectors, chunk)
        return parts

    def _feedback_query(self, rows: np.ndarray, parts: np.ndarray) -> dict[int, float]:
        """The texts of the best rows by the other parts, as one cosine query whose score is
        the mean of their cosines with a row, times how well those rows match (0..1)."""
        first = score.combine(parts, self.weights)
        order = np.lexsort((rows, -first))[: score.FEEDBACK]
        return self._feedback_of(rows[order], first[order])

    def _feedback_of(self, best: np.ndarray, values: np.ndarray) -> dict[int, float]:
        """The feedback query of the best rows ``best`` whose scores by the other parts are
        ``values``."""
        # as sure as the best rows are: a query of boilerplate alone gets little feedback
        rest = 1.0 - float(self.weights.vector()[_FEEDBACK])
        sure = float(np.mean(values)) / rest if rest > 0 else 0.0
        f = self.factors()
        out: dict[int, float] = {}
        for row in best.tolist():
            for t, v in self.text.row_query(row, f).items():
                out[t] = out.get(t, 0.0) + v * sure / len(best)
        return out

    def _form_scores(self, field: FieldIndex, vector: dict[int, float], *,
                     per_form: float = 0.0, **how: Any) -> np.ndarray:
        """A field's score of every form; common words are left out only when the query's
        postings exceed ``per_form`` (default :data:`_POSTINGS_PER_FORM`) per form (the
        scores are then lower bounds)."""
        cap = max(_POSTINGS_FLOOR, int((per_form or _POSTINGS_PER_FORM) * field.forms))
        budget = cap if field.postings(vector) > cap else None
        return field.form_scores(vector, budget, **how)

    def _indexed(self, query_text: str, vectors: tuple[dict[int, float], ...],
                 filters: Filters, exclude: str | Sequence[str] | None,
                 keep: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``keep`` best allowed rows and their parts, every row scored from the postings.

        Each field scores its forms once (a form stands for all its copies); a row's score is
        its text form's, its heading form's and its section's, weighted (the rapidfuzz part,
        which needs the texts, is left out there). The rows kept are then scored exactly.
        """
        f = self.factors()
        bm25 = self.weights.bm25
        w = self.weights.vector().astype(np.float32)
        cat = self.catalog
        # per form (or section): the parts, as in score.FIELDS; None where not asked
        text: dict[int, np.ndarray] = {0: self._form_scores(self.text, vectors[0], bm25=bm25)}
        head: dict[int, np.ndarray] = {1: self._form_scores(self.head, vectors[1], bm25=bm25)}
        section: dict[int, np.ndarray] = {}
        if vectors[4]:
            text[6] = self._form_scores(self.text, vectors[4], factors=f)
        if vectors[5]:
            head[7] = self._form_scores(self.head, vectors[5], factors=f)
        if vectors[2]:
            section[2] = self._form_scores(self.title, vectors[2],
                                           factors=f)[self.title.form_index()]
        if vectors[3]:
            section[3] = self._form_scores(self.context, vectors[3],
                                           factors=f)[self.context.form_index()]
        text_form, head_form = self.text.form_index(), self.head.form_index()
        sections = cat.index_array("item_section")

        def weighed(parts: dict[int, np.ndarray], size: int) -> np.ndarray:
            out = np.zeros(size, dtype=np.float32)
            for col, values in parts.items():
                if w[col]:
                    out += values * w[col]
            return out

        by_text = weighed(text, self.text.forms)
        by_head = weighed(head, self.head.forms)
        head_of, odd = self._heads_by_text()
        first = (by_text + by_head[head_of])[text_form]
        if len(odd):
            first[odd] = by_text[text_form[odd]] + by_head[head_form[odd]]
        if section:
            first += weighed(section, self.title.rows)[sections]
        first[self._filtered(filters)[1]] = -np.inf
        for lo, hi in self._excluded(exclude):
            first[lo:hi] = -np.inf

        total = first
        feedback: dict[int, float] = {}
        if self.weights.feedback > 0:
            # the best rows by the other parts, scored and ordered exactly as score_parts does
            near = np.sort(_top(first, 4 * score.FEEDBACK))
            near = near[np.isfinite(first[near])]
            if len(near):
                exact = score.combine(self._exact(query_text, vectors, near, fuzz=bool(w[4])),
                                      self.weights)
                order = np.lexsort((near, -exact))[: score.FEEDBACK]
                feedback = self._feedback_of(near[order], exact[order])
                values = self._form_scores(self.text, feedback, factors=f,
                                           per_form=_FEEDBACK_PER_FORM)
                total = first + (values * w[_FEEDBACK])[text_form]
        rows = np.sort(_top(total, keep))
        rows = rows[np.isfinite(total[rows])]
        # the rows kept get their parts from their own term lists, as score_parts gives them
        parts = self._exact(query_text, vectors, rows, fuzz=bool(w[4]))
        if feedback:
            parts[:, _FEEDBACK] = self.text.scores_of(feedback, rows, factors=f)
        return rows, parts

    def _heads_by_text(self) -> tuple[np.ndarray, np.ndarray]:
        """(the heading form of each text form, the rows whose heading form is another).

        A heading is its text's lead sentence, so rows with the same words nearly always
        have the same heading words: a query adds heading scores per text form, not per row,
        and mends the few rows that differ. Cached until either field changes.
        """
        cached = self._head_fold
        if cached is None or cached[0] is not self.text.form_of \
                or cached[1] is not self.head.form_of:
            text_form, head_form = self.text.form_index(), self.head.form_index()
            head_of = np.zeros(self.text.forms, dtype=np.intp)
            head_of[text_form] = head_form
            odd = np.flatnonzero(head_of[text_form] != head_form)
            cached = self._head_fold = (self.text.form_of, self.head.form_of, head_of, odd)
        return cached[2], cached[3]

    def _exact(
        self, query_text: str, vectors: tuple[dict[int, float], ...], rows: np.ndarray,
        *, fuzz: bool = True,
    ) -> np.ndarray:
        """The score parts of the given items (ascending rows), feedback left at 0, each from
        the term lists of the rows' forms (the rapidfuzz part only with ``fuzz``)."""
        f = self.factors()
        bm25 = self.weights.bm25
        out = np.zeros((len(rows), len(score.FIELDS)), dtype=np.float32)
        tforms, tback = self.text.unique_forms(rows)
        hforms, hback = self.head.unique_forms(rows)
        text = self.text.entries(tforms)
        head = self.head.entries(hforms)
        out[:, 0] = self.text.scores_from(text, tforms, vectors[0], bm25=bm25)[tback]
        out[:, 1] = self.head.scores_from(head, hforms, vectors[1], bm25=bm25)[hback]
        if vectors[2] or vectors[3]:
            sections = self.catalog.array("item_section")[rows]
            unique, back = np.unique(sections, return_inverse=True)  # ascending
            if vectors[2]:
                out[:, 2] = self.title.scores_of(vectors[2], unique, factors=f)[back]
            if vectors[3]:
                out[:, 3] = self.context.scores_of(vectors[3], unique, factors=f)[back]
        if fuzz:
            out[:, 4] = score.ratios(query_text, self.catalog.openings(rows))
        if vectors[4]:
            out[:, 6] = self.text.scores_from(text, tforms, vectors[4], factors=f)[tback]
        if vectors[5]:
            out[:, 7] = self.head.scores_from(head, hforms, vectors[5], factors=f)[hback]
        return out

    def _allowed(self, filters: Filters, exclude: str | Sequence[str] | None) -> np.ndarray:
        """Mask of the items the filters let through."""
        mask = self._filtered(filters)[0]
        spans = self._excluded(exclude)
        if spans:
            mask = mask.copy()
            for first, end in spans:
                mask[first:end] = False
        return mask

    def _filtered(self, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        """(mask of the items of the plans the filters admit, the rows they leave out),
        cached for the last filters."""
        cat = self.catalog
        key = (filters.key(), len(cat), len(cat.plans), cat.dropped)
        if self._allowed_cache is None or self._allowed_cache[0] != key:
            ok = np.array(
                [alive and filters.admits(p)
                 for p, alive in zip(cat.plans, cat.plan_alive, strict=True)],
                dtype=bool,
            )
            mask = ok[cat.array("item_plan")] if len(ok) else np.zeros(0, dtype=bool)
            self._allowed_cache = (key, mask, np.flatnonzero(~mask))
        return self._allowed_cache[1], self._allowed_cache[2]

    def _excluded(self, exclude: str | Sequence[str] | None) -> list[tuple[int, int]]:
        """The item rows (first, end) of the plans to leave out."""
        excluded = [exclude] if isinstance(exclude, str) else list(exclude or ())
        rows = [self._plan_rows[pid] for pid in excluded if pid in self._plan_rows]
        return [self.catalog.plan_items(row) for row in rows]

    def _hits(
        self, rows: np.ndarray, scores: np.ndarray, k: int, fold: bool, office: str | None
    ) -> list[Hit]:
        """The k best hits, near copies (the same words, or nearly the same text) folded into
        the better one's ``also_in``."""
        order = np.lexsort((rows, -scores))
        if not fold:
            return [self._hit(int(rows[i]), float(scores[i]), office) for i in order[:k]]
        kept: list[tuple[int, float, str, list[int]]] = []
        by_key: dict[str, int] = {}
        by_form: dict[int, int] = {}
        forms = self.text.form_of
        cat = self.catalog
        for pos in range(len(order)):
            if pos >= _FOLD_SCAN:
                # copies further down stay unfolded: fill up without reading their texts
                kept.extend((int(rows[i]), float(scores[i]), "", [])
                            for i in order[pos : pos + k - len(kept)].tolist())
                break
            if len(kept) == k and pos >= 4 * k + 20:
                break
            i = int(order[pos])
            row = int(rows[i])
            form = int(forms[row])
            twin = by_form.get(form)  # the same words as a kept hit: a copy, text unread
            if twin is None:
                text = cat.text(row)
                key = _COPY_KEY.sub("", text)
                twin = by_key.get(key)
                if twin is None:
                    twin = next((n for n, entry in enumerate(kept)
                                 if score.near_copy(entry[2], text)), None)
                if twin is None and len(kept) < k:
                    by_key[key] = by_form[form] = len(kept)
                    kept.append((row, float(scores[i]), text, []))
                    continue
                if twin is not None:
                    by_form[form] = twin
            if twin is not None and len(kept[twin][3]) < _ALSO_IN:
                kept[twin][3].append(row)
        return [
            replace(self._hit(row, value, office), also_in=tuple(self._place(r) for r in twins))
            for row, value, _, twins in kept
        ]

    def _place(self, row: int) -> Place:
        """Where an item sits."""
        cat = self.catalog
        plan = cat.plans[cat.item_plan[row]]
        return Place(
            plan=plan.id, title=plan.title, issuer=plan.issuer, year=plan.year,
            region=plan.region, section=str(cat.section_titles[cat.item_section[row]]),
            item=str(cat.labels[row]), item_id=cat.item_id(row),
        )

    def _hit(self, row: int, value: float, office: str | None = None) -> Hit:
        """The hit for a catalogue row and a 0..1 score."""
        cat = self.catalog
        plan = cat.plans[cat.item_plan[row]]
        text = cat.text(row)
        return Hit(
            score=round(min(100.0, max(0.0, value * 100.0)), 2),
            text=text,
            heading=text[: cat.head_len[row]],
            plan=plan.id,
            title=plan.title,
            issuer=plan.issuer,
            year=plan.year,
            section=str(cat.section_titles[cat.item_section[row]]),
            item=str(cat.labels[row]),
            item_id=cat.item_id(row),
            region=plan.region,
            level=plan.level,
            own=bool(office) and same_office(office or "", plan.issuer),
        )


def library_key(summary: PlanSummary) -> str:
    """The key a library plan is indexed under: its source hash with the modification time
    and size of its TOML file, so an edit by hand changes it (one stat, no reading)."""
    try:
        stat = summary.path.stat()
    except OSError:
        return summary.sha256
    return f"{summary.sha256}:{stat.st_mtime_ns}:{stat.st_size}"


class _Builders:
    """The four fields' postings of the plans being added."""

    def __init__(self) -> None:
        self.text = SegmentBuilder()
        self.head = SegmentBuilder()
        self.title = SegmentBuilder()
        self.context = SegmentBuilder()

    def all(self) -> tuple[SegmentBuilder, ...]:
        """The builders in the order of :attr:`Matcher.fields`."""
        return self.text, self.head, self.title, self.context


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """The positions of the ``k`` largest values, ties broken by position (as a stable sort
    by value would), in no particular order.

    A strided sample's k-th largest value is at most the whole array's, so only the values
    from it up (about k times the stride) are sorted out exactly.
    """
    if k >= len(values):
        return np.arange(len(values))
    pool = None
    if len(values) >= 64 * k:
        sample = values[:: _STRIDE]
        if len(sample) > k:
            floor = np.partition(sample, len(sample) - k)[len(sample) - k]
            pool = np.flatnonzero(values >= floor)
    if pool is None:
        pool = np.arange(len(values))
    chosen = values[pool]
    part = np.argpartition(-chosen, k - 1)[:k]
    floor = chosen[part].min()
    above = pool[chosen > floor]
    tied = pool[chosen == floor][: k - len(above)]
    return np.concatenate((above, tied))


_STRIDE = 16
"""Every how many values :func:`_top` samples."""
