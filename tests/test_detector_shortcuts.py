"""Detectors' shortcuts find exactly what the plain per-block way finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cleaner.detectors.base import DocView, fold_spaces
from cleaner.detectors.domindex import token_parts
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.detectors.regex import RegexDetector, RegexParams
from cleaner.model import Block, Document

# Patterns that match across a newline, at the text's or a line's ends, the empty string, words.
PATTERNS = [r"^a", r"b$", r"^$", r"a\s+b", r"[^a]b", r"\bab\b", r"\Ba", r"x*", r"\Aa", r"b\z", r"(?-m)^b",
            r"(?s)a.b", r"é+", r"^\W*(?:ab|ba)\s*$"]


def view_of(texts: list[str]) -> DocView:
    blocks, pos = [], 0
    for i, text in enumerate(texts):
        blocks.append(Block(i, pos, pos + len(text), text))
        pos += len(text) + 1
    return DocView(Document("\n".join(texts), tuple(blocks)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab é.\t\u00a0", max_size=8), max_size=8), st.sampled_from(PATTERNS),
       st.booleans())
def test_regex_searches_the_document_once_and_finds_what_each_block_search_finds(texts, pattern, spaced):
    detector = RegexDetector(RegexParams(kind="regex", patterns=[pattern, "ba b"] if spaced else [pattern]))
    view = view_of(texts)
    expected = [i for i, text in enumerate(texts) if detector.block_regex.regex.search(fold_spaces(text))]
    assert [hit.blocks[0] for hit in detector(view)] == expected


def test_regex_sees_a_no_break_space_as_a_space():
    """RE2's \\s is ASCII-only; scraped text is full of U+00A0 ("jibe\u00a0[INSIGHT]")."""
    detector = RegexDetector(RegexParams(kind="regex", patterns=[r"\w\s\[INSIGHT\]$", "a b"]))
    view = view_of(["Macron jibe\u00a0[INSIGHT]", "a\u2009b", "a\u200bb"])  # no-break, thin; not zero-width
    assert [hit.blocks[0] for hit in detector(view)] == [0, 1]


@pytest.mark.parametrize("pattern", [r"\Aa", r"b\z", r"(?-m)^b", r"(?m:^b)"])
def test_regex_on_the_text_ends_searches_each_block(pattern):
    assert RegexDetector(RegexParams(kind="regex", patterns=[pattern])).block_regex.lines is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcde ", max_size=16))
def test_near_skips_only_texts_too_long_or_short_for_any_phrase(text):
    phrases = ["abcdef", "abc de abc", "bcdeabcdeab"]
    matcher = PhraseMatcher(phrases, "line", typos=2, typo_min_chars=6)
    best = process.extractOne(text.strip(), phrases, scorer=Levenshtein.distance, score_cutoff=2)
    assert matcher.near(text) == (None if best is None else f"{text.strip()} ≈ {best[0]}")


@pytest.mark.parametrize(("token", "parts"), [
    ("content", {"content"}),
    ("c-newsletter__form", {"c-newsletter__form", "c", "newsletter", "form"}),
    ("message-userExtras", {"message-userextras", "message", "userextras", "user", "extras"}),
    ("NewsletterBox", {"newsletterbox", "newsletter", "box"}),
    ("what-is-social-media-marketing", {"what-is-social-media-marketing"}),
    ("aBcDeF-g", {"abcdef-g", "abcdef", "g"}),  # camelCase words only when four or fewer
])
def test_token_parts(token, parts):
    assert token_parts(token) == parts


def test_turkish_capital_i_folds_to_one_word() -> None:
    """"İ" casefolds to "i" plus a combining dot; the dot must not split the word, so a phrase in
    lower case matches a heading printed in title case or capitals."""
    from cleaner import Cleaner
    from cleaner.detectors.base import normalise

    assert normalise("İlgili Haberler") == normalise("ilgili haberler") == " ilgili haberler "
    removed = Cleaner(select=("navigation.ui-controls",)).clean("İÇERİĞE GEÇ\n" + "Metin burada. " * 12, kind="text")
    assert [r.text.strip() for r in removed.removals] == ["İÇERİĞE GEÇ"]


def test_section_continues_in_its_heading_language() -> None:
    """An appeal opened in Portuguese ends at the first paragraph without a Portuguese continue
    word: Spanish "os" (the Portuguese article) and "seu" (also "his") do not carry it on."""
    from cleaner import Cleaner

    text = ("O governo anunciou ontem um novo pacote de medidas para a economia, com cortes de impostos para "
            "as pequenas empresas.\nCaros leitores,\nO nosso jornalismo depende de vocês. Apoie o nosso trabalho.\n"
            "Os ministros reuniram-se durante a tarde e o presidente apresentou o seu plano aos deputados.\n"
            "A oposição disse que vai contestar as medidas, segundo o seu líder.")
    result = Cleaner(select=("paywall.appeal-section",)).clean(text, kind="text")
    assert [r.text.strip() for r in result.removals] == [
        "Caros leitores,\nO nosso jornalismo depende de vocês. Apoie o nosso trabalho."]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Home", "World News", "© 2024 The Paper", "Tel: 555 0101 Fax: 555 0102",
                                 "The council met on Tuesday and voted to build the bridge over the river.",
                                 "• Sports", "- organic cotton", "12", "Read more"]), min_size=1, max_size=12),
       st.data())
def test_region_classes_of_a_subview_are_those_of_its_lines(texts, data):
    """The engine's second look reuses the first look's line classes: the same as classifying afresh."""
    from cleaner.detectors.region import RegionParams, _classified

    params = RegionParams(kind="region")
    root = view_of(texts)
    _classified(root, "en", params)
    subset = sorted(data.draw(st.sets(st.integers(0, len(texts) - 1))))
    assert _classified(root.subview(subset), "en", params) == _classified(DocView(root.doc, subset), "en", params)
