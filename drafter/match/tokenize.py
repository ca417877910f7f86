"""Word segmentation with jieba and the 民政 dictionary in ``templates/dict/``.

jieba's prefix dictionary takes about a second to build cold; it is cached under
``user_cache_dir()/jieba`` and can be built in a background thread with :func:`warm_up` so the
app's first paint never waits for it. Clauses are cut once and remembered: plans copy each
other's sentences, so most clauses of a library have been seen before.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.ingest.simplify import to_simplified
from drafter.paths import templates_dir, user_cache_dir

if TYPE_CHECKING:
    import jieba

DICTIONARY = "dict/minzheng.txt"
"""The domain dictionary, relative to the templates folder."""

# Runs of punctuation and spaces: jieba never joins words across them, so clauses between them
# can be cut (and cached) independently with the same result.
BREAK = re.compile(r"([\s，。；：、！？,.;:!?“”‘’\"'《》〈〉（）()【】\[\]…—·]+)")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
"""The shared tokenizer once built (jieba itself is imported only then: it is slow to load)."""


def dictionary_path() -> Path:
    """The domain dictionary file."""
    return templates_dir() / DICTIONARY


def dictionary_words(path: Path | None = None) -> list[tuple[str, int | None, str | None]]:
    """Entries of a user dictionary as (word, frequency or None, tag or None); ``#`` comments."""
    path = path or dictionary_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取分词词典 {path.name}，请检查该文件是否存在且为 UTF-8 编码。") from exc
    entries: list[tuple[str, int | None, str | None]] = []
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


def _build() -> jieba.Tokenizer:
    """A jieba tokenizer with its cache in the user cache folder and the domain words added."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its progress lines must not reach the screen
    tokenizer = jieba.Tokenizer()
    cache = user_cache_dir() / "jieba"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache)
    except OSError:
        pass  # an unwritable cache only costs the cold start; jieba falls back to the temp dir
    tokenizer.initialize()
    for word, freq, tag in dictionary_words():
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer, built on first use (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _build()
    return _tokenizer


def warm_up() -> threading.Thread:
    """Build the tokenizer in a daemon thread; returns the thread (join it to wait)."""
    thread = threading.Thread(target=tokenizer, name="jieba-warm-up", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=500_000)
def cut(clause: str) -> tuple[str, ...]:
    """The words of one clause (no punctuation inside), remembered; traditional characters are
    cut and compared in their simplified form."""
    simple = to_simplified(clause)
    return tuple(tokenizer().cut(simple if len(simple) == len(clause) else clause, HMM=False))


def words(text: str) -> list[str]:
    """The words of ``text`` in order, punctuation runs kept as single tokens, spaces dropped."""
    out: list[str] = []
    for piece in BREAK.split(text):
        if not piece:
            continue
        if BREAK.fullmatch(piece):
            stripped = piece.strip()
            if stripped:
                out.append(stripped)
        else:
            out.extend(cut(piece))
    return out


def spans(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` with their (start, end) offsets; spaces are not words."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for piece in BREAK.split(text):
        if not piece:
            continue
        if BREAK.fullmatch(piece):
            for m in re.finditer(r"\S+", piece):
                out.append((pos + m.start(), pos + m.end(), m.group()))
        else:
            start = pos
            for word in cut(piece):
                out.append((start, start + len(word), word))
                start += len(word)
        pos += len(piece)
    return out
