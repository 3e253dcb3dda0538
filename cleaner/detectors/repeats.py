"""Repeated passages: a run of paragraphs printed again further down the same text.

A scrape often holds a passage twice: a page's mobile and desktop copies of the story, a template
that echoes the article into a data block, a teaser repeating the first paragraphs, an extractor
that picked up both. The second copy says nothing new and doubles the passage's words. A run of
``min_run`` or more paragraphs, each of ``min_words`` words or more and each the exact (normalised)
text of an earlier paragraph, is a copy: the later lines go, the first copy stays. Each copied line
goes only while an earlier copy of it is kept: when another rule takes the first copy (a passage in
the page's leading chrome that the article repeats), the next copy is the only one left, and it
stays. Short lines between the copies (a heading, a date) neither break the run nor go with it. One repeated
paragraph (an interview's recurring question, a quoted sentence) stays, and so do list items
("- Free shipping" under each of three plans), and so does a template repeated with variants (a
meal plan whose days share some meals): a run ended by a variant of the paragraph that follows an
earlier copy of the run's last paragraph (half their words shared) is the template's next entry,
not a copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import LIST_ITEM, DocView, Hit, Params, register

# earliest copies a copy names as those one of which must stay: bounds the claims on a text repeated
# thousands of times; past it, a copy whose first copies all went to other rules is kept
MAX_REQUIRED = 8
TEMPLATE_OVERLAP = 0.5  # shared words (Jaccard) that make the paragraph after a run a variant


class RepeatedRunParams(Params):
    """A copy is a run of at least ``min_run`` paragraphs of ``min_words`` words or more, each
    repeating an earlier paragraph exactly (case, punctuation and spacing aside); list items and
    table rows (``LIST_ITEM``) never count."""

    kind: Literal["repeated-run"]
    min_words: int = Field(default=8, ge=1)
    min_run: int = Field(default=2, ge=1)


@register("repeated-run", RepeatedRunParams, contextual=True)
class RepeatedRunDetector:
    def __init__(self, params: RepeatedRunParams) -> None:
        self.params = params

    def _copies(self, view: DocView) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
        """Per block, the earlier blocks it repeats: the first ``MAX_REQUIRED`` (first copy first) and
        the latest ``MAX_REQUIRED`` (latest last); () for a block that repeats nothing or is too short
        to count."""
        seen: dict[str, list[int]] = {}
        first: list[tuple[int, ...]] = [()] * len(view.blocks)
        latest: list[tuple[int, ...]] = [()] * len(view.blocks)
        for i, (block, norm) in enumerate(zip(view.blocks, view.norm, strict=True)):
            if view.words[i] < self.params.min_words or LIST_ITEM.match(block.text.lstrip()):
                continue
            earlier = seen.setdefault(norm, [])
            first[i], latest[i] = tuple(earlier[:MAX_REQUIRED]), tuple(earlier[-MAX_REQUIRED:])
            earlier.append(i)
        return first, latest

    def _long(self, view: DocView, i: int) -> bool:
        return view.words[i] >= self.params.min_words and not LIST_ITEM.match(view.blocks[i].text.lstrip())

    def _template(self, view: DocView, latest: list[tuple[int, ...]], run: list[int], end: int) -> bool:
        """Whether the run repeats a template rather than a passage: the paragraph that ends it
        (``end``) is a variant of the one that follows an earlier copy of the run's last paragraph
        ("Meal 2: salad, 1 cup grapes" after the same meals as plan B, whose meal 2 was the salad
        without grapes). A second copy of a passage is followed by something else."""
        if end >= len(view.blocks):
            return False
        ours = set(view.norm[end].split())
        for source in latest[run[-1]]:
            following = next((i for i in range(source + 1, len(view.blocks)) if self._long(view, i)), None)
            if following is None or following >= run[0]:
                continue
            theirs = set(view.norm[following].split())
            if len(ours & theirs) >= TEMPLATE_OVERLAP * len(ours | theirs):
                return True
        return False

    def __call__(self, view: DocView) -> Iterator[Hit]:
        (copies, latest), p = self._copies(view), self.params
        n, i = len(view.blocks), 0
        while i < n:
            if not copies[i]:
                i += 1
                continue
            run, j = [], i  # copies, with short lines between them; a new long paragraph ends the run
            while j < n and (copies[j] or view.words[j] < p.min_words):
                if copies[j]:
                    run.append(j)
                j += 1
            if len(run) >= p.min_run and not self._template(view, latest, run, j):
                sources = sorted(copies[k][0] for k in run)
                yield Hit(tuple(run), f"{len(run)} paragraph(s) repeating lines {sources[0] + 1}–{sources[-1] + 1} "
                                      "above word for word: a second copy of a passage",
                          requires=tuple(copies[k] for k in run))
            i = run[-1] + 1
