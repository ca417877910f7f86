"""Inverted index of weighted terms: BM25 and cosine scores of a query with many rows at once.

Each field (an item's text, its heading, its section's title, the context of its section)
keeps its rows in segments; a segment holds both directions: postings ``term → (rows, tf)`` to
find candidates, and each row's own ``(terms, tf)`` to score chosen candidates exactly. A new
import adds a segment instead of rebuilding; :meth:`FieldIndex.compact` merges segments and
drops removed rows. Weights are not stored: they follow from document frequencies at query
time, so adding plans never leaves stale weights behind.

Item fields are scored with BM25 (term frequency saturates, long items are not favoured),
normalised by the query's own weight so that a score is the weighted share of the query's
terms an item has (0..1). Section fields, a few words each, use TF-IDF cosines.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from drafter.match.terms import TermRules

#: sublinear term frequency: 1 + ln(tf), for tf stored as 0..255.
TF_WEIGHT = np.concatenate(([0.0], 1.0 + np.log(np.arange(1, 256)))).astype(np.float32)


class Vocabulary:
    """Term ↔ id."""

    def __init__(self, rules: TermRules, terms: Sequence[str] = ()) -> None:
        self.rules = rules
        self.terms: list[str] = list(terms)
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.terms)}

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, term: str) -> int:
        """The id of a term, adding it when new."""
        tid = self.ids.get(term)
        if tid is None:
            tid = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return tid


class SegmentBuilder:
    """Rows being added, gathered in compact arrays before they become a segment."""

    def __init__(self) -> None:
        self.terms = array("i")
        self.tfs = array("B")
        self.ptr = array("q", [0])

    @property
    def count(self) -> int:
        """Rows gathered so far."""
        return len(self.ptr) - 1

    def add(self, counts: Mapping[int, int]) -> None:
        """Add the next row's term counts."""
        self.terms.extend(counts.keys())
        self.tfs.extend(min(v, 255) for v in counts.values())
        self.ptr.append(len(self.terms))


@dataclass
class Segment:
    """Rows ``start .. start + count - 1`` of a field, indexed both ways."""

    start: int
    """The first row."""
    indptr: np.ndarray
    """Postings offsets by term id (int64, one more than the terms known at build)."""
    rows: np.ndarray
    """Postings rows (int32, ascending within a term)."""
    tfs: np.ndarray
    """Postings term frequencies (uint8)."""
    fptr: np.ndarray
    """Offsets of each row's terms (int64, count + 1)."""
    fterms: np.ndarray
    """Each row's term ids (int32)."""
    ftfs: np.ndarray
    """Each row's term frequencies (uint8)."""
    lens: np.ndarray
    """Each row's length: the sum of its term frequencies (float32)."""

    @property
    def count(self) -> int:
        """Rows in the segment."""
        return len(self.fptr) - 1

    @classmethod
    def build(
        cls, start: int, fptr: np.ndarray, fterms: np.ndarray, ftfs: np.ndarray, vocab: int
    ) -> Segment:
        """A segment from rows' term lists; the postings are derived by sorting on term."""
        lengths = np.diff(fptr)
        owner = np.repeat(np.arange(len(lengths)), lengths)
        rows = (owner + start).astype(np.int32)
        order = np.argsort(fterms, kind="stable")
        counts = np.bincount(fterms, minlength=vocab)
        indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        lens = np.bincount(owner, weights=ftfs, minlength=len(lengths)).astype(np.float32)
        return cls(start, indptr, rows[order], ftfs[order], fptr, fterms, ftfs, lens)

    def arrays(self) -> tuple[np.ndarray, ...]:
        """All arrays, in the order :meth:`from_arrays` expects after ``start``."""
        return (self.indptr, self.rows, self.tfs, self.fptr, self.fterms, self.ftfs, self.lens)


_SEGMENT_PARTS = ("indptr", "rows", "tfs", "fptr", "fterms", "ftfs", "lens")


@dataclass(frozen=True)
class Bm25:
    """BM25's two constants."""

    k1: float
    """Term-frequency saturation: a term's score approaches its limit after about k1 uses."""
    b: float
    """Length normalisation: 0 ignores an item's length, 1 scales fully by it."""


class FieldIndex:
    """One field over rows 0..n-1 (items, or sections for the section fields)."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.df = np.zeros(0, dtype=np.int64)
        self.rows = 0
        self._norms: np.ndarray | None = None
        self._inverse: tuple[np.ndarray, np.ndarray] | None = None
        self._weights: tuple[object, np.ndarray] | None = None
        self._lens: np.ndarray | None = None
        self._average: float | None = None

    def add_segment(self, builder: SegmentBuilder, vocab_size: int) -> None:
        """Append the builder's rows after the existing ones as one new segment."""
        if not builder.count:
            return
        segment = Segment.build(
            self.rows,
            np.frombuffer(builder.ptr, dtype=np.int64).copy(),
            np.frombuffer(builder.terms, dtype=np.int32).copy(),
            np.frombuffer(builder.tfs, dtype=np.uint8).copy(),
            vocab_size,
        )
        self._attach(segment, vocab_size)

    def _attach(self, segment: Segment, vocab_size: int) -> None:
        """Add a built segment and its document frequencies."""
        self.segments.append(segment)
        counts = np.diff(segment.indptr)
        size = max(vocab_size, len(counts), len(self.df))
        if len(self.df) < size:
            self.df = np.concatenate((self.df, np.zeros(size - len(self.df), dtype=np.int64)))
        self.df[: len(counts)] += counts
        self.rows = max(self.rows, segment.start + segment.count)
        self.forget()

    def forget(self, norms: np.ndarray | None = None) -> None:
        """Drop the cached weights and norms (``norms``: known norms to keep instead)."""
        self._norms = norms
        self._weights = self._lens = self._average = None
        self._inverse = None

    # -- weights ------------------------------------------------------------------------------

    def weights(self, factors: np.ndarray) -> np.ndarray:
        """Inverse document frequency times the term's factor, for every term id."""
        if self._weights is None or self._weights[0] is not factors:
            df = np.zeros(len(factors), dtype=np.float64)
            n = min(len(factors), len(self.df))
            df[:n] = self.df[:n]
            self._weights = (factors, np.log((self.rows + 1.0) / (df + 0.5)) * factors)
        return self._weights[1]

    def unseen_weight(self) -> float:
        """The weight of a term no row has (it still counts in a query's length)."""
        return math.log((self.rows + 1.0) / 0.5)

    def lengths(self) -> np.ndarray:
        """Every row's length (sum of term frequencies)."""
        if self._lens is None:
            lens = np.zeros(self.rows, dtype=np.float32)
            for seg in self.segments:
                lens[seg.start : seg.start + seg.count] = seg.lens
            self._lens = lens
        return self._lens

    def norms(self, factors: np.ndarray) -> np.ndarray:
        """Euclidean length of every row's TF-IDF vector (1 for empty rows)."""
        if self._norms is None:
            w = self.weights(factors).astype(np.float32)
            sq = np.zeros(self.rows, dtype=np.float64)
            for seg in self.segments:
                contrib = (TF_WEIGHT[seg.ftfs] * w[seg.fterms]) ** 2
                rows = np.repeat(np.arange(seg.count), np.diff(seg.fptr))
                sq[seg.start : seg.start + seg.count] += np.bincount(
                    rows, weights=contrib, minlength=seg.count
                )
            norms = np.sqrt(sq)
            norms[norms == 0] = 1.0
            self._norms = norms.astype(np.float32)
        return self._norms

    def inverse_norms(self, factors: np.ndarray) -> np.ndarray:
        """1 / norm of every row (cached with the norms)."""
        norms = self.norms(factors)
        if self._inverse is None or self._inverse[0] is not norms:
            self._inverse = (norms, np.reciprocal(norms))
        return self._inverse[1]

    def row_query(self, row: int, factors: np.ndarray) -> dict[int, float]:
        """A row's own text as a cosine query (see :func:`cosine_query`): the cosine of two
        rows is :meth:`scores_of` of one's query on the other."""
        w = self.weights(factors)
        for seg in self.segments:
            if seg.start <= row < seg.start + seg.count:
                a, b = seg.fptr[row - seg.start], seg.fptr[row - seg.start + 1]
                ids = seg.fterms[a:b]
                vals = TF_WEIGHT[seg.ftfs[a:b]] * w[ids] * w[ids] / self.norms(factors)[row]
                return {int(t): float(v) for t, v in zip(ids.tolist(), vals.tolist(), strict=True)}
        return {}

    # -- scoring ------------------------------------------------------------------------------

    def _saturation(self, bm25: Bm25) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """tf, row → BM25's saturated term frequency over k1 + 1 (0..1)."""
        lens = self.lengths()
        avg = self._average if self._average is not None else float(lens.mean() or 1.0)
        self._average = avg
        scale = np.float32(bm25.k1 / max(avg, 1e-9))
        base = np.float32(bm25.k1 * (1.0 - bm25.b))
        slope = scale * np.float32(bm25.b)

        def saturate(tf: np.ndarray, rows: np.ndarray) -> np.ndarray:
            tf = tf.astype(np.float32)
            return tf / (tf + base + slope * lens[rows])

        return saturate

    def gather(
        self,
        query: Mapping[int, float],
        budget: int | None,
        scale: float,
        rows_out: list[np.ndarray],
        vals_out: list[np.ndarray],
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> None:
        """Append each posting's share of the score (times ``scale``) to the two lists.

        ``query`` maps term ids to their normalised weight (see :func:`bm25_query` and
        :func:`cosine_query`). Terms are read heaviest first; with a ``budget``, reading stops
        once that many postings were read, leaving out common words that are each worth
        little. Summing the shares by row gives the scores (a lower bound of them when words
        were left out). Without ``bm25`` the shares are cosine shares (``factors`` needed).
        """
        if bm25 is not None:
            saturate = self._saturation(bm25)
        else:
            assert factors is not None
            inverse = self.inverse_norms(factors)
        read = 0
        for tid in sorted(query, key=lambda t: -query[t]):
            if budget is not None and read >= budget:
                break
            factor = np.float32(query[tid] * scale)
            for seg in self.segments:
                if tid + 1 >= len(seg.indptr):
                    continue
                a, b = seg.indptr[tid], seg.indptr[tid + 1]
                if a == b:
                    continue
                rows = seg.rows[a:b]
                rows_out.append(rows)
                if bm25 is not None:
                    vals_out.append(saturate(seg.tfs[a:b], rows) * factor)
                else:
                    vals_out.append(TF_WEIGHT[seg.tfs[a:b]] * inverse[rows] * factor)
                read += int(b - a)

    def scores(
        self,
        query: Mapping[int, float],
        budget: int | None = None,
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """The score of every row with a query (see :meth:`gather`)."""
        rows: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        self.gather(query, budget, 1.0, rows, vals, bm25=bm25, factors=factors)
        if not rows:
            return np.zeros(self.rows, dtype=np.float64)
        return np.bincount(np.concatenate(rows), np.concatenate(vals), minlength=self.rows)

    def entries(self, rows: np.ndarray) -> list[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]]:
        """The term entries of the given rows (ascending), per segment: (lo, hi, owner, terms,
        tfs) with ``owner`` the position in ``rows`` of each entry. Read once, scored with
        several queries by :meth:`scores_from`."""
        out = []
        for seg in self.segments:
            lo, hi = np.searchsorted(rows, (seg.start, seg.start + seg.count))
            if lo == hi:
                continue
            local = rows[lo:hi] - seg.start
            starts = seg.fptr[local]
            lengths = seg.fptr[local + 1] - starts
            total = int(lengths.sum())
            if not total:
                continue
            owner = np.repeat(np.arange(lo, hi), lengths)
            idx = np.arange(total, dtype=np.int64)
            idx += np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
            out.append((int(lo), int(hi), owner, seg.fterms[idx], seg.ftfs[idx]))
        return out

    def scores_from(
        self,
        entries: list[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]],
        rows: np.ndarray,
        query: Mapping[int, float],
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Exact scores of ``rows`` with a query, from their :meth:`entries`."""
        size = max((len(seg.indptr) - 1 for seg in self.segments), default=0)
        size = max(size, max(query, default=-1) + 1)
        dense = np.zeros(size, dtype=np.float32)
        for tid, qw in query.items():
            dense[tid] = qw
        saturate = self._saturation(bm25) if bm25 is not None else None
        out = np.zeros(len(rows), dtype=np.float32)
        for lo, hi, owner, terms, tfs in entries:
            if saturate is not None:
                vals = dense[terms] * saturate(tfs, rows[owner])
            else:
                vals = dense[terms] * TF_WEIGHT[tfs]
            out[lo:hi] = np.bincount(owner - lo, weights=vals, minlength=hi - lo)
        if saturate is None:
            assert factors is not None
            out /= self.norms(factors)[rows]
        return out

    def scores_of(
        self,
        query: Mapping[int, float],
        rows: np.ndarray,
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Exact scores of the given rows (ascending) only, read from their own term lists."""
        return self.scores_from(self.entries(rows), rows, query, bm25=bm25, factors=factors)

    # -- maintenance --------------------------------------------------------------------------

    def nbytes(self) -> int:
        """Memory held by the field's arrays."""
        return sum(a.nbytes for s in self.segments for a in s.arrays())

    def compact(self, keep: np.ndarray, vocab_size: int) -> None:
        """Merge all segments into one, keeping only rows where ``keep`` is true (renumbered)."""
        fterms, ftfs, lengths = [], [], []
        for seg in self.segments:
            seg_keep = np.asarray(keep[seg.start : seg.start + seg.count])
            seg_lengths = np.diff(seg.fptr)
            entry_keep = np.repeat(seg_keep, seg_lengths)
            fterms.append(seg.fterms[entry_keep])
            ftfs.append(seg.ftfs[entry_keep])
            lengths.append(seg_lengths[seg_keep])
        self.segments = []
        self.df = np.zeros(0, dtype=np.int64)
        self.rows = 0
        self.forget()
        if not lengths:
            return
        all_lengths = np.concatenate(lengths)
        fptr = np.zeros(len(all_lengths) + 1, dtype=np.int64)
        np.cumsum(all_lengths, out=fptr[1:])
        segment = Segment.build(
            0, fptr, np.concatenate(fterms).astype(np.int32), np.concatenate(ftfs), vocab_size
        )
        self._attach(segment, vocab_size)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The segments as named arrays."""
        out: dict[str, np.ndarray] = {}
        for k, seg in enumerate(self.segments):
            out[f"{prefix}.{k}.start"] = np.array([seg.start], dtype=np.int64)
            for name, values in zip(_SEGMENT_PARTS, seg.arrays(), strict=True):
                out[f"{prefix}.{k}.{name}"] = values
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str, vocab: int) -> FieldIndex:
        """The field as saved by :meth:`to_arrays`."""
        field = cls()
        k = 0
        while f"{prefix}.{k}.start" in arrays:
            parts = [arrays[f"{prefix}.{k}.{name}"] for name in _SEGMENT_PARTS]
            start = int(arrays[f"{prefix}.{k}.start"][0])
            field._attach(Segment(start, *parts), vocab)
            k += 1
        return field


def _counts(ids: Sequence[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for t in ids:
        counts[t] = counts.get(t, 0) + 1
    return counts


def bm25_query(
    ids: Sequence[int], unseen: Sequence[float], weights: np.ndarray
) -> dict[int, float]:
    """A query's BM25 weights by term id, normalised to sum to 1.

    ``ids`` are the query's known term ids (repeats kept), ``unseen`` the weights of its terms
    the field lacks: they count in the total, so a query of unknown words scores low.
    """
    vec = {t: float(TF_WEIGHT[min(c, 255)]) * float(weights[t]) for t, c in _counts(ids).items()}
    total = sum(vec.values()) + sum(unseen)
    if total <= 0:
        return {}
    return {t: v / total for t, v in vec.items() if v > 0}


def cosine_query(
    ids: Sequence[int], unseen: Sequence[float], weights: np.ndarray
) -> dict[int, float]:
    """A query's TF-IDF weights by term id, normalised to unit length (cosine scoring)."""
    vec = {t: float(TF_WEIGHT[min(c, 255)]) * float(weights[t]) for t, c in _counts(ids).items()}
    sq = sum(v * v for v in vec.values()) + sum(u * u for u in unseen)
    if sq <= 0:
        return {}
    norm = math.sqrt(sq)
    return {t: v * float(weights[t]) / norm for t, v in vec.items() if v}
