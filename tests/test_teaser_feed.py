"""The teaser-feed detector: other stories' cards after an article go; look-alikes stay, each
for the reason its keep example documents (relaxing that one condition finds a feed)."""

from __future__ import annotations

import pytest

from cleaner.detectors.base import DocView
from cleaner.detectors.teasers import TeaserFeedDetector, TeaserFeedParams
from cleaner.parse.text import text_document
from cleaner.rulepack.loader import load_packs


def _examples(kind: str) -> list[str]:
    for loaded in load_packs():
        for rule in loaded.pack.rules:
            if rule.id == "navigation.teaser-feed":
                return list(getattr(rule.examples, kind))
    raise AssertionError("navigation.teaser-feed is not in the built-in packs")


def _hits(text: str, **params) -> list[tuple[int, ...]]:
    detector = TeaserFeedDetector(TeaserFeedParams(kind="teaser-feed", **params))
    return [hit.blocks for hit in detector(DocView(text_document(text)))]


def test_the_feed_goes_from_its_first_title_and_the_article_stays() -> None:
    text = _examples("remove")[0]
    lines = text.split("\n")
    hits = _hits(text)
    assert len(hits) == 1
    start = lines.index("Read this next")
    assert hits[0] == tuple(range(start, len(lines)))


RELAXED = [  # keep example (in order) → the one condition that keeps it
    {"max_question_share": 1.0},  # a FAQ: its titles are questions
    {"max_paragraphs_after": 5},  # the article goes on after the cards
    {"min_article_words": 0, "min_article_lines": 0},  # a listing with no article above it
    {"title_median_min_words": 1},  # a roundup: product names over their blurbs, not headlines
]


@pytest.mark.parametrize("case", range(len(RELAXED)))
def test_each_look_alike_is_kept_by_its_own_condition(case: int) -> None:
    text = _examples("keep")[case]
    assert _hits(text) == []
    assert _hits(text, **RELAXED[case]) != []


def test_a_listicle_numbered_entry_breaks_the_feed() -> None:
    text = _examples("remove")[0].replace("Buses To Run All Night From March", "2. Buses To Run All Night From March")
    assert _hits(text) == []
