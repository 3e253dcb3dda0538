"""Real pages' text (trafilatura output or whole-page text, see fixtures/text/SOURCES.md) cleaned
in text mode: goldens show the removal diff by category and are reviewed as diffs."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, assert_lossless

CASES = sorted((FIXTURES / "text").glob("*.txt"))


def summary(result) -> dict:
    return {
        "text": result.text,
        "removals": [
            {"rule_id": r.rule_id, "category": r.category, "text": r.text.strip(), "evidence": r.evidence}
            for r in result.removals
        ],
    }


def test_there_are_enough_fixtures():
    assert len(CASES) >= 12


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_text_fixture(path, generic_cleaner, data_regression):
    result = generic_cleaner.clean(path.read_text(encoding="utf-8"), kind="text")
    assert_lossless(result)
    data_regression.check(summary(result), basename=path.stem)


def test_fixtures_cover_every_category(generic_cleaner):
    results = [generic_cleaner.clean(p.read_text(encoding="utf-8"), kind="text") for p in CASES]
    seen = {r.category for result in results for r in result.removals}
    required = {"paywall", "newsletter", "photo-credit", "cookie", "social", "navigation", "legal", "ad"}
    assert required <= seen, required - seen
