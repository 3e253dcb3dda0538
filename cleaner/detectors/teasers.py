"""Teaser lists: a heading such as "Trending News" or "More in World" over a run of headlines.

News and blog pages print lists of their other stories: a heading, then each story's title (a
short line without a full stop). Scraped to text, such a box sits between the article's
paragraphs or after them, and nothing but its shape tells it from the article. The run starts
under a heading phrase (or a run of them: "Most read in Science", "Latest videos") and goes on
while the lines are headline-shaped: ``item_min_words`` to ``item_max_words`` words (menus of
one-word links are another rule's), at most ``sentence_max_words`` when the line ends with a
full stop (a headline may ask a question or end in a quote, "…: "We got her!""), and never ending in a colon ("Here
are the highlights:" opens what follows, as no headline does). So the article's next paragraph
ends the run. Fewer than ``min_items`` such lines after the heading: not a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.phrases import PhraseMatcher

_SENTENCE_END = re.compile(r"[.…。][\"'”’»)\]]*\s*$")  # a question or an exclamation can be a headline


class TeaserListParams(Params):
    """``headings``: phrases that are the whole heading line (at most ``heading_max_words``
    words). An item has ``item_min_words`` to ``item_max_words`` words (``sentence_max_words``
    when it ends like a sentence); ``min_items`` to ``max_items`` items follow the heading."""

    kind: Literal["teaser-list"]
    headings: dict[str, list[str]] | list[str]
    heading_max_words: int = Field(default=6, ge=1)
    item_min_words: int = Field(default=4, ge=1)
    item_max_words: int = Field(default=16, ge=1)
    sentence_max_words: int = Field(default=12, ge=1)
    min_items: int = Field(default=3, ge=1)
    max_items: int = Field(default=40, ge=1)


@register("teaser-list", TeaserListParams, contextual=True)
class TeaserListDetector:
    def __init__(self, params: TeaserListParams) -> None:
        self.params = params
        self.headings = PhraseMatcher(flat(params.headings), "line")

    def _item(self, view: DocView, i: int) -> bool:
        words = view.words[i]
        if words < self.params.item_min_words or words > self.params.item_max_words:
            return False
        text = view.blocks[i].text.rstrip()
        if text.endswith((":", "：")):
            return False
        return words <= self.params.sentence_max_words or not _SENTENCE_END.search(text)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p, n = self.params, len(view.blocks)
        headings = self.headings.matches(view)
        i = 0
        while i < n:
            if headings[i] is None or view.words[i] > p.heading_max_words:
                i += 1
                continue
            first = i + 1  # a run of headings ("Most read", then "Latest videos") opens one list
            while first < n and headings[first] is not None and view.words[first] <= p.heading_max_words:
                first += 1
            j = first
            while j < n and j - first < p.max_items and headings[j] is None and self._item(view, j):
                j += 1
            if j - first >= p.min_items:
                heading = view.blocks[first - 1].text[:40]
                why = f'{j - first} headline-shaped line(s) under "{heading}": a list of other stories'
                yield Hit(tuple(range(i, j)), why)
                i = j
            else:
                i += 1
