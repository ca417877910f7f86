"""Labelled evaluation of similar wording: topic labels, a split by plan, nP@5, baselines.

Labels (``bench/match_labels.toml``) give every item of every labelled plan its topics: the
seeds by hand, the fixture plans made from them (``tests/fixtures/real/``, the copies) by
aligning each item to its seed's. The split is by group, leave one out: each group in turn is
the test part and the other groups the tuning part; a seed and the copies made from it are one
group, always on the same side, and a query never searches plans of its own group. Only the
seeds are searched (one copy of each plan), so no query finds the same item several times.

- tuning part: each item of a tuning seed queries the other tuning seeds only, and the
  weights are chosen there, so the held-out group's labels never reach the search;
- test part: each item of the held-out seed queries the seeds of the other groups, ranked
  with the weights chosen without it; so does, reported apart, each item of the held-out
  group's copies (the same text after PDF, OFD, web, Word or traditional-script ingest). Each
  test figure pools every group's held-out queries.

Normalised precision at 5 (nP@5) of a query: among its top 5 hits, the share that share a
topic with it, where the share is taken of min(5, R) and R is the number of items sharing a
topic with it in the plans it searches; a query with R = 0 is not counted. The figure of a
part is the mean over its queries.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np

from drafter.errors import InputError
from drafter.ingest import read_plan
from drafter.ingest.simplify import to_simplified
from drafter.library.catalog import plan_with_id
from drafter.match import score
from drafter.match.engine import Filters, Matcher, make_query
from drafter.model import Plan

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LABELS = HERE / "match_labels.toml"


def _norm(text: str) -> str:
    """Text compared for label look-up and alignment: NFKC, simplified characters, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", to_simplified(text)))


@dataclass
class Labels:
    """Labelled plans and the split."""

    plans: list[Plan]
    """The plans searched: one copy of each labelled plan, with ids ``<group>/<file stem>``."""
    group: dict[str, str]
    """Plan id (of a plan or a copy) → group."""
    topics: dict[str, frozenset[str]]
    """Item id → its topics."""
    problems: list[str] = field(default_factory=list)
    """Labels that do not resolve to exactly one item, items without a label."""
    copies: list[Plan] = field(default_factory=list)
    """Plans made from a labelled plan (``same_as``): they only ask, they are never searched."""
    copy_of: dict[str, str] = field(default_factory=dict)
    """Copy id → id of the plan it was made from."""

    def groups(self) -> list[str]:
        """The groups, sorted."""
        return sorted(set(self.group.values()))

    def split(self, held_out: str) -> tuple[list[Plan], list[Plan]]:
        """(tuning plans, test plans) with one group held out."""
        tune = [p for p in self.plans if self.group[p.id] != held_out]
        test = [p for p in self.plans if self.group[p.id] == held_out]
        return tune, test

    def copies_in(self, group: str) -> list[Plan]:
        """The copies of a group's plans."""
        return [p for p in self.copies if self.group[p.id] == group]


_FLOOR = 90.0
"""Least similarity (rapidfuzz, 0–100) of a copy's item to the item of its plan it aligns to."""
_MARGIN = 10.0
"""An item of other topics this close to the best is a rival: the alignment is ambiguous."""


@dataclass(frozen=True)
class _Labelled:
    """A labelled plan's items: normalised texts and topics, in order."""

    id: str
    group: str
    texts: tuple[str, ...]
    topics: tuple[frozenset[str], ...]


def _texts(plan: Plan) -> list[tuple[str, str]]:
    """(item id, normalised text) of each item with text."""
    return [(it.id, _norm(it.text)) for _, _, _, it in plan.iter_items() if it.text.strip()]


def _align(text: str, seed: _Labelled) -> tuple[frozenset[str] | None, str]:
    """The topics of the seed item ``text`` is a copy of, or None and why not. Whole texts are
    compared first (rapidfuzz ``ratio``); when none is close, the shorter within the longer
    (``partial_ratio``), so an item cut short or joined to another still aligns."""
    from rapidfuzz import fuzz, process

    for scorer in (fuzz.ratio, fuzz.partial_ratio):
        scores = process.cdist([text], list(seed.texts), scorer=scorer)[0]
        best = int(np.argmax(scores))
        if scores[best] < _FLOOR:
            continue
        rivals = {
            "、".join(sorted(seed.topics[j])) for j in np.flatnonzero(scores >= scores[best] - _MARGIN)
            if seed.topics[j] != seed.topics[best]
        }
        if rivals:
            mine = "、".join(sorted(seed.topics[best]))
            return None, f"对应不明（{mine}，或{'，或'.join(sorted(rivals))}）"
        return seed.topics[best], ""
    return None, "在种子中找不到相同的条目"


def _closest(items: Sequence[str], seeds: dict[str, _Labelled]) -> str:
    """The labelled plan whose items are most like ``items``: the highest mean over the items
    of the best ``ratio``, or of the best ``partial_ratio`` when no plan's reaches the floor."""
    from rapidfuzz import fuzz, process

    for scorer in (fuzz.ratio, fuzz.partial_ratio):
        likeness = {name: float(process.cdist(items, list(seed.texts), scorer=scorer)
                                .max(axis=1).mean()) for name, seed in seeds.items()}
        best = max(likeness, key=lambda name: likeness[name])
        if likeness[best] >= _FLOOR:
            break
    return best


def load_labels(path: Path = LABELS) -> Labels:
    """The labels, each resolved to one item; what fails to resolve is in ``problems``.

    An entry with ``same_as`` (a labelled plan's file) is a copy of that plan: it joins its
    group, and each of its items takes the topics of the plan's item with the same text;
    its own ``[plan.items]`` label the items that do not align and override the rest."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(data["topics"])
    out = Labels([], {}, {})
    seeds: dict[str, _Labelled] = {}
    for entry in data["plan"]:
        file = ROOT / entry["file"]
        source = entry.get("same_as")
        seed = seeds.get(source) if source else None
        if source and seed is None:
            out.problems.append(f"{file.name}：same_as {source} 不是前面列出的种子")
            continue
        group = seed.group if seed else str(entry["group"])
        if seed and str(entry.get("group", group)) != group:
            out.problems.append(f"{file.name}：组 {entry['group']} 与种子的组 {group} 不同")
        try:
            plan = plan_with_id(read_plan(file), f"{group}/{file.stem}")
        except InputError as error:
            out.problems.append(f"{file.name}：{error}")
            continue
        if plan.id in out.group:
            out.problems.append(f"{file.name}：编号 {plan.id} 重复")
            continue
        (out.copies if seed else out.plans).append(plan)
        out.group[plan.id] = group
        items = _texts(plan)
        given = _given(entry.get("items", {}), items, known, file.name, out.problems)
        if seed:
            out.copy_of[plan.id] = seed.id
            if items and (closest := _closest([t for _, t in items], seeds)) != source:
                out.problems.append(f"{file.name}：更像 {closest}，而不是 same_as {source}")
            _align_rest(items, seed, given, file.name, out.problems)
        else:
            seeds[entry["file"]] = _Labelled(
                plan.id, group, tuple(t for _, t in items),
                tuple(given.get(iid, frozenset()) for iid, _ in items))
            out.problems.extend(f"{file.name}：{iid} 未标注" for iid, _ in items if iid not in given)
        out.topics.update(given)
    return out


def _align_rest(items: Sequence[tuple[str, str]], seed: _Labelled,
                given: dict[str, frozenset[str]], name: str, problems: list[str]) -> None:
    """Give each of a copy's items not labelled in ``given`` the topics of its seed item."""
    for iid, text in items:
        if iid not in given:
            topics, why = _align(text, seed)
            if topics is None:
                problems.append(f"{name}：{iid}“{text[:16]}…”{why}，须单独标注")
            else:
                given[iid] = topics


def _given(labels: dict[str, list[str]], items: Sequence[tuple[str, str]], known: set[str],
           name: str, problems: list[str]) -> dict[str, frozenset[str]]:
    """Item id → topics of an entry's ``[plan.items]``; each prefix must name one item once."""
    out: dict[str, frozenset[str]] = {}
    for prefix, names in labels.items():
        found = [iid for iid, text in items if text.startswith(_norm(prefix))]
        unknown = [n for n in names if n not in known]
        if unknown:
            problems.append(f"{name}：“{prefix}”的主题 {'、'.join(unknown)} 未在 [topics] 中列出")
        if len(found) != 1:
            problems.append(f"{name}：“{prefix}”对应 {len(found)} 条")
            continue
        if found[0] in out:
            problems.append(f"{name}：{found[0]} 标注了不止一次")
        out[found[0]] = frozenset(names)
    return out


# -- the measure -----------------------------------------------------------------------------

Ranker = Callable[[str, Sequence[str]], list[str]]
"""(query item id, plan ids it may search) → item ids, best first (at least 5)."""


@dataclass(frozen=True)
class Queries:
    """The queries of one part: each item, the plans it searches and its relevant count."""

    items: tuple[str, ...]
    searched: tuple[tuple[str, ...], ...]
    relevant: tuple[int, ...]


def queries_of(labels: Labels, own: Sequence[Plan], corpus: Sequence[Plan]) -> Queries:
    """The items of ``own`` as queries of the plans of ``corpus`` outside their group."""
    items, searched, relevant = [], [], []
    for plan in own:
        others = [p for p in corpus if labels.group[p.id] != labels.group[plan.id]]
        other_topics = [
            labels.topics.get(it.id, frozenset())
            for p in others for _, _, _, it in p.iter_items() if it.text.strip()
        ]
        for _, _, _, it in plan.iter_items():
            mine = labels.topics.get(it.id)
            if not mine:
                continue
            count = sum(bool(mine & t) for t in other_topics)
            if count:
                items.append(it.id)
                searched.append(tuple(p.id for p in others))
                relevant.append(count)
    return Queries(tuple(items), tuple(searched), tuple(relevant))


def npat5_each(labels: Labels, qs: Queries, ranked: Sequence[Sequence[str]]) -> list[float]:
    """Normalised precision at 5 of each query's ranked hits."""
    values = []
    for item, hits, rel in zip(qs.items, ranked, qs.relevant, strict=True):
        mine = labels.topics[item]
        right = sum(bool(mine & labels.topics.get(h, frozenset())) for h in hits[:5])
        values.append(right / min(5, rel))
    return values


def npat5(labels: Labels, qs: Queries, ranked: Sequence[Sequence[str]]) -> float:
    """Mean normalised precision at 5 of ranked hit lists, one per query."""
    values = npat5_each(labels, qs, ranked)
    return statistics.fmean(values) if values else math.nan


def run(qs: Queries, ranker: Ranker) -> list[list[str]]:
    """A ranker's hits for each query."""
    return [ranker(q, s) for q, s in zip(qs.items, qs.searched, strict=True)]


def evaluate(labels: Labels, qs: Queries, ranker: Ranker) -> float:
    """nP@5 of a ranker on a part's queries."""
    return npat5(labels, qs, run(qs, ranker))


# -- rankers -----------------------------------------------------------------------------------

@cache
def _items(labels_id: int, plans: tuple[Plan, ...]) -> dict[str, tuple[str, str, str, str]]:
    """Item id → (plan id, section title, heading, text)."""
    out = {}
    for p in plans:
        for _, _, section, it in p.iter_items():
            if it.text.strip():
                out[it.id] = (p.id, section.title, it.heading, it.text)
    return out


def ratio_ranker(labels: Labels) -> Ranker:
    """Baseline: rapidfuzz ``ratio`` of the whole item texts."""
    from rapidfuzz import fuzz

    items = _items(id(labels), (*labels.plans, *labels.copies))

    def rank(query: str, plans: Sequence[str]) -> list[str]:
        allowed = set(plans)
        text = items[query][3]
        pool = [(i, v[3]) for i, v in items.items() if v[0] in allowed]
        pool.sort(key=lambda iv: -fuzz.ratio(text, iv[1]))
        return [i for i, _ in pool[:5]]

    return rank


def tfidf_ranker(labels: Labels) -> Ranker:
    """Baseline: jieba (its own dictionary) TF-IDF cosine of section title, heading and text."""
    import jieba

    plain = jieba.Tokenizer()
    items = _items(id(labels), (*labels.plans, *labels.copies))
    word = re.compile(r"[\u4e00-\u9fffA-Za-z]")

    bags: dict[str, Counter[str]] = {}
    pools: dict[tuple[str, ...], tuple[list[str], Callable[[str], dict[str, float]]]] = {}

    def bag_of(key: str) -> Counter[str]:
        if key not in bags:
            _, section, heading, text = items[key]
            bags[key] = Counter(w for w in plain.lcut(f"{section}。{heading}。{text}")
                                if len(w) > 1 and word.search(w))
        return bags[key]

    def pool_of(plans: tuple[str, ...]) -> tuple[list[str], Callable[[str], dict[str, float]]]:
        """The items of ``plans`` and their weighted vectors (made once per set of plans)."""
        if plans in pools:
            return pools[plans]
        allowed = set(plans)
        pool = [i for i, v in items.items() if v[0] in allowed]
        df = Counter(w for i in pool for w in bag_of(i))
        n = len(pool)
        made: dict[str, dict[str, float]] = {}

        def vec(key: str) -> dict[str, float]:
            if key not in made:
                v = {w: (1 + math.log(c)) * math.log((n + 1) / (df.get(w, 0) + 0.5))
                     for w, c in bag_of(key).items()}
                norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
                made[key] = {w: x / norm for w, x in v.items()}
            return made[key]

        pools[plans] = (pool, vec)
        return pools[plans]

    def rank(query: str, plans: Sequence[str]) -> list[str]:
        pool, vec = pool_of(tuple(sorted(plans)))
        q = vec(query)
        scored = sorted(pool, key=lambda i: -sum(q.get(w, 0.0) * x for w, x in vec(i).items()))
        return scored[:5]

    return rank


def matcher_ranker(labels: Labels, plans: Sequence[Plan], **options: object) -> Ranker:
    """drafter's matcher over ``plans`` (``options`` go to :class:`Matcher`); a copy's item
    asks what the app would ask of it (its text, heading, section and sibling headings)."""
    matcher = Matcher.from_plans(plans, **options)  # type: ignore[arg-type]
    asking = _copies_matcher(id(labels), tuple(labels.copies))
    copies = {p.id for p in labels.copies}

    def rank(query: str, searched: Sequence[str]) -> list[str]:
        allowed = set(searched)
        exclude = [p.id for p in plans if p.id not in allowed]
        spec = (asking if query.rpartition("#")[0] in copies else matcher).query_of(query)
        spec["exclude_plan"] = exclude
        return [h.item_id for h in matcher.similar(**spec, k=5)]

    return rank


@cache
def _copies_matcher(labels_id: int, copies: tuple[Plan, ...]) -> Matcher:
    """A matcher over the copies, only to make their items' queries as the app does."""
    return Matcher.from_plans(copies)


# -- the weight search -------------------------------------------------------------------------

_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8)
"""Values each part weight may take in the search."""
_CONSTANTS = {"k1": (1.2,), "b": (0.75,), "common": (1e9,)}
"""Values of the term constants the search tries. common 1e9: no discount beyond inverse
document frequency (a further discount, common 0.5, lowered the test figure; see
``bench_match.py --ablations``)."""


@dataclass
class Precomputed:
    """Every tuning query's score parts over every item it may find (for a fast search)."""

    rows: list[np.ndarray]
    """Per query: the catalogue rows it may find."""
    parts: list[np.ndarray]
    """Per query: their score parts, the feedback part left at 0."""
    cosines: np.ndarray
    """Text cosine of every catalogue row with every other (what feedback is made of)."""
    ids: list[str]
    """Item id of every catalogue row."""


def precompute(labels: Labels, qs: Queries, plans: Sequence[Plan], options: dict,
               weights: score.Weights) -> Precomputed:
    """Score parts of each query against each item of its searched plans (exhaustively)."""
    matcher = Matcher.from_plans(plans, weights=replace(weights, feedback=0.0), **options)
    cat = matcher.catalog
    everything = np.arange(len(cat))
    f = matcher.factors()
    cosines = np.stack([
        matcher.text.scores_of(matcher.text.row_query(int(r), f), everything, factors=f)
        for r in everything
    ]).astype(np.float64)
    out = Precomputed([], [], cosines, [cat.item_id(int(r)) for r in everything])
    for item, searched in zip(qs.items, qs.searched, strict=True):
        allowed = set(searched)
        spec = matcher.query_of(item)
        query = make_query(spec["text"], spec["heading"], spec["section"], spec["siblings"])
        exclude = [p.id for p in plans if p.id not in allowed]
        rows, parts = matcher.score_parts(query, Filters(), exclude, exhaustive=True)
        out.rows.append(rows)
        out.parts.append(parts.astype(np.float64))
    return out


_FB = score.FIELDS.index("feedback")


def _npat5_pre(labels: Labels, qs: Queries, pre: Precomputed, w: np.ndarray) -> float:
    """nP@5 of weights ``w`` on precomputed parts, feedback as the matcher makes it."""
    ranked = []
    for rows, parts in zip(pre.rows, pre.parts, strict=True):
        first = parts @ w
        if w[_FB] > 0:
            order = np.lexsort((rows, -first))[: score.FEEDBACK]
            sure = first[order].mean() / max(w.sum() - w[_FB], 1e-12)
            first = first + w[_FB] * sure * pre.cosines[rows[order]][:, rows].mean(axis=0)
        top = np.lexsort((rows, -first))[:5]
        ranked.append([pre.ids[int(rows[i])] for i in top])
    return npat5(labels, qs, ranked)


def _ascend(labels: Labels, qs: Queries, pre: Precomputed, start: np.ndarray,
            free: Sequence[int]) -> tuple[float, np.ndarray]:
    """Coordinate ascent over :data:`_GRID` for the weights at positions ``free``."""
    w = start.copy()
    best = _npat5_pre(labels, qs, pre, w)
    for _ in range(4):
        improved = False
        for j in free:
            for value in _GRID:
                trial = w.copy()
                trial[j] = value
                if not trial.sum():
                    continue
                got = _npat5_pre(labels, qs, pre, trial)
                if got > best + 1e-9:
                    best, w, improved = got, trial, True
        if not improved:
            break
    return best, w


def tune(labels: Labels, options: dict, parts: Iterable[str] = score.TUNED,
         progress: Callable[[str], None] | None = None,
         plans: Sequence[Plan] | None = None,
         constants: dict[str, tuple[float, ...]] | None = None) -> tuple[float, score.Weights]:
    """The weights with the best nP@5 when the items of ``plans`` (default: all labelled
    plans) query each other's; no other plan's labels are read."""
    plans = list(plans) if plans is not None else labels.plans
    qs = queries_of(labels, plans, plans)
    free = [score.FIELDS.index(p) for p in parts]
    best: tuple[float, score.Weights] = (-1.0, score.WEIGHTS)
    grid = {**_CONSTANTS, **(constants or {})}
    for k1, b, common in itertools.product(grid["k1"], grid["b"], grid["common"]):
        constants = replace(score.WEIGHTS, k1=k1, b=b, common=common)
        pre = precompute(labels, qs, plans, options, constants)
        start = np.array([constants.vector()[j] if j in free else 0.0
                          for j in range(len(score.FIELDS))])
        got, w = _ascend(labels, qs, pre, start, free)
        if progress:
            progress(f"k1={k1} b={b} common={common}: {got:.3f}")
        if got > best[0]:
            w = w / w.sum()
            best = (got, replace(constants, **{n: round(float(v), 4)
                                               for n, v in zip(score.FIELDS, w, strict=True)}))
    return best


# -- leave one group out ---------------------------------------------------------------------

@dataclass
class Report:
    """nP@5 on the tuning and test parts, for drafter and the baselines."""

    tune: dict[str, float]
    """Mean over the folds of each ranker's nP@5 on the fold's tuning part."""
    test: dict[str, float]
    """Each ranker's nP@5 over all held-out seed queries (every group once)."""
    queries: int
    """Held-out seed queries (items with something to find)."""
    folds: list[tuple[str, float, float, score.Weights]]
    """Per held-out group: tuning and test nP@5 of drafter and the weights chosen."""
    copies: dict[str, float] = field(default_factory=dict)
    """Each ranker's nP@5 over all held-out copies' queries (every group once)."""
    copy_queries: int = 0
    """Held-out queries from copies."""
    by_plan: dict[str, dict[str, float]] = field(default_factory=dict)
    """Plan or copy id → each ranker's nP@5 on its items as held-out queries."""


def cross_validate(labels: Labels, options: dict | None = None,
                   parts: Iterable[str] = score.TUNED,
                   constants: dict[str, tuple[float, ...]] | None = None,
                   baselines: bool = True,
                   progress: Callable[[str], None] | None = None) -> Report:
    """Leave each group out in turn: tune on the rest's seeds, test on its seed and, apart, on
    its copies; baselines on the same queries. ``options`` go to :class:`Matcher`, ``parts``
    are the parts the search may weigh (the others stay at 0), ``constants`` narrow the
    constants tried."""
    options = options or {}
    parts = tuple(parts)
    rankers: dict[str, Ranker] = {}
    if baselines:
        rankers = {"ratio": ratio_ranker(labels), "tfidf": tfidf_ranker(labels)}
    names = ["drafter", *rankers]
    tune_scores: dict[str, list[float]] = {n: [] for n in names}
    test_values: dict[str, list[float]] = {n: [] for n in names}
    copy_values: dict[str, list[float]] = {n: [] for n in names}
    by_plan: dict[str, dict[str, list[float]]] = {}
    folds = []
    for group in labels.groups():
        tuning, held = labels.split(group)
        got, weights = tune(labels, options, parts, plans=tuning, constants=constants)
        tq = queries_of(labels, tuning, tuning)
        hq = queries_of(labels, held, labels.plans)
        cq = queries_of(labels, labels.copies_in(group), labels.plans)
        drafter = matcher_ranker(labels, labels.plans, weights=weights, **options)
        tune_scores["drafter"].append(got)
        fold: dict[tuple[str, str], list[float]] = {}
        for name, ranker in {"drafter": drafter, **rankers}.items():
            if name != "drafter":
                tune_scores[name].append(evaluate(labels, tq, ranker))
            for part, qs in (("test", hq), ("copies", cq)):
                fold[name, part] = npat5_each(labels, qs, run(qs, ranker))
                for item, value in zip(qs.items, fold[name, part], strict=True):
                    plan = item.rpartition("#")[0]
                    by_plan.setdefault(plan, {}).setdefault(name, []).append(value)
            test_values[name].extend(fold[name, "test"])
            copy_values[name].extend(fold[name, "copies"])
        held_score, copied = _mean(fold["drafter", "test"]), fold["drafter", "copies"]
        folds.append((group, got, held_score, weights))
        if progress:
            progress(f"留出 {group}：调参 {got:.3f}，测试 {held_score:.3f}，"
                     f"副本 {_mean(copied):.3f}（{len(copied)} 条）")
    return Report(
        tune={n: _mean(v) for n, v in tune_scores.items()},
        test={n: _mean(v) for n, v in test_values.items()},
        queries=len(test_values["drafter"]),
        folds=folds,
        copies={n: _mean(v) for n, v in copy_values.items()},
        copy_queries=len(copy_values["drafter"]),
        by_plan={p: {n: _mean(v) for n, v in each.items()} for p, each in by_plan.items()},
    )


def _mean(values: Sequence[float]) -> float:
    """The mean, NaN when there are no values."""
    return statistics.fmean(values) if values else math.nan
