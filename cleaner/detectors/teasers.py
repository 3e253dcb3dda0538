"""Teaser lists: a heading such as "Trending News" or "More in World" over a run of headlines.

News and blog pages print lists of their other stories: a heading, then each story's title (a
short line without a full stop). Scraped to text, such a box sits between the article's
paragraphs or after them, and nothing but its shape tells it from the article. The run starts
under a heading phrase (or a run of them: "Most read in Science", "Latest videos") and goes on
while the lines are headline-shaped: ``item_min_words`` to ``item_max_words`` words (menus of
one-word links are another rule's), at most ``sentence_max_words`` when the line ends with a
full stop (a headline may ask a question or end in a quote, "…: "We got her!""), and never ending in a colon ("Here
are the highlights:" opens what follows, as no headline does). So the article's next paragraph
ends the run. Fewer than ``min_items`` such lines after the heading: not a list. A heading that
ends in a colon may name its topic on the next line ("More On:", then "plague"), and a date stamp
under a headline ("November 19, 2019") or a kicker in capitals over it ("RANDY ANDY") is part of
its entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import LIST_ITEM, DocView, Hit, Params, flat, register
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.detectors.stamps import is_stamp

_SENTENCE_END = re.compile(r"[.…。][\"'”’»)\]]*\s*$")  # a question or an exclamation can be a headline
LABEL_MAX_WORDS = 3  # a topic's name under a heading that ends in a colon ("More On:", then "plague")
KICKER_MAX_WORDS = 4  # a kicker in capitals over a headline ("RANDY ANDY")


class TeaserListParams(Params):
    """``headings``: phrases that are the whole heading line (at most ``heading_max_words``
    words). An item has ``item_min_words`` to ``item_max_words`` words (``sentence_max_words``
    when it ends like a sentence); ``min_items`` to ``max_items`` items follow the heading."""

    kind: Literal["teaser-list"]
    headings: dict[str, list[str]] | list[str]
    heading_max_words: int = Field(default=6, ge=1)
    item_min_words: int = Field(default=4, ge=1)
    item_max_words: int = Field(default=16, ge=1)
    long_item_max_words: int = Field(default=20, ge=1)
    sentence_max_words: int = Field(default=12, ge=1)
    min_items: int = Field(default=3, ge=1)
    max_items: int = Field(default=40, ge=1)


@register("teaser-list", TeaserListParams, contextual=True)
class TeaserListDetector:
    def __init__(self, params: TeaserListParams) -> None:
        self.params = params
        self.headings = PhraseMatcher(flat(params.headings), "line")

    def _item(self, view: DocView, i: int, most: int | None = None) -> bool:
        words = view.words[i]
        if words < self.params.item_min_words or words > (most or self.params.item_max_words):
            return False
        text = view.blocks[i].text.rstrip()
        if text.endswith((":", "：")):
            return False
        return words <= self.params.sentence_max_words or not _SENTENCE_END.search(text)

    @staticmethod
    def _kicker(view: DocView, i: int) -> bool:
        """Whether line ``i`` is a tabloid's kicker over a headline: a few words in capitals ("RANDY ANDY")."""
        text = view.blocks[i].text
        return view.words[i] <= KICKER_MAX_WORDS and text.isupper()

    def _label(self, view: DocView, i: int) -> bool:
        """Whether line ``i`` names the topic of the heading line above it, which ends in a colon
        ("More On:" over "plague"): a word or three, no sentence end."""
        above = view.blocks[i - 1].text.rstrip()
        return (above.endswith((":", "：")) and view.words[i] <= LABEL_MAX_WORDS
                and not _SENTENCE_END.search(view.blocks[i].text) and not _ends(view.blocks[i].text, "?", "!", ":"))

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
            if first < n and self._label(view, first):
                first += 1
            j, items = first, 0
            while j < n and items < p.max_items and headings[j] is None:
                if self._item(view, j) or (items and self._item(view, j, p.long_item_max_words)):
                    items += 1
                elif not ((items and is_stamp(view.blocks[j].text, view.words[j])) or self._kicker(view, j)):
                    break
                j += 1
            while j > first and not self._item(view, j - 1):  # a stamp or a long line after the last item: not the list
                j -= 1
            items = sum(self._item(view, k, p.long_item_max_words) for k in range(first, j))
            if items >= p.min_items:
                heading = view.blocks[first - 1].text[:40]
                why = f'{items} headline-shaped line(s) under "{heading}": a list of other stories'
                yield Hit(tuple(range(i, j)), why)
                i = j
            else:
                i += 1


def _ends(text: str, *endings: str) -> bool:
    return text.rstrip().endswith(endings)


_NUMBERED = re.compile(r"\d{1,3}[.)]\s")  # a listicle's entry: "4. Lineman's pliers"
_BLURB_END = re.compile(r"(?:[.!?…。！？]|\.\.\.)[\"'”’»)\]]*\s*$")


class TeaserFeedParams(Params):
    """A card is a one-line blurb (``blurb_min_words`` to ``blurb_max_words`` words, a sentence)
    with at most ``max_gap`` short lines (title, kicker, byline, date; ``title_max_words`` words
    or fewer, none a numbered entry or ending in a colon) before it, one of them a title
    (``title_min_words`` words or more, no full stop). ``min_cards`` cards in a row make a feed
    when the blurbs' median is at most ``blurb_median_max_words`` words, the titles' median at
    least ``title_median_min_words`` (headlines; a feature grid's names are shorter), and at most
    ``max_question_share`` of the cards are titled by a question (a FAQ). Only after an article:
    ``min_article_words`` words in ``min_article_lines`` paragraphs before the feed (lines longer
    than any blurb, or lines of ``prose_min_words`` words beside another), and at most
    ``max_paragraphs_after`` paragraphs after it (else the article, or a listing, goes on)."""

    kind: Literal["teaser-feed"]
    blurb_min_words: int = Field(default=8, ge=1)
    blurb_max_words: int = Field(default=50, ge=1)
    blurb_median_max_words: int = Field(default=35, ge=1)
    title_min_words: int = Field(default=2, ge=1)
    title_max_words: int = Field(default=18, ge=1)
    max_gap: int = Field(default=4, ge=1)
    min_cards: int = Field(default=4, ge=2)
    max_question_share: float = Field(default=0.5, ge=0.0, le=1.0)
    min_article_words: int = Field(default=150, ge=0)
    min_article_lines: int = Field(default=3, ge=0)
    prose_min_words: int = Field(default=25, ge=1)
    max_paragraphs_after: int = Field(default=0, ge=0)
    title_median_min_words: int = Field(default=6, ge=1)


@register("teaser-feed", TeaserFeedParams, contextual=True)
class TeaserFeedDetector:
    """A feed of other stories' cards after the article: each a title (with its kicker, byline or
    date) over a one-line blurb, four or more in a row, and nothing of the article after them.
    Scraped to text, a feed of teasers looks like an article's sections, save that every section
    is one short paragraph under a headline. What else has that shape is kept by the conditions:
    a landing page's feature grid (short names, and more of the page after it), a listicle
    (numbered entries), a FAQ (questions), a listing with no article above it."""

    def __init__(self, params: TeaserFeedParams) -> None:
        self.params = params

    def _blurb(self, view: DocView, i: int) -> bool:
        p, words, text = self.params, view.words[i], view.texts[i]
        if words > p.blurb_max_words or words < p.blurb_min_words or LIST_ITEM.match(text.lstrip()):
            return False
        return words > p.title_max_words or bool(_BLURB_END.search(text))

    def _title(self, view: DocView, i: int) -> bool:
        p, text = self.params, view.texts[i]
        return p.title_min_words <= view.words[i] <= p.title_max_words and not _ends(text, ".", ":", "：") \
            and not LIST_ITEM.match(text.lstrip())

    def _gap(self, view: DocView, lo: int, hi: int, blurbs: set[int]) -> bool:
        """Lines ``lo``–``hi`` are a card's head: short lines, no blurb among them, one a title."""
        if not 1 <= hi - lo <= self.params.max_gap:
            return False
        lines = range(lo, hi)
        return all(i not in blurbs and view.words[i] <= self.params.title_max_words
                   and not _ends(view.texts[i], ":", "：") and not _NUMBERED.match(view.texts[i].lstrip())
                   for i in lines) and any(self._title(view, i) for i in lines)

    def _paragraph(self, view: DocView, i: int) -> bool:
        """An article's paragraph: longer than any blurb, or a long line beside another (a card's
        blurb stands alone between short lines)."""
        p, words = self.params, view.words
        if words[i] > p.blurb_max_words:
            return True
        return words[i] >= p.prose_min_words and any(
            0 <= j < len(words) and words[j] >= p.prose_min_words for j in (i - 1, i + 1))

    def _head(self, view: DocView, blurb: int) -> int:
        """Where the first card's head starts: the short lines without a full stop right above its blurb."""
        i = blurb
        while i > 0 and blurb - i < self.params.max_gap and view.words[i - 1] <= self.params.title_max_words \
                and not _ends(view.texts[i - 1], "."):
            i -= 1
        return i

    def _chains(self, view: DocView) -> Iterator[tuple[int, list[int]]]:
        """Runs of cards: where the first card's head starts, and each card's blurb."""
        blurbs = [i for i in range(len(view.blocks)) if self._blurb(view, i)]
        found = set(blurbs)
        k = 0
        while k < len(blurbs):
            chain = [blurbs[k]]
            while k + 1 < len(blurbs) and self._gap(view, chain[-1] + 1, blurbs[k + 1], found):
                k += 1
                chain.append(blurbs[k])
            k += 1
            start = self._head(view, chain[0])
            if start == chain[0] or not self._gap(view, start, chain[0], found):
                chain, start = chain[1:], chain[0] + 1  # the first blurb has no title: the article's
            if chain:
                yield start, chain

    def _feed(self, view: DocView, start: int, chain: list[int]) -> str | None:
        """Evidence that the cards are a feed after an article, or None when they are not."""
        p = self.params
        if len(chain) < p.min_cards:
            return None
        sizes = sorted(view.words[i] for i in chain)
        if sizes[len(sizes) // 2] > p.blurb_median_max_words:  # an article's sections
            return None
        heads = [start, *(i + 1 for i in chain[:-1])]
        titles = sorted(max((view.words[j] for j in range(lo, b) if self._title(view, j)), default=0)
                        for lo, b in zip(heads, chain, strict=True))
        if titles[len(titles) // 2] < p.title_median_min_words:  # feature names, not headlines
            return None
        if sum(_ends(view.texts[i - 1], "?") for i in chain) > p.max_question_share * len(chain):  # a FAQ
            return None
        prose = [view.words[i] for i in range(start) if self._paragraph(view, i)]
        if sum(prose) < p.min_article_words or len(prose) < p.min_article_lines:  # a listing
            return None
        after = sum(self._paragraph(view, i) for i in range(chain[-1] + 1, len(view.blocks)))
        if after > p.max_paragraphs_after:  # the article (or a listing's next section) goes on
            return None
        return (f"{len(chain)} teaser cards in a row (a title over a one-line blurb of "
                f"{sizes[0]}–{sizes[-1]} words each) after {sum(prose)} words of article")

    def __call__(self, view: DocView) -> Iterator[Hit]:
        for start, chain in self._chains(view):
            why = self._feed(view, start, chain)
            if why is not None:
                yield Hit(tuple(range(start, chain[-1] + 1)), why)
