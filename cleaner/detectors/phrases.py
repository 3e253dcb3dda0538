"""Phrase matcher: many languages, tolerant of case, whitespace, punctuation and small typos.

Phrases are normalised like the text (see ``normalise``); ``*`` stands for up to three words.
A phrase matches whole words; in scripts written without spaces (Chinese, Japanese) there are no
word boundaries to find, so a phrase's end in such a script may fall anywhere in the text
("関連記事" inside "関連記事一覧"). Matching runs as one RE2 automaton per matcher over the whole
document at once (its normalised blocks a line each, ``DocView.joined``), so it is linear in the
text and costs one call per document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Literal

import re2
from pydantic import Field, field_validator
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cleaner.detectors.base import DocView, Hit, Params, flat, normalise, register
from cleaner.words import unspaced

_WILDCARD = r"(?:\S+ ){0,3}"


class PhraseParams(Params):
    """``phrases``: a list, or a mapping language → list. ``mode``: where the phrase must sit:
    ``line`` (the block is the phrase), ``starts`` (the block begins with it) or ``contains``.
    ``max_words``: only blocks this short match (prose about a topic stays). ``typos``: edit
    distance allowed in ``line`` mode for phrases of ``typo_min_chars`` or more. ``sequence`` (line
    mode): a line made of two or more of the phrases also matches, with counts between them (a
    scraper joins a bar's buttons: "Skip to main content Skip to footer", "Random post • Older
    post →"), and so does one phrase followed by its count ("Reply With Quote 0"); phrases with a
    wildcard are left out of sequences."""

    kind: Literal["phrases"]
    phrases: dict[str, list[str]] | list[str]
    mode: Literal["line", "starts", "contains"] = "contains"
    max_words: int | None = Field(default=None, ge=1)
    min_words: int = Field(default=0, ge=0)
    typos: int = Field(default=0, ge=0, le=3)
    typo_min_chars: int = Field(default=8, ge=3)
    sequence: bool = False

    @field_validator("phrases")
    @classmethod
    def _not_empty(cls, value):
        phrases = flat(value)
        if not phrases or any(not normalise(p).strip() for p in phrases):
            raise ValueError("phrases must be non-empty strings with at least one word")
        return value

    def all_phrases(self) -> list[str]:
        return flat(self.phrases)


def phrase_pattern(phrase: str) -> str:
    """RE2 pattern matching ``phrase`` inside normalised, space-padded text: a space (a word
    boundary) at each end, optional where the phrase ends in a script written without spaces."""
    words: list[str] = []
    for token in phrase.split():
        if token == "*":
            words.append(_WILDCARD)
        else:
            words += [re2.escape(w) + " " for w in normalise(token).split()]
    out = " " + "".join(words)
    if unspaced(phrase.strip()[0]):
        out = " ?" + out[1:]
    if unspaced(phrase.strip()[-1]) and out.endswith(" "):
        out = out[:-1] + " ?"
    return out


class PhraseMatcher:
    """Finds blocks matching any of a set of phrases. Reusable outside rules (e.g. vocabularies)."""

    def __init__(self, phrases: list[str], mode: str = "contains", *, typos: int = 0,
                 typo_min_chars: int = 8, sequence: bool = False) -> None:
        body = "|".join(phrase_pattern(p) for p in phrases)
        if mode == "line" and sequence:
            # phrases one after another, sharing the space between them (a count may sit between two),
            # or one phrase and its count ("Reply With Quote 0", "Like 1,077"; not a year: "Back 2020")
            parts = "|".join(phrase_pattern(p)[1:] for p in phrases
                             if "*" not in p.split() and not unspaced(p.strip()[0]))
            pattern = f"^(?:{body})$|^ (?:(?:\\d+ )*(?:{parts})){{2,}}(?:\\d+ )*$|^ (?:{parts})(?:\\d{{1,3}} )+$"
        elif mode == "line":
            pattern = f"^(?:{body})$"
        elif mode == "starts":
            pattern = f"^(?:{body})"
        else:
            pattern = f"(?:{body})"
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        self._regex = re2.compile(pattern, options)
        # The same over a whole document, a block per line: ^ and $ anchor at each block's ends, and
        # no phrase can match across blocks (phrases are words and spaces, never a newline).
        self._lines = re2.compile(f"(?m){pattern}", options)
        self._mode = mode
        self._typos = typos
        plain = [normalise(p).strip() for p in phrases if "*" not in p.split()]
        self._fuzzy = [p for p in plain if len(p) >= typo_min_chars] if typos else []
        self.fuzzy = bool(self._fuzzy) and mode == "line"  # whether ``near`` can find anything
        # The lengths a text within the edit distance of a phrase can have (the distance is at least
        # the difference in length): most blocks are too long to be compared at all.
        lengths = [len(p) for p in self._fuzzy]
        self._near_lengths = range(min(lengths) - typos, max(lengths) + typos + 1) if lengths else range(0)
        self._near_phrases: dict[int, list[str]] = {}  # text length → the phrases that length can be near

    def match(self, norm: str) -> str | None:
        """The matched phrase text in ``norm`` (normalised block), or None."""
        found = self._regex.search(norm)
        if found:
            return found.group(0).strip()
        return self.near(norm)

    def near(self, norm: str) -> str | None:
        """In ``line`` mode with typos allowed: the phrase ``norm`` is within the edit distance of."""
        if self._fuzzy and self._mode == "line":
            text = norm.strip()
            if len(text) not in self._near_lengths:
                return None
            best = process.extractOne(text, self._phrases_near(len(text)), scorer=Levenshtein.distance,
                                      score_cutoff=self._typos)
            if best is not None:
                return f"{text} ≈ {best[0]}"
        return None

    def _phrases_near(self, length: int) -> list[str]:
        """The typo-tolerant phrases a text of ``length`` characters can be within the edit distance
        of (their lengths differ by at most that), in their order (memoised per length)."""
        found = self._near_phrases.get(length)
        if found is None:
            found = self._near_phrases[length] = [p for p in self._fuzzy if abs(len(p) - length) <= self._typos]
        return found

    def matches(self, view: DocView, max_words: int | None = None) -> list[str | None]:
        """Per block of ``view``, the exactly matched phrase text or None (no typo tolerance: see
        ``near``); with ``max_words``, None for every longer block, which is not searched. One search
        over the whole document, remembered on the view (a view of some of its blocks, the engine's
        second look, takes them from it: a block's match is its own)."""
        key = id(self), max_words
        found = view.per_block_memo("_phrase_matches", key)
        if found is None:
            if max_words is None:
                (text, starts), positions = view.joined, None
            else:
                text, starts, positions = view.short_lines(max_words, normalised=True)
            found = [None] * len(view.blocks)
            for m in self._lines.finditer(text):
                line = bisect_right(starts, m.start()) - 1
                i = line if positions is None else positions[line]
                if found[i] is None:
                    found[i] = m.group(0).decode("utf-8").strip()
            view.remember_per_block("_phrase_matches", key, found)
        return found


@register("phrases", PhraseParams)
class PhraseDetector:
    def __init__(self, params: PhraseParams) -> None:
        self.params = params
        self.matcher = PhraseMatcher(params.all_phrases(), params.mode, typos=params.typos,
                                     typo_min_chars=params.typo_min_chars, sequence=params.sequence)

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p = self.params
        exact = self.matcher.matches(view, p.max_words)
        fuzzy = self.matcher.fuzzy
        for i, found in enumerate(exact):
            if found is None and not fuzzy:  # only typo-tolerant matchers look at blocks without a match
                continue
            words = view.words[i]
            if (p.max_words is not None and words > p.max_words) or words < p.min_words:
                continue
            matched = found or self.matcher.near(view.norm[i])
            if matched is not None:
                yield Hit((i,), f'{p.mode} phrase "{matched}"')
