"""The enclosed detector: short lines between two removals of one category join them."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.detectors.base import DocView
from cleaner.detectors.enclosed import EnclosedDetector, EnclosedParams
from cleaner.parse.text import text_document

LINES = ["Headline", "Thanks for signing up!", "Look out for it on Friday.", "Oops!", "There was an error.", "Body"]


def _hits(kept: list[int], removed: dict[int, str], **params) -> list[tuple[int, ...]]:
    """Document indices the detector takes, on a view of ``kept`` with ``removed`` gone."""
    view = DocView(text_document("\n".join(LINES))).subview(kept, removed)
    detector = EnclosedDetector(EnclosedParams(kind="enclosed", within=["newsletter"], **params))
    return [tuple(view.index[i] for i in hit.blocks) for hit in detector(view)]


def test_the_lines_between_two_removals_of_the_category_go() -> None:
    assert _hits([0, 2, 3, 5], {1: "newsletter", 4: "newsletter"}) == [(2, 3)]


def test_nothing_is_enclosed_on_a_first_pass_or_between_two_categories() -> None:
    assert _hits(list(range(6)), {}) == []
    assert _hits([0, 2, 3, 5], {1: "newsletter", 4: "cookie"}) == []
    assert _hits([0, 2, 3, 5], {1: "social", 4: "social"}) == []


def test_a_long_run_or_a_long_line_stays() -> None:
    assert _hits([0, 2, 3, 5], {1: "newsletter", 4: "newsletter"}, max_blocks=1) == []
    assert _hits([0, 2, 3, 5], {1: "newsletter", 4: "newsletter"}, max_words=4) == []


def test_min_run_wants_a_bar_of_removals_on_one_side() -> None:
    """A line between two single removals (a table whose cells alternate) stays under min_run=2;
    a line beside two removals in a row goes."""
    assert _hits([0, 2, 5], {1: "newsletter", 3: "newsletter", 4: "newsletter"}, min_run=2) == [(2,)]
    assert _hits([0, 2, 4, 5], {1: "newsletter", 3: "newsletter"}, min_run=2) == []
    assert _hits([0, 2, 4, 5], {1: "newsletter", 3: "newsletter"}) == [(2,)]


def test_the_engine_hands_the_removals_to_the_detector() -> None:
    text = ("A long first paragraph of the article that tells the reader what happened in the town.\n"
            "Thanks for signing up!\nLook out for our first edition on Friday.\n"
            "Oops!\nThere was an error processing your subscription.")
    result = Cleaner().clean(text, kind="text")
    by_rule = {r.rule_id: r.text.strip() for r in result.removals}
    assert by_rule["newsletter.enclosed"] == "Look out for our first edition on Friday.\nOops!"
    assert result.text.startswith("A long first paragraph") and "inbox" not in result.text
