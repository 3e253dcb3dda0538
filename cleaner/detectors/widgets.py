"""Structural detector: runs of short widget lines (amounts, frequencies, buttons).

A donation or payment widget scraped to text becomes a column of one- or two-word lines:
"Once / Monthly / Annual / Continue". One such word is prose; a run of them is a widget.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.detectors.regex import BlockRegex


class WidgetRunParams(Params):
    """A run is ``min_run`` or more consecutive blocks of at most ``max_words`` words, of which at
    least ``min_vocab`` (and ``min_vocab_fraction``) are widget vocabulary (``vocabulary``
    phrases, matched as whole lines with ``typos``) or match ``patterns`` (e.g. amounts), and at
    least ``min_words_vocab`` are vocabulary words (so a bare list of prices is no widget). The
    widget spans the run's first to last widget line."""

    kind: Literal["widget-run"]
    vocabulary: dict[str, list[str]] | list[str]
    patterns: list[str] = Field(default_factory=list)
    max_words: int = Field(default=4, ge=1)
    min_run: int = Field(default=3, ge=2)
    min_vocab: int = Field(default=2, ge=1)
    min_vocab_fraction: float = Field(default=0.5, ge=0.0, le=1.0)
    min_words_vocab: int = Field(default=0, ge=0)
    typos: int = Field(default=1, ge=0, le=3)


@register("widget-run", WidgetRunParams, contextual=True)
class WidgetRunDetector:
    def __init__(self, params: WidgetRunParams) -> None:
        self.params = params
        self.vocab = PhraseMatcher(flat(params.vocabulary), "line", typos=params.typos, typo_min_chars=6)
        self.patterns = (
            BlockRegex("|".join(f"(?:{p})" for p in params.patterns)) if params.patterns else None
        )

    def _is_word(self, view: DocView, i: int) -> bool:
        return (self.vocab.matches(view, self.params.max_words)[i] is not None
                or self.vocab.near(view.norm[i]) is not None)

    def _kind(self, view: DocView, i: int) -> str | None:
        """"word" (vocabulary), "pattern" (e.g. an amount) or None."""
        if self._is_word(view, i):
            return "word"
        if (self.patterns is not None and self.patterns.found(view, self.params.max_words)[i]
                and self.patterns.search(view, i)):
            return "pattern"
        return None

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p = self.params
        run: list[int] = []
        for i in range(len(view.blocks) + 1):
            if i < len(view.blocks) and view.words[i] <= p.max_words:
                run.append(i)
                continue
            if len(run) >= p.min_run:
                kinds = [self._kind(view, j) for j in run]
                vocab = [j for j, k in zip(run, kinds, strict=True) if k is not None]
                if (len(vocab) >= p.min_vocab and len(vocab) >= p.min_vocab_fraction * len(run)
                        and kinds.count("word") >= p.min_words_vocab):
                    # the widget spans its first to its last widget line: a short line of other
                    # text at either edge ("Thank you!", a one-line reply) is not part of it
                    run = run[run.index(vocab[0]):run.index(vocab[-1]) + 1]
                    sample = " / ".join(view.blocks[j].text for j in run[:5])
                    yield Hit(tuple(run), f"run of {len(run)} short widget lines, {len(vocab)} widget words: {sample}")
            run = []
