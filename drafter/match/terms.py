"""Content terms for matching: jieba words minus punctuation, numbers and stop words.

Which words are stop words (dropped) and which are boilerplate (for explanations and topics;
ranking learns its discount from document frequencies, see ``match.score``) is data in
``templates/dict/match.toml``; the fingerprint of that file and of the dictionary tells a
persisted index when it was built with other word lists.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from drafter import rx, toml_read
from drafter.errors import InputError
from drafter.match.tokenize import BREAK, cut, dictionary_path, dictionary_words, tokenizer
from drafter.paths import templates_dir

RULES = "dict/match.toml"
"""The word lists, relative to the templates folder."""

_CONTENT = rx.compile(r"[\u4e00-\u9fffA-Za-z]")
_HAN = rx.compile(r"[\u4e00-\u9fff]")

GRAM = "\u00b7"
"""Prefix of character-bigram terms (``·婚登``): kept apart from a jieba word of the same two
characters, and never inside a clause (the dot is punctuation to :data:`BREAK`)."""


@dataclass(frozen=True)
class TermRules:
    """How words become weighted terms."""

    min_length: int
    """Shorter words (的, 和, single characters) are not terms."""
    boilerplate: frozenset[str]
    """Words found in nearly every item: kept, with their weight multiplied by ``discount``."""
    discount: float
    """Weight factor of boilerplate words (0..1)."""
    stop: frozenset[str]
    """Words that are never terms."""
    fingerprint: str
    """Hash of the word lists and the dictionary: a persisted index built with others is stale."""

    def factor(self, term: str) -> float:
        """The weight factor of a term: ``discount`` for boilerplate, else 1."""
        return self.discount if term in self.boilerplate else 1.0


@lru_cache(maxsize=1)
def rules() -> TermRules:
    """The word lists from the templates folder (read once)."""
    path = templates_dir() / RULES
    try:
        raw = path.read_bytes()
        data = toml_read.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"无法读取检索词表 {path.name}，请检查其 TOML 格式。") from exc
    try:
        dictionary = dictionary_path().read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取分词词典 {dictionary_path().name}。") from exc
    boilerplate = data.get("boilerplate", {})
    return TermRules(
        min_length=int(data.get("min_length", 2)),
        boilerplate=frozenset(boilerplate.get("words", ())),
        discount=float(boilerplate.get("weight", 0.25)),
        stop=frozenset(data.get("stop", {}).get("words", ())),
        fingerprint=hashlib.sha256(raw + b"\0" + dictionary).hexdigest()[:16],
    )


def is_term(word: str, rule: TermRules | None = None) -> bool:
    """Whether a word counts for matching."""
    rule = rule or rules()
    return len(word) >= rule.min_length and word not in rule.stop and bool(_CONTENT.search(word))


def first_sentence(text: str) -> str:
    """The text up to and including its first 。 (all of it when there is none)."""
    end = text.find("。")
    return text if end < 0 else text[: end + 1]


def clauses(text: str) -> list[str]:
    """The pieces of ``text`` between punctuation (each is cut into words on its own)."""
    return [c for c in BREAK.split(text) if c and not BREAK.fullmatch(c)]


@lru_cache(maxsize=1)
def _parts() -> dict[str, tuple[str, ...]]:
    """Domain words and the shorter domain words inside them (养老服务体系 → 养老服务)."""
    domain = {word for word, _, _ in dictionary_words()}
    out: dict[str, tuple[str, ...]] = {}
    for word in domain:
        inner = tuple(
            w for w in domain if w != word and len(w) >= rules().min_length and w in word
        )
        if inner:
            out[word] = inner
    return out


@lru_cache(maxsize=500_000)
def clause_terms(clause: str) -> tuple[str, ...]:
    """The content terms of one clause (remembered: plans repeat each other's clauses).

    A long word also yields the dictionary words inside it, as jieba's search mode does, so
    养老服务 in a query meets 养老服务体系 in an item.
    """
    rule = rules()
    parts = _parts()
    out: list[str] = []
    freq = tokenizer().FREQ
    for word in cut(clause):
        if is_term(word, rule):
            out.append(word)
            inner = set(parts.get(word, ()))
            if len(word) >= 4:
                inner.update(
                    word[i : i + n] for n in (2, 3) for i in range(len(word) - n + 1)
                    if freq.get(word[i : i + n]) and is_term(word[i : i + n], rule)
                )
            out.extend(sorted(inner))
    return tuple(out)


def terms(text: str) -> list[str]:
    """The content terms of ``text`` in order (repeats kept)."""
    out: list[str] = []
    for clause in clauses(text):
        out.extend(clause_terms(clause))
    return out


@lru_cache(maxsize=500_000)
def clause_grams(clause: str) -> tuple[str, ...]:
    """Character bigrams of where jieba found no word: runs of single Chinese characters.

    jieba leaves abbreviations and words its dictionaries lack in single characters (婚登,
    未保, 福彩); their bigrams let 婚登服务 still meet 婚登. Terms carry the :data:`GRAM` prefix.
    """
    out: list[str] = []
    run = ""
    for word in (*cut(clause), ""):
        if len(word) == 1 and _HAN.match(word):
            run += word
            continue
        out.extend(GRAM + run[i : i + 2] for i in range(len(run) - 1))
        run = ""
    return tuple(out)


def grams(text: str) -> list[str]:
    """The bigram terms (:func:`clause_grams`) of ``text`` in order."""
    out: list[str] = []
    for clause in clauses(text):
        out.extend(clause_grams(clause))
    return out


_HAN_RUN = rx.compile(r"[\u4e00-\u9fff]+")


def every_gram(text: str) -> list[str]:
    """All character bigrams of the Chinese runs of ``text`` (for short fields: headings and
    section titles, where every bigram is cheap and covers any segmentation difference)."""
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(GRAM + run[i : i + 2] for i in range(len(run) - 1))
    return out
