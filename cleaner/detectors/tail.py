"""Tail sections: a heading after the article that opens chrome running to the end of the text.

"34 Comments", "Leave a Reply" or "6 thoughts on “…”" after an article opens its comment
thread; extractors keep the thread's bodies but drop the author lines, so the only sign left is
the heading. The section runs from the heading to the end of the document. Position prior: the
heading counts only when enough prose comes before it (so a "Comments" link in a share bar above
the article, or a forum whose posts are the page, is left alone). A heading printed again further
down is a control under each post ("Add a comment" under a question and under every answer), not
the opening of a section: only its last copy may open one (after the last answer). The detector
runs once, over the whole text: over the lines a later pass keeps, an earlier copy would look last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, field_validator

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.detectors.regex import BlockRegex, LineGuard, compiles
from cleaner.words import text_width


class TailSectionParams(Params):
    """``headings``: phrases that are the whole heading line; ``starts``: phrases a heading may
    begin with ("6 thoughts on …"); ``patterns``: RE2 regexes for a heading line. A heading has at
    most ``heading_max_words`` words. ``min_prose_before``: characters of prose (lines of at least
    ``prose_min_words`` words; a Han or kana character counts three) before the heading, and
    ``min_prose_share`` of all the prose.
    ``max_line_words_after``: no line after the heading may be longer (teasers are short; a
    paragraph after the heading means the article goes on). ``min_words_next``: the line right after
    the heading has at least this many words (a comment, not the next button of a share bar
    "Comments / Print / Email"). ``unless_line``: RE2 patterns for a
    whole line; a document with such a line is left alone (a Q&A page's "3 Answers": its answers
    are the page, and "Add a comment" under each is no thread to cut). ``until``: phrases for a
    whole line that ends the section before it, when the article goes on after the box (its
    "References" under the author's biography). ``cards`` (HTML): a heading whose parent element
    goes on with repeated cards (see ``card_section``) takes them, however long their excerpts and
    however much prose they hold; ``max_line_words_after`` and ``min_prose_share`` do not apply to
    such a section, ``min_prose_before`` does."""

    kind: Literal["tail-section"]
    headings: dict[str, list[str]] | list[str] = Field(default_factory=list)
    starts: dict[str, list[str]] | list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    heading_max_words: int = Field(default=20, ge=1)
    min_prose_before: int = Field(default=400, ge=0)
    min_prose_share: float = Field(default=0.25, ge=0.0, le=1.0)
    prose_min_words: int = Field(default=10, ge=1)
    max_line_words_after: int | None = Field(default=None, ge=1)
    min_words_next: int = Field(default=0, ge=0)
    unless_line: list[str] = Field(default_factory=list)
    until: dict[str, list[str]] | list[str] = Field(default_factory=list)
    cards: bool = False

    @field_validator("unless_line")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return compiles(value)


_BARE = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "dl", "br", "hr"})
# Teaser cards are boxes; the items of a list under "More from …" are as often the article's own
# resources or references, each a long line, as they are teasers.
_CARD_TAGS = frozenset({"article", "div", "section", "aside", "figure"})
MIN_CARDS = 2
WRAPPERS = 3  # levels of single wrappers (a grid) between the heading's parent and the cards


def _child_of(el: Any, scope: Any) -> Any | None:
    """The child of ``scope`` that is ``el`` or holds it; None when ``el`` is outside ``scope``."""
    while el is not None:
        parent = el.getparent()
        if parent is scope:
            return el
        el = parent
    return None


def _cards(elements: list[Any], scope: Any) -> list[Any]:
    """Per element, from the first on, the child of ``scope`` holding it, up to the first element
    outside ``scope`` or that is itself a bare paragraph of it (the article going on)."""
    units = []
    for el in elements:
        unit = _child_of(el, scope)
        if unit is None or (unit is el and unit.tag in _BARE):
            break
        units.append(unit)
    return units


def card_section(view: DocView, i: int) -> tuple[tuple[int, ...], str, int] | None:
    """On HTML, the blocks of the cards that follow heading ``i`` in its parent element (or in a
    single wrapper after it: a grid): every block up to the parent's end, or to the first block
    that is no card, sits in one of at least ``MIN_CARDS`` sibling boxes of one kind (``<article>``,
    ``<div>``, ``<section>``…, the same tag, sharing a class when they have any), none a bare
    paragraph. Returns those blocks, the cards' tag and their number; None when there are no such
    cards."""
    page = getattr(view.doc, "page", None)
    if page is None or not getattr(page, "containers", None):
        return None
    head = page.containers[view.index[i]]
    scope = head.getparent() if head is not None else None
    if scope is None or scope.tag in ("body", "html"):
        return None
    elements = [page.containers[j] for j in view.index[i + 1:]]
    for _ in range(WRAPPERS + 1):
        units = _cards(elements, scope)
        cards = list(dict.fromkeys(units))  # in order, each once
        if len(cards) != 1 or len(units) < 2:
            break
        scope, elements = cards[0], elements[:len(units)]  # one wrapper holds them all: look inside
    if len(cards) < MIN_CARDS:
        return None
    classes = [frozenset((c.get("class") or "").split()) for c in cards]
    if len({c.tag for c in cards}) > 1 or cards[0].tag not in _CARD_TAGS \
            or (any(classes) and not frozenset.intersection(*classes)):
        return None
    return tuple(range(i + 1, i + 1 + len(units))), cards[0].tag, len(cards)


_SENTENCE_END = re.compile(r"[.!?:…。！？][\"'”’»)\]]*\s*$")


@register("tail-section", TailSectionParams)
class TailSectionDetector:
    def __init__(self, params: TailSectionParams) -> None:
        self.params = params
        line, starts = flat(params.headings), flat(params.starts)
        self.line = PhraseMatcher(line, "line") if line else None
        self.starts = PhraseMatcher(starts, "starts") if starts else None
        self.regex = BlockRegex("|".join(f"(?:{p})" for p in params.patterns)) if params.patterns else None
        self.unless = LineGuard(params.unless_line)
        until = flat(params.until)
        self.until = PhraseMatcher(until, "line") if until else None

    def _heading(self, view: DocView, i: int) -> str | None:
        if view.words[i] > self.params.heading_max_words or view.words[i] == 0:
            return None
        raw = view.blocks[i].text.lstrip()
        if raw.startswith((">", "|")):  # a quoted line of an e-mail or a post, a table row: not a heading
            return None
        if view.words[i] == 1 and raw.rstrip().endswith("?"):
            return None  # "Comments?", "Thoughts?": a question to the reader closing a post or an e-mail
        if raw[:1].islower() and i > 0 and not _SENTENCE_END.search(view.blocks[i - 1].text):
            return None  # the end of a sentence wrapped over lines ("… a request for\ncomments.")
        for matcher in (self.line, self.starts):
            if matcher is not None and (found := matcher.matches(view, self.params.heading_max_words)[i]) is not None:
                return found
        if (self.regex is not None and self.regex.found(view, self.params.heading_max_words)[i]
                and (m := self.regex.search(view, i))):
            return m.group(0)
        return None

    def _end(self, view: DocView, start: int) -> int:
        """Where the section opened at line ``start`` ends: before the first ``until`` line, else the end."""
        if self.until is not None:
            found = self.until.matches(view)
            for j in range(start + 1, len(view.blocks)):
                if found[j] is not None:
                    return j
        return len(view.blocks)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p = self.params
        if self.unless.found(view):
            return
        prose = [text_width(b.text) if view.words[i] >= p.prose_min_words else 0 for i, b in enumerate(view.blocks)]
        total = sum(prose)
        headings = [self._heading(view, i) is not None for i in range(len(view.blocks))]
        last = {view.blocks[i].text.strip().lower(): i for i, h in enumerate(headings) if h}
        longest_after = [0] * len(view.blocks)  # per line, the most words on any line after it
        for i in range(len(view.blocks) - 2, -1, -1):
            longest_after[i] = max(longest_after[i + 1], view.words[i + 1])
        before, resume = 0, 0
        for i in range(len(view.blocks)):
            # a heading printed again further down is a control under each post, not a section
            opens = i >= resume and headings[i] and last[view.blocks[i].text.strip().lower()] == i
            if opens and before >= p.min_prose_before and before >= p.min_prose_share * total \
                    and (p.max_line_words_after is None or longest_after[i] <= p.max_line_words_after) \
                    and (not p.min_words_next or (i + 1 < len(view.blocks) and view.words[i + 1] >= p.min_words_next)):
                end = self._end(view, i)
                taken = tuple(range(i, end))
                to = "to the end" if end == len(view.blocks) else f'up to "{view.blocks[end].text[:40]}"'
                yield Hit(taken, f'section opened by "{view.blocks[i].text[:60]}" after {before} characters of '
                                 f"prose takes the {len(taken)} line(s) {to}")
                return
            if opens and p.cards and before >= p.min_prose_before and (cards := card_section(view, i)):
                blocks, tag, count = cards
                yield Hit((i, *blocks), f'section opened by "{view.blocks[i].text[:60]}" after {before} characters '
                                        f"of prose takes the {count} <{tag}> cards after it in its parent element "
                                        f"({len(blocks)} line(s))")
                resume = blocks[-1] + 1
            before += prose[i]
