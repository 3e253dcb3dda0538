"""The page's own address on a line of its own (``page-url`` detector, rule ``layout.page-url``)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.detectors.pageurl import page_key

ARTICLE = ("Fans queued overnight for the tickets, which sold out within an hour of going on sale on "
           "Monday morning, the organisers said in a statement.")


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(select=("layout.page-url",))


def _removed(cleaner: Cleaner, text: str, url: str | None) -> list[str]:
    return [r.text.strip() for r in cleaner.clean(text, kind="text", url=url).removals]


def test_text_mode_uses_the_url_given(cleaner: Cleaner) -> None:
    text = f"{ARTICLE}\n\nCopy this link\nhttps://www.bbc.com/news/newsbeat-50470672\n"
    assert _removed(cleaner, text, "https://www.bbc.com/news/newsbeat-50470672") == [
        "https://www.bbc.com/news/newsbeat-50470672"]
    assert _removed(cleaner, text, None) == []  # no URL given: no address is the page's own
    assert _removed(cleaner, text, "https://www.bbc.com/news/world-50473792") == []


@pytest.mark.parametrize("line", [
    "http://bbc.com/news/newsbeat-50470672/",  # scheme, www. and a trailing slash do not matter
    "https://m.bbc.com/news/newsbeat-50470672#comments",  # nor a mobile host or a fragment
    "Short URL: https://www.bbc.com/news/newsbeat-50470672?utm_source=share",  # a label; a tracker's query
])
def test_same_page_written_differently(cleaner: Cleaner, line: str) -> None:
    assert _removed(cleaner, f"{ARTICLE}\n\n{line}\n", "https://www.bbc.com/news/newsbeat-50470672") == [line]


@pytest.mark.parametrize("line", [
    "https://www.bbc.com/news/newsbeat-50470673",  # another article of the site
    "https://www.bbc.com/",  # the site's home page
    "The story was first published at https://www.bbc.com/news/newsbeat-50470672 on Monday.",  # a sentence
    "https://www.bbc.com/news/newsbeat-50470672 https://www.bbc.com/news/newsbeat-50470672",  # two addresses
])
def test_other_lines_stay(cleaner: Cleaner, line: str) -> None:
    assert _removed(cleaner, f"{ARTICLE}\n\n{line}\n", "https://www.bbc.com/news/newsbeat-50470672") == []


def test_a_home_page_claims_no_address(cleaner: Cleaner) -> None:
    """On a site's home page, its address on a line is the site's contact line, not a share field."""
    assert _removed(cleaner, f"{ARTICLE}\n\nwww.example.com\n", "https://www.example.com/?ref=ad") == []


def test_html_reads_the_canonical_link(cleaner: Cleaner) -> None:
    page = ('<html><head><link rel="canonical" href="https://news.example.org/2019/11/cat-found/"></head>'
            f'<body><article><p>{ARTICLE}</p><p>https://news.example.org/2019/11/cat-found</p></article></body></html>')
    result = cleaner.clean(page, kind="html")
    assert [(r.rule_id, r.text.strip()) for r in result.removals] == [
        ("layout.page-url", "https://news.example.org/2019/11/cat-found")]


@pytest.mark.parametrize(("url", "key"), [
    ("https://WWW.Example.com/A/b/?x=1#top", ("example.com", "/a/b", "x=1")),
    ("www.example.com/a", ("example.com", "/a", "")),
    ("https://localhost/a", None),  # no dot in the host: not a web page's address
    ("http://[::1/a", None),  # malformed: no address rather than an error
])
def test_page_key(url: str, key: tuple[str, str, str] | None) -> None:
    assert page_key(url) == key
