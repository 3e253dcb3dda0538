"""Main-content separation for HTML, behind an interface.

A ``MainContentExtractor`` looks at a parsed page and says, per block, how much of it belongs to
the main content (0.0 – 1.0), or None when it cannot tell. The default wraps trafilatura: its
extraction runs on the tree cleaner already parsed (never re-parsed), and its kept text is mapped
back onto the blocks by normalised text matching in order (``align``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from cleaner.detectors.base import normalise
from cleaner.model import Document

LONG = 24  # normalised characters from which a block is an anchor, found anywhere in order


@dataclass(frozen=True)
class MainContent:
    """Per block, the share of its words the extractor kept (0.0 – 1.0), and who said so."""

    coverage: tuple[float, ...]
    source: str

    def inside(self, i: int, cutoff: float = 0.5) -> bool:
        return self.coverage[i] >= cutoff


@runtime_checkable
class MainContentExtractor(Protocol):
    """Anything that can tell main content from the rest of a parsed page."""

    name: str

    def main_content(self, doc: Document) -> MainContent | None:
        """Coverage per block, or None when the extractor found nothing usable."""
        ...


def _chain(blocks: Sequence[str], text: str) -> list[tuple[int, int] | None]:
    """Anchors: each long block's occurrences in ``text``; the heaviest chain of occurrences that
    keeps block order and does not overlap (weighted by length) wins, so a teaser repeating the
    first paragraph cannot claim the paragraph's text."""
    size = len(text) + 2
    tree = [(0, -1)] * (size + 1)  # Fenwick tree of prefix maxima over end positions: (weight, candidate)
    cands: list[tuple[int, int, int, int]] = []  # (block, start, end, previous candidate)

    def query(pos: int) -> tuple[int, int]:
        best = (0, -1)
        pos += 1
        while pos > 0:
            if tree[pos][0] > best[0]:
                best = tree[pos]
            pos -= pos & -pos
        return best

    def update(pos: int, value: tuple[int, int]) -> None:
        pos += 1
        while pos <= size:
            if value[0] > tree[pos][0]:
                tree[pos] = value
            pos += pos & -pos

    best_end = (0, -1)
    for i, b in enumerate(blocks):
        if len(b) < LONG:
            continue
        found, pos = [], text.find(b)
        while pos >= 0 and len(found) < 16:
            found.append(pos)
            pos = text.find(b, pos + 1)
        scored = []
        for pos in found:
            end = pos + len(b) - 1  # the trailing space is shared with the next block
            prev_weight, prev = query(pos)
            cands.append((i, pos, end, prev))
            scored.append((end, (prev_weight + len(b), len(cands) - 1)))
        for end, value in scored:
            update(end, value)
            if value[0] > best_end[0]:
                best_end = value
    spans: list[tuple[int, int] | None] = [None] * len(blocks)
    k = best_end[1]
    while k >= 0:
        i, pos, end, prev = cands[k]
        spans[i] = (pos, end)
        k = prev
    return spans


def _unclaimed(text: str, claimed: list[tuple[int, int]]) -> Iterator[str]:
    """The stretches of ``text`` outside the claimed spans (a span ``(a, z)`` claims the characters
    strictly between its end spaces ``a`` and ``z``, which stay free)."""
    pos = 0
    for a, z in sorted(claimed):
        if a + 1 > pos:
            yield text[pos:a + 1]
        pos = max(pos, z)
    yield text[pos:]


def align(blocks: Sequence[str], kept: str) -> list[float]:
    """Map ``kept`` text (an extractor's output) onto ``blocks`` (normalised, space-padded).

    Long blocks are anchors (``_chain``). Short blocks must fall in the kept text *between* the
    anchors around them, in order, so a lone "Share" elsewhere on the page cannot borrow an
    occurrence from the article. A long block not found verbatim scores the share of its word
    trigrams found in the kept text no other block claimed (extractors trim inline bits).
    """
    text = normalise(kept)
    n = len(blocks)
    cover = [0.0] * n
    spans = _chain(blocks, text)
    claimed = [s for s in spans if s is not None]
    for i, s in enumerate(spans):
        if s is not None:
            cover[i] = 1.0
    gap_start, i = 0, 0
    while i < n:  # short blocks inside the gaps between anchors
        if spans[i] is not None:
            gap_start = spans[i][1]
            i += 1
            continue
        j = i
        while j < n and spans[j] is None:
            j += 1
        gap_end = spans[j][0] + 1 if j < n else len(text)
        cursor = gap_start
        for k in range(i, j):
            b = blocks[k]
            if len(b) >= LONG or len(b) <= 2:
                continue
            pos = text.find(b, cursor, gap_end)
            if pos >= 0:
                cover[k] = 1.0
                cursor = pos + len(b) - 1
                claimed.append((pos, cursor))
        i = j
    rest = [b for i, b in enumerate(blocks) if not cover[i] and len(b) >= LONG]
    if rest:  # partial matches of long blocks, against the text nobody claimed
        grams: Counter[tuple[str, ...]] = Counter()
        for piece in _unclaimed(text, claimed):  # word trigrams that lie wholly in unclaimed text
            words = piece.split()
            grams.update(zip(words, words[1:], words[2:], strict=False))
        for i, b in enumerate(blocks):
            if cover[i] or len(b) < LONG:
                continue
            toks = b.split()
            own = list(zip(toks, toks[1:], toks[2:], strict=False))
            if not own:
                continue
            hits = [g for g in own if grams[g] > 0]
            cover[i] = len(hits) / len(own)
            if cover[i] >= 0.5:
                for g in hits:
                    grams[g] -= 1
    return cover


class TrafilaturaExtractor:
    """trafilatura's main extractor on cleaner's tree, comments left out. Fast mode (the default)
    runs no readability/justext fallback; ``fast=False`` runs them (the stage's second opinion)."""

    def __init__(self, *, fast: bool = True, include_comments: bool = False, favor_precision: bool = False,
                 favor_recall: bool = False, include_tables: bool = True) -> None:
        self.name = ("trafilatura" if fast else "trafilatura with fallbacks") + (
            " and comments" if include_comments else "")
        self.kwargs = dict(fast=fast, include_comments=include_comments, favor_precision=favor_precision,
                           favor_recall=favor_recall, include_tables=include_tables)
        self._options: Any = None  # trafilatura's Extractor for these settings, built once (it reads its config)

    def _options_for(self, url: str | None) -> Any:
        """trafilatura's options as ``bare_extraction(url=url, output_format="python", **kwargs)``
        would build them, from a copy of a template instead of parsing its config for every page."""
        from trafilatura.settings import Extractor

        if self._options is None:
            k = self.kwargs
            self._options = Extractor(output_format="python", fast=k["fast"], precision=k["favor_precision"],
                                      recall=k["favor_recall"], comments=k["include_comments"],
                                      tables=k["include_tables"])
        options = copy(self._options)
        options.url = url
        source = url or None
        options.source = source and source.encode("utf-8", "replace").decode("utf-8")
        return options

    def kept_text(self, doc: Document) -> str | None:
        page = doc.page
        if page is None or page.root is None:
            return None
        import trafilatura

        log = logging.getLogger("trafilatura")
        if log.level != logging.CRITICAL:
            log.setLevel(logging.CRITICAL)
        try:  # the tree is copied by trafilatura before it prunes anything
            result = trafilatura.bare_extraction(page.root, url=doc.url, options=self._options_for(doc.url))
        except Exception:  # a crash inside the extractor must not lose the page
            return None
        text = getattr(result, "text", None) if result is not None else None
        if self.kwargs["include_comments"]:  # a forum's replies: trafilatura may return them as comments
            text = "\n".join(t for t in (text, getattr(result, "comments", None)) if t)
        return text or None

    def main_content(self, doc: Document) -> MainContent | None:
        kept = self.kept_text(doc)
        if not kept:
            return None
        return MainContent(tuple(align([normalise(b.text) for b in doc.blocks], kept)), self.name)


class FirstAnswer:
    """Extractors asked in turn: the first that answers decides, so a later (dearer) one is paid
    for only on the pages the ones before decline."""

    def __init__(self, *extractors: MainContentExtractor) -> None:
        self.extractors = extractors
        self.name = ", else ".join(e.name for e in extractors)

    def main_content(self, doc: Document) -> MainContent | None:
        for extractor in self.extractors:
            found = extractor.main_content(doc)
            if found is not None:
                return found
        return None


STAGES = ("density", "trafilatura")  # Config.main_content_stage


def default_extractor(*, forum: bool = False, stage: str = "density") -> MainContentExtractor:
    """The main-content stage's first verdict. ``density``: cleaner's prose-density stage, and
    trafilatura's fast mode on the pages it declines (``cleaner.html.density``); ``trafilatura``:
    trafilatura's fast mode on every page. On a forum thread both keep comments, which are its posts."""
    trafilatura = TrafilaturaExtractor(include_comments=forum)
    if stage == "trafilatura":
        return trafilatura
    from cleaner.html.density import ProseDensityExtractor

    return FirstAnswer(ProseDensityExtractor(forum=forum), trafilatura)


def second_opinion(*, forum: bool = False) -> MainContentExtractor:
    """Asked only when the default extractor's verdict is in doubt (see ``cleaner.html.stage``)."""
    return TrafilaturaExtractor(fast=False, include_comments=forum)
