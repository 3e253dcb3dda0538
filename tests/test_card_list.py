"""The card-list detector: teaser cards beside an article go; a listing's cards are its content."""

from __future__ import annotations

from cleaner import Cleaner

CARDS = ('<ul><li><h3><a href="/a">Mayor opens new library</a></h3><h4>The building took three years</h4></li>'
         '<li><h3><a href="/b">Buses to run all night</a></h3><h4>A trial starts in March</h4></li>'
         '<li><h3><a href="/c">Record crowd at the marathon</a></h3><h4>Forty thousand people ran</h4></li></ul>')
ARTICLE = ("<p>The city council voted on Tuesday to approve the construction of a new bridge over the river, "
           "ending a debate that has lasted more than ten years and divided the residents of both banks.</p>"
           "<p>Work is expected to begin next spring and to last two years, according to the mayor, who called "
           "the vote a turning point for the city and for the people who cross the river every day.</p>"
           "<p>Opponents said they would take the decision to court, and a hearing is expected next month, when "
           "a judge will decide whether the work can start before the case is heard in full.</p>")


def _removed(html: str, **params) -> list[str]:
    overrides = {"navigation.teaser-cards": {"match": [params]}} if params else {}
    result = Cleaner(select=["navigation.teaser-cards"], overrides=overrides).clean(html, kind="html")
    return [r.text.strip() for r in result.removals if r.rule_id == "navigation.teaser-cards"]


def test_cards_after_an_article_go_with_their_blurbs() -> None:
    removed = _removed(f"<html><body><article>{ARTICLE}{CARDS}</article></body></html>")
    assert removed == ["Mayor opens new library\nThe building took three years\nBuses to run all night\n"
                       "A trial starts in March\nRecord crowd at the marathon\nForty thousand people ran"]


def test_a_listing_keeps_its_cards_and_only_the_guards_keep_them() -> None:
    listing = f"<html><body><main>{CARDS}</main></body></html>"
    assert _removed(listing) == []
    assert _removed(listing, min_paragraphs=0) == []  # the cards are all of the main content
    assert _removed(listing, min_paragraphs=0, max_share=1.0) != []


def test_two_cards_are_no_list() -> None:
    third = CARDS.index('<li><h3><a href="/c">')
    two = CARDS[:third] + "</ul>"
    assert _removed(f"<html><body><article>{ARTICLE}{two}</article></body></html>") == []


def test_linked_headlines_in_a_row_outside_lists_go_but_not_sections_with_linked_headings() -> None:
    titles = ("Mayor opens new library", "Buses to run all night", "Record crowd at the marathon")
    headlines = "".join(f'<div class="rel"><a href="/{k}"><h3>{t}</h3></a></div>' for k, t in enumerate(titles))
    assert _removed(f"<html><body><article>{ARTICLE}{headlines}</article></body></html>") == [
        "Mayor opens new library\nBuses to run all night\nRecord crowd at the marathon"]
    sections = "".join(f'<h2><a href="#{k}">{t}</a></h2><p>A short paragraph under it.</p>' for k, t in
                       enumerate(("The plan", "The cost", "What next")))
    assert _removed(f"<html><body><article>{ARTICLE}{sections}</article></body></html>") == []
