"""The tail-section detector: a heading late in the text opens a section to the end, or to an ``until`` line."""

from __future__ import annotations

from cleaner import Cleaner

ARTICLE = ("The council approved the budget on Tuesday after a long debate about how much money should go to the "
           "transport department and to the schools in the northern districts of the city.\n") * 3
BIO = "About the author\nJane Doe covers city hall for the paper and has written about local politics for ten years.\n"


def _removed(text: str) -> dict[str, str]:
    result = Cleaner(select=("metadata.author-bio",)).clean(text, kind="text")
    return {r.rule_id: r.text.strip() for r in result.removals}


def test_the_authors_box_runs_to_the_end() -> None:
    removed = _removed(ARTICLE + BIO + "More from Jane Doe\nCouncil sells the old depot")
    assert removed["metadata.author-bio"].endswith("Council sells the old depot")


def test_the_articles_references_under_the_authors_box_stay() -> None:
    references = "References\n- City budget 2024, the finance office's report to the council"
    result = Cleaner(select=("metadata.author-bio",)).clean(ARTICLE + BIO + references, kind="text")
    assert [r.text.strip() for r in result.removals] == [BIO.strip()]
    assert result.text.endswith(references)


# -- HTML: related cards bounded by the heading's parent element -----------------------------------

PARAGRAPH = ("<p>The council approved the budget on Tuesday after a long debate about how much money should go to "
             "the transport department and to the schools in the northern districts of the city.</p>")
EXCERPT = ("A new bus line will link the northern districts to the city centre from next spring, the transport "
           "department said on Monday, after a year of complaints from residents who spend more than an hour on "
           "their way to work every morning and who had asked for a direct line for years.")


def _related(html: str) -> list[str]:
    result = Cleaner(select=("navigation.related-tail",), main_content=False).clean(html, kind="html")
    return [r.text.strip() for r in result.removals if r.rule_id == "navigation.related-tail"]


def _page(after_article: str, tail: str = "") -> str:
    return f"<html><body><main><article>{PARAGRAPH * 4}</article>{after_article}</main>{tail}</body></html>"


def test_cards_inside_a_single_grid_under_the_heading_are_found() -> None:
    cards = "".join(f'<div class="card"><p>{EXCERPT}</p></div>' for _ in range(3))
    html = _page(f'<section><h3>Related articles</h3><div class="grid">{cards}</div></section>',
                 "<footer><p>Contact the newsroom</p></footer>")
    assert _related(html) == ["\n".join(["Related articles", EXCERPT, EXCERPT, EXCERPT])]  # not the footer


def test_cards_of_different_kinds_are_no_teaser_grid() -> None:
    html = _page(f'<section><h3>Related articles</h3><div class="card"><p>{EXCERPT}</p></div>'
                 f'<aside class="card"><p>{EXCERPT}</p></aside></section>')
    assert _related(html) == []


def test_a_section_to_the_end_wins_over_the_cards_inside_it() -> None:
    cards = "".join(f'<div class="card"><a href="/{n}">Bus line number {n} opens</a></div>' for n in range(3))
    html = _page(f"<section><h3>Related articles</h3>{cards}</section><p>Thanks for visiting!</p>")
    assert _related(html) == ["\n".join(["Related articles", *(f"Bus line number {n} opens" for n in range(3)),
                                          "Thanks for visiting!"])]
