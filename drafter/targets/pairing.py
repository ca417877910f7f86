"""Pair last year's targets with this year's, one to one, across the whole plan.

Every (base, draft) couple that could be the same commitment (same unit family, kinds that
may describe one thing) gets a score from the subjects' shared jieba terms and characters, the
clause and section they sit in, their place in the plan, the figure and the verb class. The
pairs are then chosen as a maximum-weight one-to-one assignment (exact within each group of
competing targets). A pair scoring below ``Weights.pair`` is only *possible*: shown to the
writer, never merged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from drafter import rx
from drafter.targets.lexicon import CONTRASTS, FLOW_GROUPS
from drafter.targets.model import (
    COVERAGE,
    DEADLINE,
    FLOW,
    FREQUENCY,
    LEVEL,
    STANDARD,
    STOCK,
    Target,
)
from drafter.targets.units import unit_family, unit_scale


@dataclass(frozen=True)
class Weights:
    """How much each clue counts, and where a pair becomes possible or sure.

    The figures are chosen on the tune part of the labelled cases in
    ``tests/fixtures/ledger`` (``python bench/bench_ledger.py --tune``) and reported on the
    test part, which they never saw.
    """

    subject: float = 0.5
    """Weight of the subjects' similarity (shared terms and characters)."""
    context: float = 0.1
    """Weight of the similarity of the clauses the targets sit in."""
    section: float = 0.1
    """Weight of the similarity of their section titles."""
    order: float = 0.1
    """Weight of how close their places in the plan are (0 = first, 1 = last)."""
    value: float = 0.05
    """Bonus when the figures are equal (in the unit family's base)."""
    verb_change: float = 0.1
    """Penalty when both have flow verbs of different classes (新增 → 改建)."""
    kind_change: float = 0.05
    """Penalty when the kinds differ but may describe one commitment (标准 ↔ 水平)."""
    min_subject: float = 0.5
    """Subjects less alike than this never pair, however alike their places."""
    pair: float = 0.65
    """Confidence from which a pair is sure."""
    possible: float = 0.35
    """Confidence from which a pair is shown as possible; below it there is no pair."""


WEIGHTS = Weights()

#: Kinds that may describe one commitment in two years' wording.
_LOOSE = ({STANDARD, LEVEL}, {COVERAGE, LEVEL}, {FLOW, LEVEL}, {STOCK, LEVEL})
#: The contrast groups, each side one pattern.
_CONTRASTS = tuple(tuple(rx.compile("|".join(side)) for side in group) for group in CONTRASTS)
#: Kinds that pair only with their own kind.
_STRICT = {DEADLINE, FREQUENCY}


@dataclass(frozen=True)
class Pair:
    """One chosen couple: indexes into the base and draft lists, how sure, and why."""

    base: int
    """Index of the base target."""
    draft: int
    """Index of the draft target."""
    confidence: float
    """0–1: how sure the pairing is."""
    why: tuple[str, ...]
    """The subjects' shared terms (or the shared subject when the terms are too short)."""


@dataclass(frozen=True)
class _Features:
    """What scoring needs from one target, computed once."""

    terms: dict[str, float]
    order: float


def verb_class(t: Target) -> str:
    """The class of a target's flow verb (新建/新增/建成 → 建); '' without a verb."""
    return FLOW_GROUPS.get(t.verb, t.verb) if t.verb else ""


def verbs_differ(a: Target, b: Target) -> bool:
    """True when both targets have flow verbs of different classes (新增 ≠ 改建)."""
    return bool(a.verb and b.verb) and verb_class(a) != verb_class(b)


def comparable(a: Target, b: Target) -> bool:
    """Whether two targets could be one commitment at all: unit family and kind agree."""
    if unit_family(a.unit) != unit_family(b.unit) or not (a.subject and b.subject):
        return False
    if a.kind == b.kind:
        return True
    if a.kind in _STRICT or b.kind in _STRICT:
        return False
    return any({a.kind, b.kind} <= group for group in _LOOSE)


@lru_cache(maxsize=65_536)
def subject_terms(subject: str) -> dict[str, float]:
    """The content terms of a subject with their weights (boilerplate discounted)."""
    from drafter.match.terms import rules, terms

    rule = rules()
    out: dict[str, float] = {}
    for term in terms(subject):
        out[term] = max(out.get(term, 0.0), rule.factor(term))
    return out


def subject_similarity(a: str, b: str, ta: dict[str, float] | None = None,
                       tb: dict[str, float] | None = None) -> tuple[float, tuple[str, ...]]:
    """How alike two subjects are (0–1) and the terms they share.

    Shared jieba terms count, but segmentation differs between near spellings (养老助餐点 is
    养老/助/餐点, 老年助餐点 is 老年助餐/点), so characters count more, and a shared head noun
    at the end (…助餐点) most: Chinese noun phrases end in what they name.
    """
    if a == b:
        return 1.0, (a,)
    ta = subject_terms(a) if ta is None else ta
    tb = subject_terms(b) if tb is None else tb
    shared = ta.keys() & tb.keys()
    total = sum(ta.values()) + sum(tb.values())
    dice = 2 * sum(min(ta[t], tb[t]) for t in shared) / total if total else 0.0
    chars = max(fuzz.ratio(a, b), 0.9 * fuzz.partial_ratio(a, b)) / 100
    if a in b or b in a:
        chars = max(chars, 0.9)
    head = _common_suffix(a, b)
    similarity = 0.3 * dice + 0.7 * chars + (0.15 * min(1.0, head / 3) if head >= 2 else 0.0)
    why = tuple(sorted(shared, key=lambda t: (-len(t), t)))
    # Drop terms inside a longer shared term (养老服务站 says what 服务站 would).
    why = tuple(t for t in why if not any(t != u and t in u for u in why))
    if not why:
        common = _longest_common(a, b)
        why = (common,) if len(common) >= 2 else ()
    return min(1.0, similarity), why


def contrasted(a: str, b: str) -> bool:
    """True when two subjects name different sides of a contrast (城市 / 农村, 低保 / 特困)."""
    for group in _CONTRASTS:
        sides_a = {n for n, side in enumerate(group) if side.search(a)}
        sides_b = {n for n, side in enumerate(group) if side.search(b)}
        if len(sides_a) == 1 and len(sides_b) == 1 and sides_a != sides_b:
            return True
    return False


def _common_suffix(a: str, b: str) -> int:
    """How many characters two strings share at their end."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _longest_common(a: str, b: str) -> str:
    """The longest run of characters two short strings share."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def score(a: Target, b: Target, fa: _Features, fb: _Features,
          w: Weights = WEIGHTS) -> tuple[float, tuple[str, ...]] | None:
    """The confidence (0–1) that ``a`` (last year) and ``b`` (this year) are one commitment."""
    if not comparable(a, b) or contrasted(a.subject, b.subject):
        return None
    subject, why = subject_similarity(a.subject, b.subject, fa.terms, fb.terms)
    if subject < w.min_subject:
        return None
    context = fuzz.ratio(a.text, b.text) / 100 if a.text and b.text else 0.0
    section = fuzz.ratio(a.section, b.section) / 100 if a.section or b.section else 1.0
    order = 1.0 - abs(fa.order - fb.order)
    value = a.value * unit_scale(a.unit) == b.value * unit_scale(b.unit)
    total = (w.subject * subject + w.context * context + w.section * section
             + w.order * order) / (w.subject + w.context + w.section + w.order)
    total += w.value if value else 0.0
    if verbs_differ(a, b):
        total -= w.verb_change
    if a.kind != b.kind:
        total -= w.kind_change
    return max(0.0, min(1.0, total)), why


def pair_score(a: Target, b: Target, w: Weights = WEIGHTS) -> float:
    """The confidence (0–1) for two targets taken alone, at the same place; 0 when they
    cannot be one commitment."""
    found = score(a, b, _Features(subject_terms(a.subject), 0.0),
                  _Features(subject_terms(b.subject), 0.0), w)
    return 0.0 if found is None else found[0]


def pair_targets(base: Sequence[Target], draft: Sequence[Target],
                 w: Weights = WEIGHTS) -> list[Pair]:
    """The one-to-one pairs of ``base`` and ``draft`` scoring at least ``w.possible``."""
    fb = _features(base)
    fd = _features(draft)
    edges: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
    for i, a in enumerate(base):
        for j, b in enumerate(draft):
            found = score(a, b, fb[i], fd[j], w)
            if found is not None and found[0] >= w.possible:
                edges[i, j] = found
    pairs = []
    # The assignment maximises the squared margins over the threshold, so that one sure pair
    # is never traded for two doubtful ones.
    gains = {ij: (((v[0] - w.possible) / (1 - w.possible)) ** 2, v[1])
             for ij, v in edges.items()}
    for rows, cols in _components(edges):
        for i, j in _assign(rows, cols, gains):
            confidence, why = edges[i, j]
            pairs.append(Pair(i, j, round(confidence, 3), why))
    return sorted(pairs, key=lambda p: p.draft)


def _features(targets: Sequence[Target]) -> list[_Features]:
    """Scoring features of each target."""
    n = max(len(targets) - 1, 1)
    return [_Features(subject_terms(t.subject), k / n) for k, t in enumerate(targets)]


def _components(edges: Mapping[tuple[int, int], object]) -> list[tuple[list[int], list[int]]]:
    """Groups of base and draft targets that compete for each other (connected by edges)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ra, rb = find(("b", i)), find(("d", j))
        if ra != rb:
            parent[ra] = rb
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        rows, cols = groups.setdefault(find(node), ([], []))
        (rows if node[0] == "b" else cols).append(node[1])
    return [(sorted(r), sorted(c)) for r, c in groups.values()]


#: Groups larger than this are assigned greedily (the exact method is cubic).
_EXACT_LIMIT = 40


def _assign(rows: list[int], cols: list[int],
            edges: dict[tuple[int, int], tuple[float, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """The maximum-weight one-to-one pairs within one group."""
    if len(rows) == 1 or len(cols) == 1:
        best = max(((i, j) for i in rows for j in cols if (i, j) in edges),
                   key=lambda ij: (edges[ij][0], -abs(ij[0] - ij[1])))
        return [best]
    if max(len(rows), len(cols)) > _EXACT_LIMIT:
        return _greedy(rows, cols, edges)
    return _hungarian(rows, cols, edges)


def _greedy(rows: list[int], cols: list[int],
            edges: dict[tuple[int, int], tuple[float, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Best-first pairs: the highest score first, each target used once."""
    order = sorted(((i, j) for i in rows for j in cols if (i, j) in edges),
                   key=lambda ij: (-edges[ij][0], abs(ij[0] - ij[1])))
    used_b: set[int] = set()
    used_d: set[int] = set()
    out = []
    for i, j in order:
        if i not in used_b and j not in used_d:
            used_b.add(i)
            used_d.add(j)
            out.append((i, j))
    return out


def _hungarian(rows: list[int], cols: list[int],
               edges: dict[tuple[int, int], tuple[float, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Exact maximum-weight assignment (Kuhn–Munkres with potentials) on a padded square."""
    n = max(len(rows), len(cols))
    # Cost = 1 - score for an edge; 1 (as good as no pair) otherwise. A tiny tie-breaker
    # prefers targets at similar places.
    cost = [[1.0] * n for _ in range(n)]
    for a, i in enumerate(rows):
        for b, j in enumerate(cols):
            if (i, j) in edges:
                cost[a][b] = 1.0 - edges[i, j][0] + 1e-6 * abs(i - j)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    p = [0] * (n + 1)
    way = [0] * (n + 1)
    for r in range(1, n + 1):
        p[0] = r
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = []
    for b in range(1, n + 1):
        a = p[b] - 1
        if a < len(rows) and b - 1 < len(cols) and (rows[a], cols[b - 1]) in edges:
            out.append((rows[a], cols[b - 1]))
    return out
