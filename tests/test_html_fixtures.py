"""Goldens for real HTML pages: kept text and every removal (rule, category, text).

Regenerate after an intended change with ``python -m pytest tests/test_html_fixtures.py --force-regen``
and review the diff of ``fixtures/golden/html/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.engine import Cleaner
from cleaner.model import reconstruct

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "fixtures" / "html").glob("*.html"))


@pytest.fixture
def original_datadir() -> Path:
    return ROOT / "fixtures" / "golden" / "html"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_html_fixture(page: Path, cleaner: Cleaner, data_regression, request) -> None:
    result = cleaner.clean(page.read_bytes(), kind="html")
    assert reconstruct(result.text, result.removals) == result.source_text
    by_category: dict[str, int] = {}
    for r in result.removals:
        by_category[r.category] = by_category.get(r.category, 0) + 1
    data_regression.check({
        "kept": result.text.split("\n"),
        "removed_by_category": by_category,
        "removals": [{"rule_id": r.rule_id, "category": r.category, "text": r.text.strip("\n")}
                     for r in result.removals],
    }, basename=page.stem)


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_text_rules_outside_main_label_more_and_change_no_text(page: Path, cleaner: Cleaner) -> None:
    """By default text rules skip what the main-content stage removed; asking them to look there too
    gives those blocks their own categories but must not change the clean text."""
    fine = Cleaner(text_rules_outside_main=True).clean(page.read_bytes(), kind="html")
    fast = cleaner.clean(page.read_bytes(), kind="html")
    assert fine.text == fast.text
    layout = {r.text for r in fast.removals if r.rule_id == "layout.outside-main"}
    relabelled = [r for r in fine.removals if r.category not in ("layout", "headline")
                  and any(r.text.strip() in text for text in layout)]
    assert len(fine.removals) >= len(fast.removals)
    if len(fine.removals) > len(fast.removals):
        assert relabelled
