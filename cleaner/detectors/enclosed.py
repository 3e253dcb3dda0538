"""Enclosed lines: short lines between two removals of one category belong to the same box.

A sign-up box, a cookie banner or a paywall prints several lines, and rules recognise most of
them ("Thanks for signing up!", "There was an error processing your subscription.") but not all:
"Look out for our first edition on Friday." and "Oops!" sit between them. A run of at most
``max_blocks`` kept lines of at most ``max_words`` words each, with a line removed under one of
the ``within`` categories right above it and right below it (the same category both sides), is
part of that box. A long paragraph between two boxes, or lines between two removals of different
categories, stay.

The detector reads what the other rules removed, so it is contextual: the engine runs it when it
looks again at the blocks still kept (``DocView.removed``); on a first pass it finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import DocView, Hit, Params, register


class EnclosedParams(Params):
    """``within``: categories whose removals enclose the lines (usually the rule's own);
    ``max_blocks`` and ``max_words``: the longest run taken, and the longest line in it;
    ``min_run``: the removed lines on one side at least, one after another (a bar of buttons,
    not a table whose cells alternate between a name some rule took and a figure)."""

    kind: Literal["enclosed"]
    within: list[str] = Field(min_length=1)
    max_blocks: int = Field(default=3, ge=1)
    max_words: int = Field(default=25, ge=1)
    min_run: int = Field(default=1, ge=1)


@register("enclosed", EnclosedParams, contextual=True, reads_removals=True)
class EnclosedDetector:
    def __init__(self, params: EnclosedParams) -> None:
        self.params = params
        self.within = frozenset(params.within)

    def _run(self, removed: Mapping[int, str], start: int, step: int, category: str) -> int:
        """How many lines from ``start`` on (going ``step``) were removed under ``category``."""
        k = start
        while removed.get(k) == category and abs(k - start) < self.params.min_run:
            k += step
        return abs(k - start)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        removed, index, p = view.removed, view.index, self.params
        if not removed:
            return
        i, n = 0, len(index)
        while i < n:
            j = i  # the run of blocks kept next to each other in the document: i..j
            while j + 1 < n and index[j + 1] == index[j] + 1:
                j += 1
            above, below = removed.get(index[i] - 1), removed.get(index[j] + 1)
            if (above in self.within and below == above and j - i + 1 <= p.max_blocks
                    and all(view.words[k] <= p.max_words for k in range(i, j + 1))
                    and max(self._run(removed, index[i] - 1, -1, above),
                            self._run(removed, index[j] + 1, 1, above)) >= p.min_run):
                yield Hit(tuple(range(i, j + 1)), f"{j - i + 1} short line(s) between two {above} removals "
                                                  f"(lines {index[i]} and {index[j] + 2}): part of the same box")
            i = j + 1
