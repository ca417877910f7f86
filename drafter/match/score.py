"""How a hit's score is made: weighted cosines on three fields plus a rapidfuzz term.

score = 100 × (0.50·cos(text) + 0.15·cos(heading) + 0.25·cos(section context) + 0.10·ratio)

- cos(text): TF-IDF cosine over jieba terms of the whole item, boilerplate discounted;
- cos(heading): the same over the lead sentences (what the item is about);
- cos(section context): the section title (twice) and all item headings of the section, so an
  item titled only "强化党建引领。" is still known to be about 社会组织;
- ratio: rapidfuzz ``fuzz.ratio`` of the two texts' openings (their first 32 characters,
  about the lead sentence), which lifts near copies (last year's item of the same office)
  above items that merely share the task. Short strings are rapidfuzz's fastest case (one
  machine word), which keeps re-ranking thousands of candidates cheap; on the labelled set the
  openings rank as well as the whole texts (0.801 against 0.797 precision@5).

- terms: jieba words with the domain dictionary, plus the shorter dictionary words inside a
  long word (养老服务体系 also counts as 养老服务), as jieba's search mode does.

The weights were chosen on the labelled seed set of ``bench/match_labels.toml`` (see
``bench/bench_match.py``); the context term and the inner words gave the largest gains.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from drafter.match.catalog import OPENING

W_TEXT = 0.50
"""Weight of the text cosine."""
W_HEAD = 0.15
"""Weight of the heading cosine."""
W_CONTEXT = 0.25
"""Weight of the section-context cosine."""
W_FUZZ = 0.10
"""Weight of rapidfuzz ``ratio`` on the openings (0..1)."""


def linear(text: np.ndarray, head: np.ndarray, context: np.ndarray) -> np.ndarray:
    """The cosine part of the score (0..0.9) for every item."""
    out = text * np.float32(W_TEXT)
    out += head * np.float32(W_HEAD)
    out += context * np.float32(W_CONTEXT)
    return out


def ratios(query: str, openings: Sequence[str]) -> np.ndarray:
    """rapidfuzz ``ratio`` of the query's opening with each opening, as 0..1 floats."""
    if not openings:
        return np.zeros(0, dtype=np.float64)
    head = query[:OPENING]
    row = process.cdist([head], openings, scorer=fuzz.ratio, dtype=np.float32, workers=1)[0]
    return row.astype(np.float64) / 100.0


def final(linear_part: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """The whole score on 0..1 from its two parts (same arithmetic for index and brute force)."""
    return linear_part.astype(np.float64) + W_FUZZ * ratio
