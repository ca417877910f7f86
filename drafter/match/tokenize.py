"""Word segmentation with jieba and the 民政 dictionary in ``templates/dict/``.

jieba's prefix dictionary takes about a second to build cold and half a second to load from
its own cache; drafter keeps the finished dictionary (domain words added) as a word table
(``match.wordtable``) under ``user_cache_dir()/jieba`` that is read part by part, so a
command that cuts one query starts at once. The tokenizer can be made in a background thread
with :func:`warm_up` so the app's first paint never waits for it. Clauses are cut once and
remembered: plans copy each other's sentences, so most clauses of a library have been seen
before.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import re
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import rx
from drafter.errors import InputError
from drafter.ingest.simplify import to_simplified
from drafter.match.wordtable import WordTable, write_table
from drafter.paths import templates_dir, user_cache_dir

if TYPE_CHECKING:
    import jieba

DICTIONARY = "dict/minzheng.txt"
"""The domain dictionary, relative to the templates folder."""

# Runs of punctuation and spaces: jieba never joins words across them, so clauses between them
# can be cut (and cached) independently with the same result.
BREAK = rx.compile(r"([\s，。；：、！？,.;:!?“”‘’\"'《》〈〉（）()【】\[\]…—·]+)")

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


TABLE = "words.bin"
"""The word table's file name in the cache folder."""
_WHOLE_AFTER = 300_000
"""Word-table look-ups after which it is read whole: by then they have cost about as much
as reading it whole does (a third of a second), so a long run of cutting never pays more
than twice what it would with jieba's dict, and one query pays nothing of it."""


def _import_jieba():  # type: ignore[no-untyped-def]
    """jieba, imported without pkg_resources: jieba asks for it only to find its own files
    and opens them directly without it, and importing it takes longer than jieba itself."""
    if "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)  # its progress lines must not reach the screen
    return jieba


def table_key() -> str:
    """What the word table is made of: jieba's dictionary file and the domain dictionary."""
    digest = hashlib.sha256()
    spec = importlib.util.find_spec("jieba")
    if spec and spec.origin:
        for name in ("__init__.py", "dict.txt"):
            try:
                stat = (Path(spec.origin).parent / name).stat()
            except OSError:
                continue
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    with contextlib.suppress(OSError):  # an unreadable dictionary is reported when read
        digest.update(dictionary_path().read_bytes())
    return digest.hexdigest()


def _build() -> jieba.Tokenizer:
    """The tokenizer: from the word table when it is current, else built by jieba (cached in
    the user cache folder, domain words added) and the word table written for next time."""
    jieba = _import_jieba()
    folder = Path(_cache_dir())
    key = table_key()
    try:
        table = WordTable(folder / TABLE)
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        table = None
    tokenizer = jieba.Tokenizer()
    if table is not None and table.key == key:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = table, table.total, True
        return tokenizer
    tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    for word, freq, tag in dictionary_words():
        tokenizer.add_word(word, freq, tag)
    with contextlib.suppress(OSError, InputError):  # only a cache: rebuilt on the next start
        write_table(folder / TABLE, tokenizer.FREQ, tokenizer.total, key)
    return tokenizer


def _cache_dir() -> str:
    """Where jieba keeps its prefix dictionary: the user's cache folder, else a private new
    temp folder (never the shared temp folder, where anyone could plant a cache to be loaded)."""
    cache = user_cache_dir() / "jieba"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        if os.access(cache, os.W_OK | os.X_OK):
            return str(cache)
    except OSError:
        pass
    return tempfile.mkdtemp(prefix="drafter-jieba-")


def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer, built on first use (thread-safe); its word table is read whole
    once it has been looked up :data:`_WHOLE_AFTER` times."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _build()
    freq = _tokenizer.FREQ
    if isinstance(freq, WordTable) and freq.lookups > _WHOLE_AFTER:
        _tokenizer.FREQ = freq.whole()
    return _tokenizer


def warm_up() -> threading.Thread:
    """Make the tokenizer in a daemon thread, its word table read whole (a long-running
    program cuts many texts); returns the thread (join it to wait)."""

    def make() -> None:
        jieba = tokenizer()
        if isinstance(jieba.FREQ, WordTable):
            jieba.FREQ = jieba.FREQ.whole()

    thread = threading.Thread(target=make, name="jieba-warm-up", daemon=True)
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
