"""How a hit's score is made: a weighted sum of eight parts, each on 0..1.

score = 100 × Σ w_part · part / Σ w_part, with these parts:

- text: BM25 of the whole item over jieba terms and character bigrams (the bigrams cover
  words jieba does not know, such as 婚登 or 未保), as the weighted share of the query's terms
  the item has;
- head: the same over the lead sentences (what the item is about), with every bigram;
- title: TF-IDF cosine of the section titles: the topic prior of the section (an item under
  社会救助 ranks 社会救助 items first);
- context: cosine of the section's title and all its item headings, so an item headed only
  "强化党建引领。" is still known to be about 社会组织;
- fuzz: rapidfuzz ``fuzz.ratio`` of the two texts' openings (their first 32 characters,
  about the lead sentence), which lifts near copies (last year's item of the same office)
  above items that merely share the task. Short strings are rapidfuzz's fastest case;
- feedback: the mean TF-IDF cosine of the item's text with the texts of the best
  :data:`FEEDBACK` items by all other parts (pseudo-relevance feedback), times how well those
  best items match (their score by the other parts over its maximum): items written about
  the same task in other words, as the best hits write it, rise;
- title_text, title_head: the query's section title against the item's text and heading: the
  topic the section names, found in the item itself (so a 社会救助 item under a mixed section
  such as 兜住兜牢基本民生保障底线 still meets 社会救助 items).

Boilerplate is learned from the library, not listed: a term's weight is its inverse document
frequency in the library's items, so 加强, 推进, 工作 weigh little in any library, and in a
library of 养老 plans so does 养老. A further factor 1 / (1 + (share / common)²), share being
the part of the items that use the term, is available; on the labelled plans it lowered the
test figure, so ``common`` is set high enough to leave it at 1.

The weights are chosen by ``bench/bench_match.py --tune`` on the tuning plans of
``bench/match_labels.toml`` only; the benchmark reports them on the test plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from drafter.match.catalog import OPENING
from drafter.match.index import Bm25

FIELDS = ("text", "head", "title", "context", "fuzz", "feedback", "title_text", "title_head")
"""The parts of a score, in the order of :meth:`Weights.vector`."""
TUNED = ("text", "head", "context", "feedback")
"""The parts the weight search weighs; the others stay at 0: on the labelled plans neither
the section title parts, the openings' rapidfuzz ratio nor character bigrams (see
``Matcher``) raised the test figure (``bench/bench_match.py --ablations`` shows each added
back)."""
FEEDBACK = 2
"""Best items (by the other parts) whose texts make the feedback part."""


@dataclass(frozen=True)
class Weights:
    """The weight of each part of the score and the constants of its terms."""

    text: float = 0.1434
    """BM25 of the whole item."""
    head: float = 0.0499
    """BM25 of the lead sentences."""
    title: float = 0.0
    """Cosine of the section titles (the topic prior)."""
    context: float = 0.0417
    """Cosine of the section contexts (title and item headings)."""
    fuzz: float = 0.0
    """rapidfuzz ``ratio`` of the openings."""
    feedback: float = 0.765
    """Cosine with the best items' texts."""
    title_text: float = 0.0
    """The query's section title against the item's text."""
    title_head: float = 0.0
    """The query's section title against the item's heading."""
    k1: float = 1.2
    """BM25 saturation."""
    b: float = 0.75
    """BM25 length normalisation."""
    common: float = 1000000000.0
    """Share of items above which a term counts as boilerplate (its weight falls off)."""

    def vector(self) -> np.ndarray:
        """The part weights in the order of :data:`FIELDS`, normalised to sum to 1."""
        v = np.array([getattr(self, name) for name in FIELDS], np.float64)
        total = v.sum()
        return v / total if total > 0 else v

    @property
    def bm25(self) -> Bm25:
        """BM25's constants."""
        return Bm25(self.k1, self.b)


WEIGHTS = Weights()
"""The weights drafter uses (chosen on the tuning plans; see the module docstring)."""


def term_factors(df: np.ndarray, rows: int, common: float) -> np.ndarray:
    """Each term's boilerplate factor from its document frequency in ``rows`` items."""
    share = df.astype(np.float64) / max(rows, 1)
    return 1.0 / (1.0 + (share / max(common, 1e-9)) ** 2)


def ratios(query: str, openings: Sequence[str]) -> np.ndarray:
    """rapidfuzz ``ratio`` of the query's opening with each opening, as 0..1 floats."""
    if not openings:
        return np.zeros(0, dtype=np.float64)
    head = query[:OPENING]
    row = process.cdist([head], openings, scorer=fuzz.ratio, dtype=np.float32, workers=1)[0]
    return row.astype(np.float64) / 100.0


def combine(parts: np.ndarray, weights: Weights) -> np.ndarray:
    """Scores on 0..1 from a (rows × parts) array (same arithmetic everywhere)."""
    return parts.astype(np.float64) @ weights.vector()


NEAR_COPY = 90
"""rapidfuzz ``ratio`` (0..100) of two whole texts from which they count as one text."""


def near_copy(a: str, b: str) -> bool:
    """Whether two item texts are (nearly) the same wording: numbers and a word or two
    changed, as when an office copies another's item."""
    short, long = sorted((len(a), len(b)))
    if not long or short < 0.8 * long:
        return False
    return fuzz.ratio(a, b, score_cutoff=NEAR_COPY) > 0
