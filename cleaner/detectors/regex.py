"""Regex matcher, compiled by RE2: linear time, so no pattern can hang the engine."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Literal

import re2
from pydantic import Field, field_validator

from cleaner.detectors.base import DocView, Hit, Params, register


def compile_re2(pattern: str, *, ignore_case: bool = True):
    """Compile with RE2 or raise ValueError naming what RE2 rejected (backreferences, lookaround…)."""
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    options.max_mem = 64 << 20
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"RE2 cannot compile {pattern!r}: {detail}") from None


class LineGuard:
    """RE2 patterns for a whole line; ``found(view)`` tells whether any line of the document matches
    (one search over the joined text). Detectors use it to abstain on a kind of page: a Q&A page
    with "3 Answers" over its answers has no comment thread to cut."""

    def __init__(self, patterns: list[str]) -> None:
        self.regex = compile_re2("(?m)" + "|".join(f"(?:^\\s*(?:{p})\\s*$)" for p in patterns)) if patterns else None

    def found(self, view: DocView) -> bool:
        return self.regex is not None and self.regex.search(view.joined_text[0]) is not None


def compiles(patterns: list[str]) -> list[str]:
    """``patterns``, once each compiles with RE2 (a validator for rule parameters)."""
    for pattern in patterns:
        compile_re2(pattern)
    return patterns


class RegexParams(Params):
    """``patterns``: RE2 regexes searched in each block's text (not normalised). A block matches
    when any pattern is found; ``max_words``/``min_words`` bound the block length. With
    ``max_matches``, a document where more blocks match is left alone: the lines are then the
    structure of a list (bylines under each entry of a reading list), not furniture; with
    ``min_matches``, one where fewer match: a line of the kind alone could be anything, several
    are a widget (a sidebar's categories with their post counts). Counts are taken again over the
    blocks the other rules keep, so bylines in a sidebar of teasers the region detector removed do
    not shield the article's own."""

    kind: Literal["regex"]
    patterns: list[str] = Field(min_length=1)
    ignore_case: bool = True
    max_words: int | None = Field(default=None, ge=1)
    min_words: int = Field(default=0, ge=0)
    max_matches: int | None = Field(default=None, ge=1)
    min_matches: int = Field(default=1, ge=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return compiles(value)

    def counts_other_blocks(self) -> bool:
        return self.max_matches is not None or self.min_matches > 1


# What tells the ends of a text from those of a line: \A, \z, a flag group that turns multi-line
# mode off (or on: any flag group naming m). Conservative: an escaped backslash before A counts too.
_TEXT_ENDS = re.compile(r"\\[Az]|\(\?[a-zA-Z-]*m")


class BlockRegex:
    """An RE2 regex searched in each block's own text (``DocView.texts``), one document search first.

    The same pattern in multi-line mode, searched over the whole document a block per line, finds
    every block where a match may be: a match in a block is one there too (^ and $ match at the
    block's ends, \\b sees the newline as a non-word character), so only blocks where a document
    match starts need a search of their own. A pattern that tells the ends of a text from those of
    a line (\\A, \\z, a multi-line flag) is searched in every block.
    """

    def __init__(self, pattern: str, *, ignore_case: bool = True) -> None:
        self.regex = compile_re2(pattern, ignore_case=ignore_case)
        self.lines = None if _TEXT_ENDS.search(pattern) else compile_re2(f"(?m){pattern}", ignore_case=ignore_case)

    def candidates(self, view: DocView, max_words: int | None = None) -> Iterable[int]:
        """The blocks that may match (a superset of those that do), in order; with ``max_words``,
        only among the blocks of at most that many words."""
        if self.lines is None:
            n = len(view.blocks)
            return range(n) if max_words is None else (i for i in range(n) if view.words[i] <= max_words)
        if max_words is None:
            text, starts = view.joined_text
            return self._starts(text, starts)
        text, starts, positions = view.short_lines(max_words)
        return (positions[k] for k in self._starts(text, starts))

    def _starts(self, text: bytes, starts: list[int]) -> Iterator[int]:
        """The lines of ``text`` (starting at ``starts``) where a match starts, searching on after each
        from the next line: the leftmost match from a line's start lies at or before any match inside
        a later line."""
        if not starts:
            return
        pos = 0
        while (found := self.lines.search(text, pos)) is not None:
            i = bisect_right(starts, found.start()) - 1
            yield i
            if i + 1 == len(starts):
                return
            pos = starts[i + 1]

    def found(self, view: DocView, max_words: int | None = None) -> list[bool]:
        """Per block of ``view``: whether it may match (``candidates``), remembered on the view (and
        taken from it by a view of some of its blocks: whether a block matches is its own affair)."""
        key = id(self), max_words
        found = view.per_block_memo("_regex_candidates", key)
        if found is None:
            found = [False] * len(view.blocks)
            for i in self.candidates(view, max_words):
                found[i] = True
            view.remember_per_block("_regex_candidates", key, found)
        return found

    def search(self, view: DocView, i: int):
        """The first match in block ``i``'s own text, or None."""
        return self.regex.search(view.texts[i])


@register("regex", RegexParams)
class RegexDetector:
    def __init__(self, params: RegexParams) -> None:
        self.params = params
        self.block_regex = BlockRegex("|".join(f"(?:{p})" for p in params.patterns), ignore_case=params.ignore_case)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        hits = list(self._hits(view))
        p = self.params
        if len(hits) >= p.min_matches and (p.max_matches is None or len(hits) <= p.max_matches):
            yield from hits

    def _hits(self, view: DocView) -> Iterator[Hit]:
        p = self.params
        for i, candidate in enumerate(self.block_regex.found(view, p.max_words)):
            if not candidate:
                continue
            words = view.words[i]
            if (p.max_words is not None and words > p.max_words) or words < p.min_words:
                continue
            found = self.block_regex.search(view, i)
            if found:
                yield Hit((i,), f'pattern matched "{found.group(0)[:80]}"')
