"""The repeated-run detector: a second copy of a passage goes, the first stays."""

from __future__ import annotations

from cleaner.detectors.base import DocView
from cleaner.detectors.repeats import RepeatedRunDetector, RepeatedRunParams
from cleaner.parse.text import text_document

ONE = "The council approved the new bridge on Tuesday after a debate that lasted most of the evening."
TWO = "The mayor said the work would start in the spring once the contracts had been signed by all."
THREE = "Opponents said they would take the decision to court, and a hearing is expected next month."


def _hits(lines: list[str], **params) -> list[tuple[int, ...]]:
    detector = RepeatedRunDetector(RepeatedRunParams(kind="repeated-run", **params))
    return [hit.blocks for hit in detector(DocView(text_document("\n".join(lines))))]


def test_the_later_copy_goes_and_short_lines_between_its_paragraphs_stay() -> None:
    # blocks: 0 ONE, 1 TWO, 2 THREE, 3 "Share", 4 ONE, 5 "Photo: AP", 6 TWO
    assert _hits([ONE, TWO, THREE, "Share", ONE, "Photo: AP", TWO]) == [(4, 6)]


def test_one_repeated_paragraph_is_no_copy_of_a_passage() -> None:
    assert _hits([ONE, TWO, ONE, THREE]) == []
    assert _hits([ONE, TWO, ONE, THREE], min_run=1) == [(2,)]


def test_a_new_paragraph_ends_a_run() -> None:
    # ONE TWO | ONE (copy) THREE (new) TWO (copy): two runs of one copy each, neither long enough
    assert _hits([ONE, TWO, ONE, THREE, TWO]) == []


def test_list_items_and_short_lines_never_count() -> None:
    item = "- Free shipping on every order over twenty dollars in the whole country"
    assert _hits([item, "- One free return within thirty days of the delivery", item,
                  "- One free return within thirty days of the delivery"]) == []
    assert _hits(["Read more", "Share this", "Read more", "Share this"]) == []
