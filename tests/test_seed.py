"""The seed article, cleaned by generic rules only: exactly the article remains."""

from __future__ import annotations

import json

from cleaner.model import reconstruct
from tests.conftest import SEED, assert_lossless


def _expected_article(seed: str) -> str:
    """Headline through "AFP contributed reporting.", without the photo caption (line 5)."""
    paragraphs = seed.split("\n\n")
    headline = paragraphs[1]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Ukraine has cut diplomatic ties"))
    end = next(i for i, p in enumerate(paragraphs) if p == "AFP contributed reporting.")
    return "\n\n".join([headline, *paragraphs[start:end + 1]])


def test_seed_keeps_exactly_the_article(generic_cleaner):
    seed = SEED.read_text(encoding="utf-8")
    result = generic_cleaner.clean(seed)
    expected = _expected_article(seed)
    assert result.text == expected
    assert len([p for p in result.text.split("\n\n")]) == 13  # headline + 11 paragraphs + credit line
    assert_lossless(result)


def test_seed_removals_are_labelled(generic_cleaner):
    seed = SEED.read_text(encoding="utf-8")
    removals = generic_cleaner.clean(seed).removals
    by_text = {r.text.strip().splitlines()[0]: r for r in removals}
    assert by_text["Support The Moscow Times!"].category == "paywall"
    caption = next(r for r in removals if "president.gov.ua" in r.text)
    assert caption.category == "photo-credit"
    newsletter = next(r for r in removals if "Sign up for our free weekly newsletter" in r.text)
    assert newsletter.category == "newsletter"
    assert "Subscribers agree to the Privacy Policy" in newsletter.text
    appeal = next(r for r in removals if "A Message from The Moscow Times:" in r.text)
    assert appeal.category == "paywall"
    assert appeal.text.rstrip().endswith("Thank you for standing with us.")
    widget = next(r for r in removals if "Monthly" in r.text)
    assert widget.category == "payment" and "paiment methods" in widget.text
    assert by_text["Not ready to support today?"].category == "paywall"
    assert by_text["Remind me later."].category == "paywall"
    assert by_text["Read more"].category == "navigation"


def test_seed_json_reconstructs_input(generic_cleaner):
    from cleaner.formats import render

    seed = SEED.read_text(encoding="utf-8")
    data = json.loads(render(generic_cleaner.clean(seed), "json"))
    assert reconstruct(data["text"], data["removals"]) == seed
    assert all({"rule_id", "category", "start", "end", "text", "evidence"} <= set(r) for r in data["removals"])


def test_seed_golden(generic_cleaner, data_regression):
    seed = SEED.read_text(encoding="utf-8")
    result = generic_cleaner.clean(seed)
    data_regression.check(
        {"text": result.text,
         "removals": [{"rule_id": r.rule_id, "category": r.category, "text": r.text.strip()} for r in result.removals]},
        basename="seed_000_e42678054f1025f2",
    )
