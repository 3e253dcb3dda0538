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


def test_a_template_repeated_with_variants_is_no_second_copy() -> None:
    # A plan that repeats its meals from day to day: day 2 copies day 1's first two meals, then
    # its third meal is a variant of day 1's. A second copy of a passage is followed by something
    # else (the same copy followed by an unrelated paragraph goes).
    meal_1 = "Asparagus and eggs with half a cup of sweet potato and one teaspoon of olive oil"
    meal_2 = "Chicken zoodles with four ounces of cooked chicken, edamame, ginger and sesame oil"
    meal_3 = "Tomato cucumber salad with cherry tomatoes, cucumber slices, feta and balsamic vinegar"
    variant = "Tomato cucumber salad with cherry tomatoes, cucumber slices, feta, balsamic vinegar and grapes"
    day = ["Day 1", meal_1, meal_2, meal_3, "Day 2", meal_1, meal_2]
    assert _hits([*day, variant]) == []
    assert _hits([*day, THREE]) == [(5, 6)]


def test_a_template_entry_is_compared_with_the_latest_entry_before_it() -> None:
    # Three days of a plan, each meal followed by the same recurring line; each day copies the
    # first meals of the day before and varies its third. The run's sources, first copies first,
    # end at day 1's second meal, followed by the recurring line, which says nothing: the entry
    # to compare is the one after the latest copy of the run's last paragraph (day 2's third meal).
    meal_1 = "Asparagus and eggs with half a cup of sweet potato and one teaspoon of olive oil"
    meal_2 = "Chicken zoodles with four ounces of cooked chicken, edamame, ginger and sesame oil"
    portions = "Portion containers for this meal: one green, one red, one yellow and a teaspoon"
    day_1 = ["Day 1", meal_1, portions, meal_2, portions,
             "Slow cooker beef chili with a spoon of cilantro and ten olives on the side"]
    day_2 = ["Day 2", meal_1, portions, meal_2, portions,
             "Slow cooker beef chili with a spoon of cilantro, green onions and ten olives on the side"]
    day_3 = ["Day 3", meal_1, portions, meal_2, portions,
             "Slow cooker beef chili with a spoon of cilantro, green onions, ten olives and rice on the side"]
    assert _hits([*day_1, *day_2, *day_3]) == []
    assert _hits([*day_1, *day_2, *day_3[:-1], THREE]) == [(13, 14, 15, 16)]


def test_copies_made_adjacent_by_another_rule_are_a_run_on_the_first_pass() -> None:
    """The detector looks again at the lines the other rules keep: a sentence removed between two
    newsletter lines joins the copies around it into one run, so cleaning once is enough (cleaning
    the clean text again removes nothing)."""
    from cleaner import Cleaner

    signup = "Sign up for our newsletter"
    doc = "\n".join([ONE, ONE, signup, TWO, signup, ONE]) + "\n"
    cleaner = Cleaner()
    once = cleaner.clean(doc, kind="text")
    assert [r.rule_id for r in once.removals if r.text.strip() == ONE] == ["layout.repeated-passage"] * 2
    assert cleaner.clean(once.text, kind="text").removals == ()


def _decide(size: int, findings: list) -> list[bool]:
    from cleaner.resolve import decide

    doc = text_document("\n".join(f"line {i}" for i in range(size)))
    return [d.keep for d in decide(doc, findings)]


def test_a_copy_goes_only_while_an_earlier_copy_stays() -> None:
    """The resolver drops a copy's claim on a line whose earlier copies all went to other rules:
    the passage is kept once, not nowhere."""
    from cleaner.model import Action, Finding

    chrome = Finding("layout.outside-article", "layout", Action.REMOVE, (0, 1), 0.7, "before the article")
    # lines 2 and 3 copy lines 0 and 1; line 4 copies line 0 and line 2
    copy = Finding("layout.repeated-passage", "layout", Action.REMOVE, (2, 3, 4), 0.7, "a second copy",
                   requires=((0,), (1,), (0, 2)))
    assert _decide(5, [copy]) == [True, True, False, False, False]
    assert _decide(5, [chrome, copy]) == [False, False, True, True, False]


def test_requires_names_earlier_blocks_only() -> None:
    import pytest

    from cleaner.model import Action, Finding

    with pytest.raises(ValueError, match="earlier"):
        Finding("r", "layout", Action.REMOVE, (2, 3), 0.7, "e", requires=((0,), (3,)))
    with pytest.raises(ValueError, match="earlier"):
        Finding("r", "layout", Action.REMOVE, (2, 3), 0.7, "e", requires=((0,),))


def test_a_passage_whose_first_copy_is_leading_chrome_is_kept_once() -> None:
    """End to end: the page's opening passage, repeated as the article's opening, stays in the
    article when the region rule takes the lines before the article (the first copy with them)."""
    from cleaner import Cleaner

    menu = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Search", "Menu", "Sign in", "Podcasts"]
    article = [ONE, TWO, THREE, *(f"{THREE[:-1]} in the {n} district, officials said on Monday." for n in
                                  ("north", "south", "east", "west", "old", "new", "harbour", "river"))]
    footer = ["About us", "Contact", "Careers", "Advertise", "Privacy", "Terms", "© 2024 Example Media"]
    text = "\n".join([*menu, ONE, TWO, *menu[:4], *article, *footer]) + "\n"
    result = Cleaner().clean(text, kind="text")
    assert result.text.count(ONE) == 1 and result.text.count(TWO) == 1


def test_a_text_repeated_thousands_of_times_names_a_bounded_number_of_copies() -> None:
    from cleaner.detectors.repeats import MAX_REQUIRED

    detector = RepeatedRunDetector(RepeatedRunParams(kind="repeated-run"))
    hits = list(detector(DocView(text_document("\n".join([ONE, TWO] * 3000)))))
    assert [h.blocks[0] for h in hits] == [2]
    assert len(hits[0].blocks) == 5998
    assert hits[0].requires[:2] == ((0,), (1,))
    assert max(len(r) for r in hits[0].requires) == MAX_REQUIRED
