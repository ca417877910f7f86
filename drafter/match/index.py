"""Inverted index of weighted terms: TF-IDF cosines of a query with every row at once.

Each field (an item's text, its heading, the context of its section) keeps its rows in
segments; a segment holds both directions: postings ``term → (rows, tf)`` to find candidates,
and each row's own ``(terms, tf)`` to score chosen candidates exactly. A new import adds a
segment instead of rebuilding; :meth:`FieldIndex.compact` merges segments and drops removed
rows. Weights are not stored: they follow from document frequencies at query time, so adding
plans never leaves stale weights behind.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from drafter.match.terms import TermRules

#: sublinear term frequency: 1 + ln(tf), for tf stored as 0..255.
TF_WEIGHT = np.concatenate(([0.0], 1.0 + np.log(np.arange(1, 256)))).astype(np.float32)


class Vocabulary:
    """Term ↔ id, with each term's weight factor (boilerplate discount)."""

    def __init__(self, rules: TermRules, terms: Sequence[str] = ()) -> None:
        self.rules = rules
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self._factors: list[float] = []
        for term in terms:
            self.add(term)

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, term: str) -> int:
        """The id of a term, adding it when new."""
        tid = self.ids.get(term)
        if tid is None:
            tid = self.ids[term] = len(self.terms)
            self.terms.append(term)
            self._factors.append(self.rules.factor(term))
        return tid

    def factors(self) -> np.ndarray:
        """Weight factor of every term id."""
        return np.asarray(self._factors, dtype=np.float64)


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
        rows = np.repeat(np.arange(start, start + len(lengths), dtype=np.int32), lengths)
        order = np.argsort(fterms, kind="stable")
        counts = np.bincount(fterms, minlength=vocab)
        indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(start, indptr, rows[order], ftfs[order], fptr, fterms, ftfs)

    def arrays(self) -> tuple[np.ndarray, ...]:
        """All arrays, in the order :meth:`from_arrays` expects after ``start``."""
        return (self.indptr, self.rows, self.tfs, self.fptr, self.fterms, self.ftfs)


_SEGMENT_PARTS = ("indptr", "rows", "tfs", "fptr", "fterms", "ftfs")


class FieldIndex:
    """One field over rows 0..n-1 (items, or sections for the context field)."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.df = np.zeros(0, dtype=np.int64)
        self.rows = 0
        self._norms: np.ndarray | None = None
        self._inverse: tuple[np.ndarray, np.ndarray] | None = None
        self._weights: np.ndarray | None = None

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
        self._norms = self._weights = None

    # -- weights ------------------------------------------------------------------------------

    def weights(self, factors: np.ndarray) -> np.ndarray:
        """Inverse document frequency times the term's factor, for every term id."""
        if self._weights is None or len(self._weights) != len(factors):
            df = np.zeros(len(factors), dtype=np.float64)
            n = min(len(factors), len(self.df))
            df[:n] = self.df[:n]
            self._weights = np.log((self.rows + 1.0) / (df + 0.5)) * factors
        return self._weights

    def unseen_weight(self) -> float:
        """The weight of a term no row has (it still counts in a query's length)."""
        return math.log((self.rows + 1.0) / 0.5)

    def norms(self, factors: np.ndarray) -> np.ndarray:
        """Euclidean length of every row's weighted vector (1 for empty rows)."""
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

    # -- scoring ------------------------------------------------------------------------------

    def inverse_norms(self, factors: np.ndarray) -> np.ndarray:
        """1 / norm of every row (cached with the norms)."""
        norms = self.norms(factors)
        if self._inverse is None or self._inverse[0] is not norms:
            self._inverse = (norms, np.reciprocal(norms))
        return self._inverse[1]

    def gather(
        self,
        query: Mapping[int, float],
        factors: np.ndarray,
        budget: int | None,
        scale: float,
        rows_out: list[np.ndarray],
        vals_out: list[np.ndarray],
    ) -> None:
        """Append each posting's share of the cosine (times ``scale``) to the two lists.

        Terms are read in order of their weight; with a ``budget``, reading stops once that
        many postings were read, leaving out common words that are each worth little. Summing
        the shares by row gives the cosines (a lower bound of them when words were left out).
        """
        w = self.weights(factors)
        inverse = self.inverse_norms(factors)
        read = 0
        for tid in sorted(query, key=lambda t: -query[t] * w[t]):
            if budget is not None and read >= budget:
                break
            factor = np.float32(query[tid] * w[tid] * scale)
            for seg in self.segments:
                if tid + 1 >= len(seg.indptr):
                    continue
                a, b = seg.indptr[tid], seg.indptr[tid + 1]
                if a == b:
                    continue
                rows = seg.rows[a:b]
                rows_out.append(rows)
                vals_out.append(TF_WEIGHT[seg.tfs[a:b]] * inverse[rows] * factor)
                read += int(b - a)

    def cosines(
        self, query: Mapping[int, float], factors: np.ndarray, budget: int | None = None
    ) -> np.ndarray:
        """Cosine of every row with a query (term id → normalised query weight)."""
        rows: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        self.gather(query, factors, budget, 1.0, rows, vals)
        if not rows:
            return np.zeros(self.rows, dtype=np.float64)
        return np.bincount(np.concatenate(rows), np.concatenate(vals), minlength=self.rows)

    def cosines_of(
        self, query: Mapping[int, float], factors: np.ndarray, rows: np.ndarray
    ) -> np.ndarray:
        """Exact cosines of the given rows (ascending) only, read from their own term lists."""
        w = self.weights(factors)
        dense = np.zeros(len(w), dtype=np.float32)
        for tid, qw in query.items():
            dense[tid] = qw * w[tid]
        out = np.zeros(len(rows), dtype=np.float32)
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
            owner = np.repeat(np.arange(len(local)), lengths)
            idx = np.arange(total, dtype=np.int64)
            idx += np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
            vals = dense[seg.fterms[idx]] * TF_WEIGHT[seg.ftfs[idx]]
            out[lo:hi] = np.bincount(owner, weights=vals, minlength=len(local))
        return out / self.norms(factors)[rows]

    # -- maintenance --------------------------------------------------------------------------

    def nbytes(self) -> int:
        """Memory held by the field's arrays."""
        return sum(a.nbytes for s in self.segments for a in s.arrays())

    def compact(self, keep: np.ndarray, vocab_size: int) -> None:
        """Merge all segments into one, keeping only rows where ``keep`` is true (renumbered)."""
        fterms, ftfs, lengths = [], [], []
        for seg in self.segments:
            seg_keep = keep[seg.start : seg.start + seg.count]
            seg_lengths = np.diff(seg.fptr)
            entry_keep = np.repeat(seg_keep, seg_lengths)
            fterms.append(seg.fterms[entry_keep])
            ftfs.append(seg.ftfs[entry_keep])
            lengths.append(seg_lengths[seg_keep])
        self.segments = []
        self.df = np.zeros(0, dtype=np.int64)
        self.rows = 0
        self._norms = self._weights = None
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


def query_vector(counts: Mapping[int, int], weights: np.ndarray, extra: float = 0.0) -> dict[int, float]:
    """Normalised query weights by term id; ``extra`` is the squared length of unseen terms."""
    vec = {t: float(TF_WEIGHT[min(c, 255)]) * float(weights[t]) for t, c in counts.items()}
    sq = sum(v * v for v in vec.values()) + extra
    if sq <= 0:
        return {}
    norm = math.sqrt(sq)
    return {t: v / norm for t, v in vec.items() if v}
