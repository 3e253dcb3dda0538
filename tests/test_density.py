"""The prose-density main-content stage (cleaner.html.density) and how it hands over to trafilatura."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.extract import FirstAnswer, MainContent, TrafilaturaExtractor, default_extractor
from cleaner.html.density import ProseDensityExtractor
from cleaner.model import Document
from cleaner.parse.html import html_document

PARA = ("The committee heard evidence from engineers, residents and the builders of the old bridge, who said that "
        "the structure had been repaired many times since it opened and that a new crossing was long overdue {n}.")
TEASER = ("A summary of another story on this site, long enough to read as prose to a density measure, about the "
          "weather, the markets and the football results of the week {n}.")


def _kept(html: str) -> list[str] | None:
    doc = html_document(html)
    found = ProseDensityExtractor().main_content(doc)
    return None if found is None else [b.text for b, c in zip(doc.blocks, found.coverage, strict=True) if c]


def _page(body: str, title: str = "Bridge approved") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def test_the_container_richest_in_prose_is_the_article_and_its_chrome_stays_out() -> None:
    body = ("<nav><ul>" + "".join(f"<li><a href='/s{n}'>Section {n}</a></li>" for n in range(12)) + "</ul></nav>"
            "<div class='layout'><div class='story'>" + "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(4))
            + "<div class='share-bar'><p>Share this story with your friends and family on every network you use "
              "today, please.</p></div>"
            + "<ul class='links'>" + "".join(f"<li><a href='/r{n}'>Related story number {n}</a></li>" for n in range(4))
            + "</ul></div><aside>" + "".join(f"<p>{TEASER.format(n=n)}</p>" for n in range(2)) + "</aside></div>"
            "<footer><p>© 2024 Gazette Media. All rights reserved across the whole wide world.</p></footer>")
    assert _kept(_page(body)) == [PARA.format(n=n) for n in range(4)]


def test_the_headline_anchors_a_short_story_beside_a_block_of_teasers() -> None:
    """Story and teasers both read as prose, so the page's body holds the most; the page's headline
    sits with the story, and its neighbourhood wins. Without a headline the teasers stay in."""
    links = "<ul>" + "".join(f"<li><a href='/r{n}'>Read the related story number {n}</a></li>"
                             for n in range(5)) + "</ul>"
    story = "<div class='main'><h1>Bridge approved</h1>" + "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(4))
    teasers = "<div class='more'>" + "".join(f"<div class='card'><p>{TEASER.format(n=n)}</p></div>" for n in range(4))
    kept = _kept(_page(story + links + "</div>" + teasers + "</div>"))
    assert kept == ["Bridge approved", *(PARA.format(n=n) for n in range(4))]
    no_headline = _kept(_page(story.replace("<h1>Bridge approved</h1>", "") + links + "</div>" + teasers + "</div>"))
    assert no_headline is not None and TEASER.format(n=3) in no_headline


@pytest.mark.parametrize("name", ["share-bar", "related-posts", "right-rail", "most-read", "newsletter-box"])
def test_blocks_under_furniture_named_inside_the_container_stay_out(name: str) -> None:
    """Class names between a block and the article's container say what it is; those above the
    container say nothing (a layout with a sidebar wraps the article too)."""
    paras = "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(5))
    body = (f"<div class='l-sidebar-fixed'><div class='story'>{paras}"
            + f"<div class='{name}'><p>{TEASER.format(n=0)}</p></div></div></div>")
    assert _kept(_page(body)) == [PARA.format(n=n) for n in range(5)]


def test_a_container_named_for_the_article_is_preferred_inside_a_wider_one() -> None:
    body = ("<div class='wrap'><div class='entry-content'>" + "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(5))
            + "</div><div class='about'><p>" + TEASER.format(n=0) + "</p></div></div>")
    assert _kept(_page(body)) == [PARA.format(n=n) for n in range(5)]


def test_it_declines_a_page_without_prose_or_an_article_in_pieces() -> None:
    listing = "<ul>" + "".join(f"<li><a href='/p{n}'>Product {n}</a> $19.99</li>" for n in range(40)) + "</ul>"
    assert _kept(_page(listing)) is None
    pieces = "".join(f"<section><div><p>{PARA.format(n=n)}</p></div></section><nav><a href='/x'>x</a></nav>"
                     for n in range(3))
    spread = _page("<div>" + pieces + "</div>".join(f"<div><p>{TEASER.format(n=n)}</p>" for n in range(3)) + "</div>")
    found = _kept(spread)
    assert found is None or len(found) >= 3


class _Fixed:
    name = "fixed"

    def __init__(self, answer: MainContent | None) -> None:
        self.answer, self.calls = answer, 0

    def main_content(self, doc: Document) -> MainContent | None:
        self.calls += 1
        return self.answer


def test_first_answer_asks_the_next_extractor_only_when_one_declines() -> None:
    doc = html_document(_page(f"<p>{PARA.format(n=0)}</p>"))
    answer = MainContent((1.0,), "fixed")
    later = _Fixed(MainContent((0.0,), "later"))
    assert FirstAnswer(_Fixed(answer), later).main_content(doc) is answer and later.calls == 0
    assert FirstAnswer(_Fixed(None), later).main_content(doc).source == "later" and later.calls == 1
    assert FirstAnswer(_Fixed(None), _Fixed(None)).main_content(doc) is None


def test_the_stage_is_chosen_by_configuration() -> None:
    assert isinstance(default_extractor(stage="trafilatura"), TrafilaturaExtractor)
    density = default_extractor()
    assert isinstance(density, FirstAnswer) and isinstance(density.extractors[0], ProseDensityExtractor)
    with pytest.raises(CleanerError, match="main_content_stage"):
        Config(main_content_stage="readability")
    page = _page("<div class='story'><h1>Bridge approved</h1>" + "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(4))
                 + "</div><div class='more'><p>Other news: the mayor opened a new library in the north.</p></div>")
    for stage, source in (("density", "prose density"), ("trafilatura", "trafilatura")):
        result = Cleaner(Config(main_content_stage=stage)).clean(page)
        assert PARA.format(n=3) in result.text and "Other news" not in result.text
        outside = [r for r in result.removals if r.rule_id == "layout.outside-main"]
        assert outside and all(source in r.evidence for r in outside)
