"""Word segmentation with the 民政 dictionary."""

from __future__ import annotations

import re

import pytest

from drafter.match import tokenize
from drafter.match.terms import rules, terms
from drafter.model import Plan

DOMAIN_TERMS = [
    "低保边缘家庭", "特困人员", "五社联动", "两项补贴", "事实无人抚养儿童", "社工站",
    "婚俗改革", "未成年人保护", "儿童福利", "养老服务", "临时救助", "适老化改造",
]


def _sentence_with(plans: list[Plan], term: str) -> str:
    """A sentence of the seeds that contains ``term``."""
    for plan in plans:
        for _, _, _, item in plan.iter_items():
            for sentence in re.split("[。；]", item.text):
                if term in sentence:
                    return sentence
    raise AssertionError(f"no seed sentence contains {term}")


@pytest.mark.parametrize("term", DOMAIN_TERMS)
def test_dictionary_keeps_terms_whole(seed_plans: list[Plan], term: str) -> None:
    """A domain term inside a real seed sentence is never cut apart (a longer domain word such
    as 养老服务体系 may contain it)."""
    sentence = _sentence_with(seed_plans, term)
    assert any(term in word for word in tokenize.words(sentence))


@pytest.mark.parametrize("term", ["低保边缘家庭", "事实无人抚养儿童", "适老化改造", "两项补贴"])
def test_plain_jieba_would_split_these_terms(term: str) -> None:
    """The dictionary matters: jieba's own dictionary cuts these terms into pieces."""
    import jieba

    assert term not in jieba.Tokenizer().lcut(term, HMM=False)


def test_words_cover_the_text(seed_plans: list[Plan]) -> None:
    """Joining the words gives back the text without its spaces (nothing lost or invented)."""
    text = seed_plans[3].sections[0].items[0].text
    assert "".join(tokenize.words(text)) == re.sub(r"\s", "", text)


def test_spans_point_at_their_words(seed_plans: list[Plan]) -> None:
    """Every span's offsets cut exactly its word out of the text."""
    text = seed_plans[1].sections[2].items[1].text
    spans = tokenize.spans(text)
    assert spans
    assert all(text[start:end] == word for start, end, word in spans)


def test_terms_drop_punctuation_numbers_and_stop_words() -> None:
    """Terms are content words only: no punctuation, digits, single characters or stop words."""
    found = terms("一是新建乡镇养老服务中心5个，和敬老院3家。")
    assert "养老服务" in "".join(found)
    assert not any(re.fullmatch(r"[\d，。]+", t) for t in found)
    assert "一是" not in found and "和" not in found
    assert all(len(t) >= rules().min_length for t in found)


def test_comment_lines_are_not_words(tmp_path) -> None:
    """Lines starting with # in the dictionary are comments, not entries."""
    path = tmp_path / "d.txt"
    path.write_text("# 注释\n五社联动\n社工站 5 n\n\n", encoding="utf-8")
    assert tokenize.dictionary_words(path) == [("五社联动", None, None), ("社工站", 5, "n")]


def test_jieba_cache_goes_to_the_user_cache(home) -> None:
    """Building a tokenizer writes jieba's prefix-dictionary cache under user_cache_dir()."""
    built = tokenize._build()
    assert built.initialized
    assert any((home / "cache" / "jieba").iterdir())


def test_warm_up_builds_the_shared_tokenizer() -> None:
    """warm_up() returns a thread; once it ends the shared tokenizer is ready."""
    thread = tokenize.warm_up()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert tokenize.tokenizer().initialized


def test_word_table_cuts_as_jieba_does(home, seed_plans: list[Plan]) -> None:
    """The first build writes the word table; the next start reads it instead of jieba's
    dictionary and cuts every line of the seeds exactly as the built tokenizer does."""
    from drafter.match.wordtable import WordTable

    built = tokenize._build()
    assert isinstance(built.FREQ, dict)
    assert (home / "cache" / "jieba" / tokenize.TABLE).exists()
    fast = tokenize._build()
    assert isinstance(fast.FREQ, WordTable) and fast.total == built.total
    lines = [line for p in seed_plans for _, _, _, it in p.iter_items() for line in
             it.text.split("。") if line]
    assert len(lines) > 500
    for line in lines:
        assert list(fast.cut(line, HMM=False)) == list(built.cut(line, HMM=False))
    assert fast.FREQ.get("特困人员") == built.FREQ["特困人员"]
    assert "特困人" in fast.FREQ and built.FREQ["特困人"] == 0


def test_stale_or_broken_word_table_is_rebuilt(home, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word table made from other dictionaries, or a damaged one, is not used: jieba
    builds the tokenizer and the table is written again."""
    from drafter.match.wordtable import WordTable

    tokenize._build()
    table = home / "cache" / "jieba" / tokenize.TABLE
    monkeypatch.setattr(tokenize, "table_key", lambda: "another dictionary")
    assert isinstance(tokenize._build().FREQ, dict)
    assert isinstance(tokenize._build().FREQ, WordTable)  # written under the new key
    whole = table.read_bytes()
    for damaged in (whole[:100], whole[:-10], b"not a table"):
        table.write_bytes(damaged)
        rebuilt = tokenize._build()
        assert isinstance(rebuilt.FREQ, dict) and rebuilt.lcut("特困人员救助供养", HMM=False)
        assert isinstance(tokenize._build().FREQ, WordTable)


def test_word_table_is_read_whole_after_many_lookups(home, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run of cutting (a diff, an index build) stops paying a Python call per look-up:
    past the threshold the shared tokenizer's table becomes one dict, cutting the same."""
    from drafter.match.wordtable import WordTable

    tokenize._build()  # writes the table
    monkeypatch.setattr(tokenize, "_tokenizer", tokenize._build())
    monkeypatch.setattr(tokenize, "_WHOLE_AFTER", 50)
    assert isinstance(tokenize.tokenizer().FREQ, WordTable)
    before = tokenize.tokenizer().lcut("完善特困人员救助供养制度", HMM=False)
    assert isinstance(tokenize.tokenizer().FREQ, dict)
    assert tokenize.tokenizer().lcut("完善特困人员救助供养制度", HMM=False) == before
