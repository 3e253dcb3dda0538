"""When the rules between them wipe out an article, run-wide findings are dropped (engine._resolve)."""

from pathlib import Path

import pytest

from cleaner import Cleaner
from tests.conftest import pack_only_cleaner

PACK = """
name: test-wipeout
description: Rules that, together, take a whole article.
rules:
  - id: test.section-to-the-end
    category: layout
    description: A section under "Intro" that runs as long as its lines say "the".
    match:
      - kind: section
        headings: ["intro"]
        continue_words: ["the"]
        max_blocks: 50
  - id: test.every-line
    category: layout
    description: Every line that ends with "!".
    match:
      - kind: regex
        patterns: ['!$']
"""

SENTENCE = "The council met on Tuesday and voted for the new budget after a long debate about the schools"


@pytest.fixture
def cleaner(tmp_path: Path) -> Cleaner:
    return pack_only_cleaner(tmp_path, PACK)


def test_a_section_that_takes_the_whole_article_is_dropped(cleaner: Cleaner) -> None:
    text = "Intro\n\n" + "\n\n".join(f"{SENTENCE} ({n})." for n in range(8))
    result = cleaner.clean(text, kind="text")
    assert result.text == text
    assert result.removals == ()
    assert result.stats["structural_findings_dropped"] == 1


def test_line_by_line_removals_stand_even_when_they_take_everything(cleaner: Cleaner) -> None:
    text = "\n\n".join(f"{SENTENCE} ({n})!" for n in range(8))
    result = cleaner.clean(text, kind="text")
    assert result.text == ""
    assert {r.rule_id for r in result.removals} == {"test.every-line"}
    assert result.stats["structural_findings_dropped"] == 0


def test_a_short_document_is_not_an_article_to_protect(cleaner: Cleaner) -> None:
    text = f"Intro\n\n{SENTENCE}.\n\n{SENTENCE}."
    result = cleaner.clean(text, kind="text")
    assert result.text == ""
    assert [r.rule_id for r in result.removals] == ["test.section-to-the-end"]
    assert result.stats["structural_findings_dropped"] == 0


def test_a_section_that_leaves_the_article_stands(cleaner: Cleaner) -> None:
    article = "\n\n".join(f"Budget {SENTENCE.lower()[3:]} ({n})." for n in range(8))  # no "the" at the start
    text = article + "\n\nIntro\n\nthe end"
    result = cleaner.clean(text, kind="text")
    assert result.text == article
    assert result.stats["structural_findings_dropped"] == 0
