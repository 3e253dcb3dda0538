"""A regex matcher's ``max_matches`` counts the blocks the other rules keep (engine._look_again)."""

from pathlib import Path

import pytest

from cleaner import Cleaner
from tests.conftest import pack_only_cleaner

PACK = """
name: test-max-matches
description: Bylines, unless they are a list's entries; and a box of teasers with their bylines.
rules:
  - id: test.byline
    category: metadata
    description: A byline on its own line, unless more than one line is one.
    match:
      - kind: regex
        ignore_case: false
        max_matches: 1
        patterns: ['^By [A-Z][a-z]+ [A-Z][a-z]+$']
  - id: test.most-read
    category: navigation
    description: A "Most read" box, as long as its lines name the city's stories or their authors.
    match:
      - kind: section
        headings: ["most read"]
        continue_words: ["by", "mayor", "schools"]
"""

ARTICLE = "The council met on Tuesday and voted for the new budget after a long debate about the schools."


@pytest.fixture
def cleaner(tmp_path: Path) -> Cleaner:
    return pack_only_cleaner(tmp_path, PACK)


def test_bylines_in_a_removed_sidebar_do_not_shield_the_articles_own(cleaner: Cleaner) -> None:
    text = "\n".join(["Most read", "Mayor faces questions", "By Anna Berg", "Schools get new buildings",
                      "By Tom Hale", "Budget approved", "By Jane Doe", ARTICLE])
    removed = {r.text.strip(): r.rule_id for r in cleaner.clean(text, kind="text").removals}
    assert removed["By Jane Doe"] == "test.byline"
    assert removed["Most read\nMayor faces questions\nBy Anna Berg\nSchools get new buildings\nBy Tom Hale"] \
        == "test.most-read"


def test_bylines_that_stay_are_a_lists_entries(cleaner: Cleaner) -> None:
    text = "\n".join(["Reading list", "Mayor faces questions", "By Anna Berg", "Schools get new buildings",
                      "By Tom Hale", ARTICLE])
    assert cleaner.clean(text, kind="text").text == text
