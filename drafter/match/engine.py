"""Finding the items of other plans that say the same thing: :class:`Matcher` and :class:`Hit`.

A query runs in three steps. The inverted index gives every item a lower bound of its cosine
part from the query's rarer terms (common words are skipped once enough postings were read);
the best few thousand items are then scored exactly from their own term lists, and rapidfuzz
adds its term to those. ``exhaustive=True`` scores every item exactly instead: the reference
the benchmark compares the index against (recall@10).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from drafter.errors import InputError
from drafter.match import score
from drafter.match.catalog import Catalog
from drafter.match.index import (
    TF_WEIGHT,
    FieldIndex,
    SegmentBuilder,
    Vocabulary,
    query_vector,
)
from drafter.match.terms import TermRules, clause_terms, clauses, first_sentence, rules, terms
from drafter.model import Plan

if TYPE_CHECKING:
    from drafter.library import Library, PlanSummary

_COMPACT_DEAD = 0.2
"""Share of removed items above which the index is compacted."""
_COMPACT_SEGMENTS = 8
"""Number of segments above which they are merged."""
_CLAUSE_CACHE = 1_000_000
"""Clauses whose term ids are remembered while building."""
_CANDIDATES = 5000
"""Items taken from the cosine lower bound for exact scoring."""
_BUDGET = 60_000
"""Postings read per field for the lower bound (common words beyond it are skipped)."""
_SECTIONS = 20_000
"""Best-matching sections whose items get their context share in the lower bound."""
_SEGMENT_ROWS = 250_000
"""Items per segment while building (bounds the memory a build needs)."""


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

    def to_dict(self) -> dict[str, object]:
        """The hit as JSON-ready data."""
        return asdict(self)


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


class Matcher:
    """Plans' items, indexed for similarity search; see the module docstring."""

    def __init__(self, term_rules: TermRules | None = None) -> None:
        self.rules = term_rules or rules()
        self.vocab = Vocabulary(self.rules)
        self.catalog = Catalog()
        self.text = FieldIndex()
        self.head = FieldIndex()
        self.context = FieldIndex()
        self._plan_rows: dict[str, int] = {}
        self._factors: np.ndarray | None = None
        self._clause_ids: dict[str, tuple[int, ...]] = {}
        self._allowed_cache: tuple[tuple[object, ...], np.ndarray] | None = None

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def from_plans(cls, plans: Iterable[Plan]) -> Matcher:
        """A matcher over these plans (a plan without an id is named by its file)."""
        matcher = cls()
        matcher.add_plans(plans)
        return matcher

    @classmethod
    def from_parts(
        cls,
        vocab: Vocabulary,
        catalog: Catalog,
        fields: tuple[FieldIndex, FieldIndex, FieldIndex],
    ) -> Matcher:
        """A matcher from saved parts (see ``match.persist``)."""
        matcher = cls(vocab.rules)
        matcher.vocab = vocab
        matcher.catalog = catalog
        matcher.text, matcher.head, matcher.context = fields
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
                head_ids = self._ids(ref.heading)
                builders.text.add(Counter(self._ids(ref.text)))
                builders.head.add(Counter(head_ids))
                headings.setdefault(ref.section, []).extend(head_ids)
            for srow in range(first_section, len(cat.section_titles)):
                title = self._ids(cat.section_titles[srow])
                builders.context.add(Counter(title + title + headings.get(srow, [])))
            added += len(refs)
            if builders.text.count >= _SEGMENT_ROWS:
                self._flush(builders)
                builders = _Builders()
        self._flush(builders)
        if len(self.text.segments) > _COMPACT_SEGMENTS:
            self.compact()
        return added

    def _ids(self, text: str) -> list[int]:
        """Term ids of a text (new terms join the vocabulary), clause by clause."""
        out: list[int] = []
        cache = self._clause_ids
        for clause in clauses(text):
            ids = cache.get(clause)
            if ids is None:
                if len(cache) > _CLAUSE_CACHE:
                    cache.clear()
                ids = cache[clause] = tuple(self.vocab.add(t) for t in clause_terms(clause))
            out.extend(ids)
        return out

    def _flush(self, builders: _Builders) -> None:
        """Turn gathered postings into segments of the three fields."""
        size = len(self.vocab)
        self.text.add_segment(builders.text, size)
        self.head.add_segment(builders.head, size)
        self.context.add_segment(builders.context, size)
        self._factors = None

    def remove_plan(self, plan_id: str) -> None:
        """Stop returning the items of a plan; compacts when many are gone (until then the
        removed items still count in the document frequencies)."""
        row = self._plan_rows.pop(plan_id, None)
        if row is None:
            return
        self.catalog.drop_plan(row)
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
        self.context.compact(section_keep, size)
        self._plan_rows = {p.id: row for row, p in self.catalog.plan_rows()}

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
        issuer: str | None = None,
        exclude_plan: str | Sequence[str] | None = None,
        exhaustive: bool = False,
    ) -> list[Hit]:
        """The ``k`` items most similar to ``text``, best first.

        ``heading`` is the lead sentence of the text (default: its first sentence);
        ``section`` the title of the section it is written under and ``siblings`` the other
        headings there: both help find items about the same task. ``year``, ``issuer``
        (part of the office's name or the plan id) and ``exclude_plan`` (an id or several)
        filter the plans searched. ``exhaustive`` scores every item exactly instead of the
        index's candidates: slower; the reference the index is measured against.
        """
        if k <= 0:
            return []
        query = make_query(text, heading, section, siblings)
        vectors = self._vectors(query)
        if not any(vectors):
            return []  # no word of the query occurs in the library
        allowed = self._allowed(year, issuer, exclude_plan)
        rows = np.flatnonzero(allowed) if exhaustive else self._candidates(vectors, allowed)
        lin = self._exact(vectors, rows)
        found, scores = self._rank(query.text, rows, lin, k)
        return [self._hit(int(r), float(s)) for r, s in zip(found, scores, strict=True)]

    def similar_to(self, item_id: str, k: int = 10, **filters: object) -> list[Hit]:
        """Items of other plans similar to a library item (its own plan excluded)."""
        row = self.find_item(item_id)
        cat = self.catalog
        plan = cat.plans[cat.item_plan[row]]
        srow = cat.item_section[row]
        first, end = cat.section_items(np.array([srow]))
        siblings = [cat.heading(r) for r in range(int(first[0]), int(end[0]))]
        filters.setdefault("exclude_plan", plan.id)
        return self.similar(
            cat.text(row), k, heading=cat.heading(row), section=cat.section_titles[srow],
            siblings=siblings, **filters,  # type: ignore[arg-type]
        )

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
        """Weight factor of every term id (cached)."""
        if self._factors is None or len(self._factors) != len(self.vocab):
            self._factors = self.vocab.factors()
        return self._factors

    def _vector(self, field: FieldIndex, words: list[str]) -> dict[int, float]:
        """A query's normalised vector in one field."""
        weights = field.weights(self.factors())
        counts: dict[int, int] = {}
        unseen: dict[str, int] = {}
        for w in words:
            tid = self.vocab.ids.get(w)
            if tid is None:
                unseen[w] = unseen.get(w, 0) + 1
            else:
                counts[tid] = counts.get(tid, 0) + 1
        base = field.unseen_weight()
        extra = sum(
            (float(TF_WEIGHT[min(c, 255)]) * base * self.rules.factor(w)) ** 2
            for w, c in unseen.items()
        )
        return query_vector(counts, weights, extra)

    def _vectors(self, query: Query) -> tuple[dict[int, float], ...]:
        """The query's vectors for the text, heading and context fields."""
        context = [w for part in query.context for w in terms(part)]
        return (
            self._vector(self.text, terms(query.text)),
            self._vector(self.head, terms(query.heading)),
            self._vector(self.context, context) if context else {},
        )

    def _candidates(
        self, vectors: tuple[dict[int, float], ...], allowed: np.ndarray
    ) -> np.ndarray:
        """The items worth scoring exactly: best by a lower bound of the cosine part.

        The bound reads the postings of the query's rarer terms in the text and heading
        fields, and adds the context share of the items in the best-matching sections.
        """
        f = self.factors()
        rows: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        self.text.gather(vectors[0], f, _BUDGET, score.W_TEXT, rows, vals)
        self.head.gather(vectors[1], f, _BUDGET, score.W_HEAD, rows, vals)
        if vectors[2]:
            per_section = self.context.cosines(vectors[2], f, _BUDGET)
            best = np.flatnonzero(per_section)
            if len(best) > _SECTIONS:
                best = best[np.argpartition(-per_section[best], _SECTIONS - 1)[:_SECTIONS]]
            starts, ends = self.catalog.section_items(best)
            lengths = ends - starts
            total = int(lengths.sum())
            if total:
                idx = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                rows.append(idx + np.repeat(starts, lengths))
                vals.append(np.repeat(per_section[best] * score.W_CONTEXT, lengths))
        if rows:
            all_rows = np.concatenate(rows)
            bound = np.bincount(
                all_rows, np.concatenate(vals) * allowed[all_rows], minlength=len(allowed)
            )
            found = np.flatnonzero(bound)
        else:
            found = np.zeros(0, dtype=np.int64)
        if not len(found):
            return np.flatnonzero(allowed)[:_CANDIDATES]
        if len(found) > _CANDIDATES:
            found = found[np.argpartition(-bound[found], _CANDIDATES - 1)[:_CANDIDATES]]
        return np.sort(found)

    def _exact(self, vectors: tuple[dict[int, float], ...], rows: np.ndarray) -> np.ndarray:
        """The exact cosine part of the score of the given items."""
        f = self.factors()
        text = self.text.cosines_of(vectors[0], f, rows)
        head = self.head.cosines_of(vectors[1], f, rows)
        if vectors[2]:
            sections = self.catalog.array("item_section")[rows]
            unique, back = np.unique(sections, return_inverse=True)  # ascending
            context = self.context.cosines_of(vectors[2], f, unique)[back]
        else:
            context = np.zeros(len(rows), dtype=np.float32)
        return score.linear(text, head, context)

    def _allowed(
        self, year: int | None, issuer: str | None, exclude: str | Sequence[str] | None
    ) -> np.ndarray:
        """Mask of the items the filters let through."""
        cat = self.catalog
        key = (year, issuer, len(cat), len(cat.plans), cat.plan_alive.count(False))
        if self._allowed_cache is None or self._allowed_cache[0] != key:
            ok = np.array(
                [
                    alive
                    and (year is None or p.year == year)
                    and (not issuer or issuer in p.issuer or issuer in p.id)
                    for p, alive in zip(cat.plans, cat.plan_alive, strict=True)
                ],
                dtype=bool,
            )
            mask = ok[cat.array("item_plan")] if len(ok) else np.zeros(0, dtype=bool)
            self._allowed_cache = (key, mask)
        mask = self._allowed_cache[1]
        excluded = [exclude] if isinstance(exclude, str) else list(exclude or ())
        rows = [self._plan_rows[pid] for pid in excluded if pid in self._plan_rows]
        if rows:
            mask = mask.copy()
            for row in rows:
                first, end = cat.plan_items(row)
                mask[first:end] = False
        return mask

    def _rank(
        self, text: str, rows: np.ndarray, lin: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Add the rapidfuzz term to the given items and keep the best k."""
        openings = self.catalog.openings(rows)
        return _top(rows, score.final(lin, score.ratios(text, openings)), k)

    def _hit(self, row: int, value: float) -> Hit:
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
            section=cat.section_titles[cat.item_section[row]],
            item=cat.labels[row],
            item_id=cat.item_id(row),
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
    """The three fields' postings of the plans being added."""

    def __init__(self) -> None:
        self.text = SegmentBuilder()
        self.head = SegmentBuilder()
        self.context = SegmentBuilder()


def _top(rows: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (rows, scores), best first; ties go to the earlier row."""
    order = np.lexsort((rows, -scores))[:k]
    return rows[order], scores[order]
