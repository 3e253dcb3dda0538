"""Section propagation: an appeal heading takes the paragraphs under it.

"A Message from …:" or "Dear readers," opens a section that speaks to the reader. The section
runs while its paragraphs keep addressing the reader (first-person plural or second person:
"we", "our", "you", "your", in many languages) and stops at the first paragraph that does not,
which is article content, or at ``max_blocks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.phrases import PhraseMatcher

_FULL_STOP = re.compile(r"[.。][\"'”’»)\]]*\s*$")  # not "…", "!", "?" or ":": those open a box too


class SectionParams(Params):
    """``headings``: phrases that open the section (matched at the start of a block of at most
    ``heading_max_words`` words). ``continue_words``: words that show a block still speaks to the
    reader. ``max_blocks``: longest section taken after the heading. A heading that ends with a
    full stop and has more than ``sentence_max_words`` words is a sentence reporting on the thing
    ("Newsletter of the association has appeared since 1990."), not a heading (a call to sign up
    that ends like a sentence is ``newsletter.blurb``'s)."""

    kind: Literal["section"]
    headings: dict[str, list[str]] | list[str]
    continue_words: dict[str, list[str]] | list[str]
    heading_max_words: int = Field(default=10, ge=1)
    max_blocks: int = Field(default=15, ge=1)
    sentence_max_words: int = Field(default=6, ge=1)


@register("section", SectionParams, contextual=True)
class SectionDetector:
    def __init__(self, params: SectionParams) -> None:
        self.params = params
        self.headings = PhraseMatcher(flat(params.headings), "starts")
        self.continuation = PhraseMatcher(flat(params.continue_words), "contains")

    def __call__(self, view: DocView) -> Iterator[Hit]:
        i, n = 0, len(view.blocks)
        limit = self.params.heading_max_words
        sentence = self.params.sentence_max_words
        continuation = self.continuation.matches(view)
        headings = [h if view.words[k] <= limit and not (
            view.words[k] > sentence and _FULL_STOP.search(view.blocks[k].text))
            else None for k, h in enumerate(self.headings.matches(view))]
        while i < n:
            heading = headings[i]
            if heading is None:
                i += 1
                continue
            taken = [i]
            j = i + 1
            while j < n and len(taken) <= self.params.max_blocks:
                if headings[j] is None and continuation[j] is None:
                    break
                taken.append(j)
                j += 1
            yield Hit(tuple(taken), f'section opened by "{view.blocks[i].text[:60]}" '
                                    f"takes {len(taken) - 1} block(s) addressing the reader")
            i = j
