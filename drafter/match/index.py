"""Inverted index of weighted terms: BM25 and cosine scores of a query with many rows at once.

Rows (items, or sections for the section fields) that have the very same terms with the same
counts share one *form*: plans copy each other's sentences, and a number changed is not a
term, so a national library holds far fewer forms than rows. Postings and each form's own
term list are kept once per form; ``form_of`` maps a row to its form. Document frequencies
and lengths still count rows, so a score does not depend on how many copies share a form.

Forms are kept in segments; a segment holds both directions: postings ``term → (forms, tf)``
to score every form at once, and each form's own ``(terms, tf)`` to score chosen forms
exactly. A new import adds a segment of the forms it brings instead of rebuilding;
:meth:`FieldIndex.compact` merges segments and drops removed rows. Weights are not stored:
they follow from document frequencies at query time, so adding plans never leaves stale
weights behind.

Item fields are scored with BM25 (term frequency saturates, long items are not favoured),
normalised by the query's own weight so that a score is the weighted share of the query's
terms an item has (0..1). Section fields, a few words each, use TF-IDF cosines.
"""

from __future__ import annotations

import hashlib
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
    """Rows being added, gathered in compact arrays before they join a field.

    Each row's terms are kept in ascending term order with a digest of them, so that rows
    with the same terms and counts are recognised as one form.
    """

    def __init__(self) -> None:
        self.terms = array("i")
        self.tfs = array("B")
        self.ptr = array("q", [0])
        self.keys: list[bytes] = []

    @property
    def count(self) -> int:
        """Rows gathered so far."""
        return len(self.ptr) - 1

    def add(self, counts: Mapping[int, int]) -> None:
        """Add the next row's term counts."""
        items = sorted(counts.items())
        terms = array("i", [t for t, _ in items])
        tfs = array("B", [min(v, 255) for _, v in items])
        self.keys.append(form_key(terms.tobytes(), tfs.tobytes()))
        self.terms.extend(terms)
        self.tfs.extend(tfs)
        self.ptr.append(len(self.terms))


def form_key(terms: bytes, tfs: bytes) -> bytes:
    """The digest that identifies a form: its term ids (int32) and counts (uint8), in order."""
    return hashlib.blake2b(terms + b"|" + tfs, digest_size=16).digest()


@dataclass
class Segment:
    """Forms ``start .. start + count - 1`` of a field, indexed both ways."""

    start: int
    """The first form."""
    indptr: np.ndarray
    """Postings offsets by term id (int64, one more than the terms known at build)."""
    rows: np.ndarray
    """Postings forms (int32, ascending within a term)."""
    tfs: np.ndarray
    """Postings term frequencies (uint8)."""
    fptr: np.ndarray
    """Offsets of each form's terms (int64, count + 1)."""
    fterms: np.ndarray
    """Each form's term ids (int32, ascending)."""
    ftfs: np.ndarray
    """Each form's term frequencies (uint8)."""
    lens: np.ndarray
    """Each form's length: the sum of its term frequencies (float32)."""

    @property
    def count(self) -> int:
        """Forms in the segment."""
        return len(self.fptr) - 1

    @classmethod
    def build(
        cls, start: int, fptr: np.ndarray, fterms: np.ndarray, ftfs: np.ndarray, vocab: int
    ) -> Segment:
        """A segment from forms' term lists; the postings are derived by sorting on term."""
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

Entries = list[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]]
"""Term entries of chosen forms, per segment: (lo, hi, owner, terms, tfs); see
:meth:`FieldIndex.entries`."""


@dataclass(frozen=True)
class Bm25:
    """BM25's two constants."""

    k1: float
    """Term-frequency saturation: a term's score approaches its limit after about k1 uses."""
    b: float
    """Length normalisation: 0 ignores an item's length, 1 scales fully by it."""


class FieldIndex:
    """One field over rows 0..n-1 (items, or sections for the section fields), stored by form.

    Methods named ``form_…`` take and give form ids; the others speak of rows.
    """

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.form_of = np.zeros(0, dtype=np.int32)
        """The form of every row."""
        self.df = np.zeros(0, dtype=np.int64)
        """Rows that have each term (removed rows count until :meth:`compact`)."""
        self.forms = 0
        """Forms held."""
        self._keys: dict[bytes, int] | None = None
        self._norms: np.ndarray | None = None
        self._inverse: tuple[np.ndarray, np.ndarray] | None = None
        self._weights: tuple[object, np.ndarray] | None = None
        self._lens: np.ndarray | None = None
        self._average: float | None = None
        self._damped: tuple[Bm25, np.ndarray] | None = None
        self._form_index: np.ndarray | None = None

    @property
    def rows(self) -> int:
        """Rows held (removed ones included until :meth:`compact`)."""
        return len(self.form_of)

    def form_index(self) -> np.ndarray:
        """``form_of`` as native integers (cached): numpy gathers a million rows by them in
        half the time it takes with the stored 32-bit ids."""
        if self._form_index is None or len(self._form_index) != len(self.form_of):
            self._form_index = np.asarray(self.form_of, dtype=np.intp)
        return self._form_index

    def add_segment(self, builder: SegmentBuilder, vocab_size: int) -> None:
        """Append the builder's rows after the existing ones; their new forms make one new
        segment, rows repeating a known form point to it."""
        if not builder.count:
            return
        keys = self._form_keys()
        ptr = np.frombuffer(builder.ptr, dtype=np.int64)
        terms = np.frombuffer(builder.terms, dtype=np.int32)
        tfs = np.frombuffer(builder.tfs, dtype=np.uint8)
        row_forms = np.empty(builder.count, dtype=np.int32)
        fresh: list[int] = []
        next_form = self.forms
        for row, key in enumerate(builder.keys):
            form = keys.get(key)
            if form is None:
                form = keys[key] = next_form
                next_form += 1
                fresh.append(row)
            row_forms[row] = form
        df = np.bincount(terms, minlength=vocab_size)
        self._grow_df(len(df))
        self.df[: len(df)] += df
        self.form_of = np.concatenate((self.form_of, row_forms))
        self._form_index = None
        if fresh:
            picked = np.array(fresh, dtype=np.int64)
            idx, fptr = _spans(ptr[picked], ptr[picked + 1])
            segment = Segment.build(self.forms, fptr, terms[idx].copy(), tfs[idx].copy(),
                                    vocab_size)
            self.segments.append(segment)
            self.forms += segment.count
        self.forget()

    def _grow_df(self, size: int) -> None:
        if len(self.df) < size:
            self.df = np.concatenate((self.df, np.zeros(size - len(self.df), dtype=np.int64)))

    def _form_keys(self) -> dict[bytes, int]:
        """Digest → form id of every form held (rebuilt from the term lists when loaded)."""
        if self._keys is None:
            keys: dict[bytes, int] = {}
            for seg in self.segments:
                fptr = seg.fptr.tolist()
                terms = np.asarray(seg.fterms, dtype=np.int32)
                tfs = np.asarray(seg.ftfs, dtype=np.uint8)
                for k in range(seg.count):
                    a, b = fptr[k], fptr[k + 1]
                    keys[form_key(terms[a:b].tobytes(), tfs[a:b].tobytes())] = seg.start + k
            self._keys = keys
        return self._keys

    def forget(self, norms: np.ndarray | None = None) -> None:
        """Drop the cached weights and norms (``norms``: known norms to keep instead)."""
        self._norms = norms
        self._weights = self._lens = self._average = None
        self._inverse = self._damped = None

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
        """Every form's length (sum of term frequencies)."""
        if self._lens is None:
            lens = np.zeros(self.forms, dtype=np.float32)
            for seg in self.segments:
                lens[seg.start : seg.start + seg.count] = seg.lens
            self._lens = lens
        return self._lens

    def average_length(self) -> float:
        """The mean length of the rows (each copy of a form counts)."""
        if self._average is None:
            lens = self.lengths()
            copies = np.bincount(self.form_of, minlength=self.forms)
            total = float(np.dot(copies, lens)) if len(lens) else 0.0
            self._average = total / self.rows if self.rows and total else 1.0
        return self._average

    def norms(self, factors: np.ndarray) -> np.ndarray:
        """Euclidean length of every form's TF-IDF vector (1 for empty forms)."""
        if self._norms is None:
            w = self.weights(factors).astype(np.float32)
            sq = np.zeros(self.forms, dtype=np.float64)
            for seg in self.segments:
                contrib = (TF_WEIGHT[seg.ftfs] * w[seg.fterms]) ** 2
                owner = np.repeat(np.arange(seg.count), np.diff(seg.fptr))
                sq[seg.start : seg.start + seg.count] += np.bincount(
                    owner, weights=contrib, minlength=seg.count
                )
            norms = np.sqrt(sq)
            norms[norms == 0] = 1.0
            self._norms = norms.astype(np.float32)
        return self._norms

    def inverse_norms(self, factors: np.ndarray) -> np.ndarray:
        """1 / norm of every form (cached with the norms)."""
        norms = self.norms(factors)
        if self._inverse is None or self._inverse[0] is not norms:
            self._inverse = (norms, np.reciprocal(norms))
        return self._inverse[1]

    def row_query(self, row: int, factors: np.ndarray) -> dict[int, float]:
        """A row's own text as a cosine query (see :func:`cosine_query`): the cosine of two
        rows is :meth:`scores_of` of one's query on the other."""
        form = int(self.form_of[row])
        w = self.weights(factors)
        for seg in self.segments:
            if seg.start <= form < seg.start + seg.count:
                a, b = seg.fptr[form - seg.start], seg.fptr[form - seg.start + 1]
                ids = seg.fterms[a:b]
                vals = TF_WEIGHT[seg.ftfs[a:b]] * w[ids] * w[ids] / self.norms(factors)[form]
                return {int(t): float(v) for t, v in zip(ids.tolist(), vals.tolist(), strict=True)}
        return {}

    # -- scoring ------------------------------------------------------------------------------

    def _saturation(self, bm25: Bm25) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """tf, form → BM25's saturated term frequency over k1 + 1 (0..1)."""
        damping = self._damping(bm25)

        def saturate(tf: np.ndarray, forms: np.ndarray) -> np.ndarray:
            tf = tf.astype(np.float32)
            out = damping[forms]
            out += tf
            return np.divide(tf, out, out=out)

        return saturate

    def _damping(self, bm25: Bm25) -> np.ndarray:
        """Every form's BM25 length term, ``k1 · (1 − b + b · length / mean length)``
        (cached with the lengths: one gather per posting instead of a computation)."""
        if self._damped is None or self._damped[0] != bm25:
            scale = np.float32(bm25.k1 / max(self.average_length(), 1e-9))
            base = np.float32(bm25.k1 * (1.0 - bm25.b))
            self._damped = (bm25, base + scale * np.float32(bm25.b) * self.lengths())
        return self._damped[1]

    def postings(self, query: Mapping[int, float]) -> int:
        """How many postings the terms of a query have."""
        total = 0
        for seg in self.segments:
            size = len(seg.indptr) - 1
            ids = np.fromiter((t for t in query if t < size), dtype=np.int64)
            total += int((seg.indptr[ids + 1] - seg.indptr[ids]).sum())
        return total

    def form_scores(
        self,
        query: Mapping[int, float],
        budget: int | None = None,
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """The score of every form with a query, from the postings.

        ``query`` maps term ids to their normalised weight (see :func:`bm25_query` and
        :func:`cosine_query`). Terms are read heaviest first; with a ``budget``, reading stops
        once that many postings were read, leaving out common words that are each worth
        little (the scores are then lower bounds). Without ``bm25`` the scores are cosines
        (``factors`` needed).
        """
        if bm25 is not None:
            saturate = self._saturation(bm25)
        else:
            assert factors is not None
            inverse = self.inverse_norms(factors)
        out = np.zeros(self.forms, dtype=np.float32)
        read = 0
        for tid in sorted(query, key=lambda t: -query[t]):
            if budget is not None and read >= budget:
                break
            factor = np.float32(query[tid])
            for seg in self.segments:
                if tid + 1 >= len(seg.indptr):
                    continue
                a, b = seg.indptr[tid], seg.indptr[tid + 1]
                if a == b:
                    continue
                # native integers and ufunc.at: twice as fast as ``out[forms] += …`` on
                # stored 32-bit ids (a form occurs once in a term's postings either way)
                forms = seg.rows[a:b].astype(np.intp)
                if bm25 is not None:
                    values = saturate(seg.tfs[a:b], forms)
                else:  # each form's inverse norm is applied once, at the end
                    values = TF_WEIGHT[seg.tfs[a:b]]
                values *= factor
                np.add.at(out, forms, values)
                read += int(b - a)
        if bm25 is None:
            out *= inverse
        return out

    def scores(
        self,
        query: Mapping[int, float],
        budget: int | None = None,
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """The score of every row with a query (see :meth:`form_scores`)."""
        return self.form_scores(query, budget, bm25=bm25, factors=factors)[self.form_index()]

    def entries(self, forms: np.ndarray) -> Entries:
        """The term entries of the given forms (ascending, unique), per segment: (lo, hi,
        owner, terms, tfs) with ``owner`` the position in ``forms`` of each entry. Read
        once, scored with several queries by :meth:`scores_from`."""
        out = []
        for seg in self.segments:
            lo, hi = np.searchsorted(forms, (seg.start, seg.start + seg.count))
            if lo == hi:
                continue
            local = forms[lo:hi] - seg.start
            idx, fptr = _spans(seg.fptr[local], seg.fptr[local + 1])
            if not len(idx):
                continue
            owner = np.repeat(np.arange(lo, hi), np.diff(fptr))
            out.append((int(lo), int(hi), owner, seg.fterms[idx], seg.ftfs[idx]))
        return out

    def scores_from(
        self,
        entries: Entries,
        forms: np.ndarray,
        query: Mapping[int, float],
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Exact scores of ``forms`` with a query, from their :meth:`entries`."""
        size = max((len(seg.indptr) - 1 for seg in self.segments), default=0)
        size = max(size, max(query, default=-1) + 1)
        dense = np.zeros(size, dtype=np.float32)
        for tid, qw in query.items():
            dense[tid] = qw
        saturate = self._saturation(bm25) if bm25 is not None else None
        out = np.zeros(len(forms), dtype=np.float32)
        for lo, hi, owner, terms, tfs in entries:
            if saturate is not None:
                vals = dense[terms] * saturate(tfs, forms[owner])
            else:
                vals = dense[terms] * TF_WEIGHT[tfs]
            out[lo:hi] = np.bincount(owner - lo, weights=vals, minlength=hi - lo)
        if saturate is None:
            assert factors is not None
            out /= self.norms(factors)[forms]
        return out

    def unique_forms(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the distinct forms of ``rows`` ascending, the position of each row's form)."""
        forms, back = np.unique(self.form_of[rows], return_inverse=True)
        return forms, back.reshape(-1)

    def scores_of(
        self,
        query: Mapping[int, float],
        rows: np.ndarray,
        *,
        bm25: Bm25 | None = None,
        factors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Exact scores of the given rows only, read from their forms' own term lists."""
        forms, back = self.unique_forms(rows)
        scores = self.scores_from(self.entries(forms), forms, query, bm25=bm25, factors=factors)
        return scores[back]

    # -- maintenance --------------------------------------------------------------------------

    def nbytes(self) -> int:
        """Memory held by the field's arrays."""
        return sum(a.nbytes for s in self.segments for a in s.arrays()) + self.form_of.nbytes

    def compact(self, keep: np.ndarray, vocab_size: int) -> None:
        """Merge all segments into one, keeping only rows where ``keep`` is true (renumbered)
        and the forms they use."""
        kept_forms = self.form_of[np.asarray(keep, dtype=bool)]
        forms, form_of = np.unique(kept_forms, return_inverse=True)
        entries = self.entries(forms)
        self.segments = []
        self.form_of = form_of.reshape(-1).astype(np.int32)
        self._form_index = None
        self.df = np.zeros(0, dtype=np.int64)
        self.forms = 0
        self._keys = None
        self.forget()
        if not len(forms):
            return
        owner = np.concatenate([e[2] for e in entries]) if entries else np.zeros(0, np.int64)
        fterms = np.concatenate([e[3] for e in entries]).astype(np.int32) if entries else \
            np.zeros(0, np.int32)
        ftfs = np.concatenate([e[4] for e in entries]) if entries else np.zeros(0, np.uint8)
        fptr = np.zeros(len(forms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner, minlength=len(forms)), out=fptr[1:])
        self.segments = [Segment.build(0, fptr, fterms, ftfs, vocab_size)]
        self.forms = len(forms)
        copies = np.bincount(self.form_of, minlength=self.forms)
        self.df = np.bincount(fterms, weights=copies[owner], minlength=vocab_size).astype(
            np.int64)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The segments, the row → form map and the document frequencies as named arrays."""
        out: dict[str, np.ndarray] = {
            f"{prefix}.form_of": self.form_of, f"{prefix}.df": self.df,
            f"{prefix}.forms": np.array([self.forms], dtype=np.int64),
        }
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
            field.segments.append(Segment(start, *parts))
            k += 1
        field.form_of = arrays[f"{prefix}.form_of"]
        field.df = np.asarray(arrays[f"{prefix}.df"])
        field.forms = int(arrays[f"{prefix}.forms"][0])
        if sum(s.count for s in field.segments) != field.forms or len(field.df) > max(vocab, 0) \
                or (field.rows and int(field.form_of.max(initial=0)) >= field.forms):
            raise ValueError(f"{prefix}: forms do not add up")
        return field


def _spans(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the slices ``starts[i]:ends[i]`` one after another, and the offsets
    (len + 1) at which each slice begins in them."""
    lengths = (ends - starts).astype(np.int64)
    fptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=fptr[1:])
    idx = np.arange(int(fptr[-1]), dtype=np.int64)
    idx += np.repeat(starts - fptr[:-1], lengths)
    return idx, fptr


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
