"""Per-view indexes of HTML blocks, so a DOM matcher visits only the blocks that can meet its most
selective condition (a landmark, the hidden state, a tag, a class/id token) instead of every block.

A page has a few hundred class/id tokens, shared by many blocks (blocks under one container share
its token set, the very object): each token of the page is split into its parts once, a matcher's
wanted parts then name the page's tokens it takes (a few dictionary lookups), and a block matches
when its token set meets those tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from cleaner.detectors.base import DocView

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_SEPARATORS = re.compile(r"[-_:.\s/]+")


@lru_cache(maxsize=8192)
def token_parts(token: str) -> frozenset[str]:
    """A class/id token and its parts, in lower case: ``c-newsletter__form`` → {c-newsletter__form,
    c, newsletter, form}; camelCase words count both joined and apart: ``message-userExtras`` →
    {message-userextras, message, userextras, user, extras}. A token of more than four parts is a
    slug made from text ("what-is-social-media-marketing"), not a widget's name: only itself."""
    low = token.lower()
    if low == token and low.isalnum():  # one lower-case word, the common case ("content")
        return frozenset((low,))
    parts = {p for p in _TOKEN_SEPARATORS.split(low) if p}
    if len(parts) > 4:
        return frozenset({low})
    if low != token:  # else no capital letter: no camelCase word either
        camel = {p for p in _TOKEN_SEPARATORS.split(_CAMEL.sub("-", token).lower()) if p}
        if len(camel) <= 4:
            parts |= camel
    parts.add(low)
    return frozenset(parts)


class DomIndex:
    """Block positions of one view by landmark container, hidden state and tag, and by class/id
    token set (``tokens`` or ``own_tokens`` of the DomContext), built once per view."""

    def __init__(self, view: DocView) -> None:
        self.inside: dict[str, list[int]] = {}
        self.hidden: list[int] = []
        self.tags: dict[str, list[int]] = {}
        # per field: token set → positions of the blocks having it (keyed by the set's value)
        self.by_tokens: dict[str, dict[frozenset[str], list[int]]] = {"tokens": {}, "own_tokens": {}}
        self._matched: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
        self._parts: dict[str, dict[str, set[str]]] = {}
        for pos, block in enumerate(view.blocks):
            d = block.dom
            if d is None:
                continue
            for name in d.inside:
                self.inside.setdefault(name, []).append(pos)
            if d.hidden:
                self.hidden.append(pos)
            self.tags.setdefault(block.kind, []).append(pos)
            if d.tokens:
                self.by_tokens["tokens"].setdefault(d.tokens, []).append(pos)
            if d.own_tokens:
                self.by_tokens["own_tokens"].setdefault(d.own_tokens, []).append(pos)

    @staticmethod
    def of(view: DocView) -> DomIndex:
        """The index of ``view`` (built on first use, then kept on the view)."""
        found = view.__dict__.get("_dom_index")
        if found is None:
            found = view.__dict__["_dom_index"] = DomIndex(view)
        return found

    def matching_tokens(self, field: str, wanted: frozenset[str]) -> frozenset[str]:
        """The tokens of the page (in ``field``) having a part in ``wanted`` (lower case)."""
        key = field, wanted
        found = self._matched.get(key)
        if found is None:
            by_part = self._by_part(field)
            found = self._matched[key] = frozenset().union(*(by_part[w] for w in wanted if w in by_part))
        return found

    def _by_part(self, field: str) -> dict[str, set[str]]:
        """Token part → the page's tokens (in ``field``) having it (built on first use)."""
        found = self._parts.get(field)
        if found is None:
            found = self._parts[field] = {}
            for token in set().union(*self.by_tokens[field]):
                for part in token_parts(token):
                    found.setdefault(part, set()).add(token)
        return found

    def with_tokens(self, field: str, tokens: frozenset[str]) -> list[int]:
        """Positions of the blocks whose ``field`` holds one of ``tokens``, in order."""
        if not tokens:
            return []
        return _merged(ps for s, ps in self.by_tokens[field].items() if not s.isdisjoint(tokens))

    def inside_any(self, names: Iterable[str]) -> list[int]:
        """Positions of the blocks inside one of the landmark containers ``names``, in order."""
        return _merged(self.inside[n] for n in names if n in self.inside)

    def with_tag(self, tags: Iterable[str]) -> list[int]:
        """Positions of the blocks of one of ``tags``, in order."""
        return _merged(self.tags[t] for t in tags if t in self.tags)


def _merged(lists: Iterable[list[int]]) -> list[int]:
    """Sorted positions from several sorted lists, each once."""
    lists = list(lists)
    if len(lists) == 1:
        return lists[0]
    return sorted(set().union(*lists))
