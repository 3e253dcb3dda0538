"""Section propagation: an appeal heading takes the paragraphs under it.

"A Message from …:" or "Dear readers," opens a section that speaks to the reader. The section
runs while its paragraphs keep addressing the reader (first-person plural or second person:
"we", "our", "you", "your", in many languages) and stops at the first paragraph that does not,
which is article content, or at ``max_blocks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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
        # Per language: its headings, and the words that continue a section it opened. Continue
        # words are short and common ("os", "je", "ta" are words of other languages), so a
        # section opened by a heading in one language is continued by that language's words only.
        by_lang = isinstance(params.headings, dict) and isinstance(params.continue_words, dict)
        self._langs: dict[str, tuple[PhraseMatcher, PhraseMatcher]] = {
            lang: (PhraseMatcher(heads, "starts"), PhraseMatcher(params.continue_words[lang], "contains"))
            for lang, heads in params.headings.items() if lang in params.continue_words
        } if by_lang else {}

    def _continued_by(self, view: DocView, heading: int) -> Callable[[int], bool]:
        """Whether a block continues the section the heading at ``heading`` opened: it has a
        continue word of the heading's language (of any language when that cannot be told)."""
        norm = view.norm
        own = [cont for heads, cont in self._langs.values() if heads.match(norm[heading]) is not None]
        if not own:
            merged = self.continuation.matches(view)
            return lambda k: merged[k] is not None
        return lambda k: any(cont.match(norm[k]) is not None for cont in own)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        i, n = 0, len(view.blocks)
        limit = self.params.heading_max_words
        sentence = self.params.sentence_max_words
        headings = [h if view.words[k] <= limit and not (
            view.words[k] > sentence and _FULL_STOP.search(view.blocks[k].text))
            else None for k, h in enumerate(self.headings.matches(view, limit))]
        while i < n:
            heading = headings[i]
            if heading is None:
                i += 1
                continue
            continued = self._continued_by(view, i)
            taken = [i]
            j = i + 1
            while j < n and len(taken) <= self.params.max_blocks:
                if headings[j] is None and not continued(j):
                    break
                taken.append(j)
                j += 1
            yield Hit(tuple(taken), f'section opened by "{view.blocks[i].text[:60]}" '
                                    f"takes {len(taken) - 1} block(s) addressing the reader")
            i = j
