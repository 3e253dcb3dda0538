"""DOM matchers for HTML blocks: CSS selectors, class/id tokens, ARIA roles, landmarks, hidden
state, link density and form inputs, read from each block's ``DomContext`` and, for selectors and
structural tests, from the parsed tree on ``Document.page``.

On text input (no DOM) these matchers find nothing.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Any, Literal

from pydantic import Field, field_validator

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.domindex import DomIndex
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.detectors.regex import compile_re2
from cleaner.words import count_words


class DomParams(Params):
    """Every given condition must hold for a block. ``selector``: a CSS selector the block's
    element or an ancestor matches. ``tokens``: class/id token parts on the block or its ancestors
    (``own_tokens``: on the block's own element only). ``roles``: ARIA roles. ``inside``: landmark
    containers (nav, footer, figure, figcaption, form, aside…); ``not_inside``: containers the
    block must not be in (a <header> inside an <article> heads a section of it). ``hidden``: hidden state.
    ``link_density``: at least this share of the text is links. ``max_words``/``min_words``.
    ``inputs``: the enclosing form has one of these inputs (email, radio…). ``in_main``: the
    main-content stage's verdict. ``tags``: the block's tag. ``pattern``: an RE2 regex found in the
    block's text, case-sensitive (``\\p{Lu}`` is a capital letter); ``not_pattern``: one that must not be."""

    kind: Literal["dom"]
    selector: str | None = None
    tokens: list[str] = Field(default_factory=list)
    own_tokens: list[str] = Field(default_factory=list)
    not_tokens: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    inside: list[str] = Field(default_factory=list)
    not_inside: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    hidden: bool | None = None
    link_density: float | None = Field(default=None, ge=0.0, le=1.0)
    max_words: int | None = Field(default=None, ge=1)
    min_words: int = Field(default=0, ge=0)
    inputs: list[str] = Field(default_factory=list)
    in_main: bool | None = None
    pattern: str | None = None
    not_pattern: str | None = None

    @field_validator("pattern", "not_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            compile_re2(value, ignore_case=False)
        return value

    @field_validator("selector")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            from lxml.cssselect import CSSSelector, SelectorError

            try:
                CSSSelector(value)
            except SelectorError as exc:
                raise ValueError(f"invalid CSS selector {value!r}: {exc}") from None
        return value


def selected(view: DocView, selector: Any, key: str) -> list[bool]:
    """Per block: its element or an ancestor matches ``selector`` (computed once per view and key)."""
    cache = view.__dict__.setdefault("_dom_selected", {})
    if key in cache:
        return cache[key]
    page = getattr(view.doc, "page", None)
    out = [False] * len(view.blocks)
    if page is not None and page.root is not None and page.elements:
        matched = set(selector(page.root))
        memo: dict[Any, Any] = {}
        out = [nearest_in(page.elements[i], matched, memo) is not None for i in view.index]
    cache[key] = out
    return out


def nearest_in(el: Any, targets: Container[Any], memo: dict[Any, Any]) -> Any:
    """The element itself or its nearest ancestor that is in ``targets``, else None.

    ``memo`` is shared across calls on one page, so walking every block's ancestors stays linear.
    """
    chain = []
    found = None
    while el is not None:
        if el in memo:
            found = memo[el]
            break
        if el in targets:
            found = el
            break
        chain.append(el)
        el = el.getparent()
    for c in chain:
        memo[c] = found
    return found


@register("dom", DomParams)
class DomDetector:
    def __init__(self, params: DomParams) -> None:
        self.p = params
        self.tokens = frozenset(t.lower() for t in params.tokens)
        self.own = frozenset(t.lower() for t in params.own_tokens)
        self.not_tokens = frozenset(t.lower() for t in params.not_tokens)
        self.roles = frozenset(params.roles)
        self.inside = frozenset(params.inside)
        self.not_inside = frozenset(params.not_inside)
        self.tags = frozenset(params.tags)
        self.inputs = frozenset(params.inputs)
        self.pattern = compile_re2(params.pattern, ignore_case=False) if params.pattern else None
        self.not_pattern = compile_re2(params.not_pattern, ignore_case=False) if params.not_pattern else None
        self.selector = None
        if params.selector:
            from lxml.cssselect import CSSSelector

            self.selector = CSSSelector(params.selector)

    def _check(self, view: DocView, pos: int, index: DomIndex) -> str | None:
        p, b = self.p, view.blocks[pos]
        d = b.dom
        if d is None:
            return None
        why = []
        if self.tags and b.kind not in self.tags:
            return None
        if p.hidden is not None:
            if d.hidden != p.hidden:
                return None
            if p.hidden:
                why.append("hidden")
        if p.in_main is not None and d.in_main is not None and d.in_main != p.in_main:
            return None
        words = view.words[pos]
        if (p.max_words is not None and words > p.max_words) or words < p.min_words:
            return None
        if p.link_density is not None:
            if d.link_density < p.link_density:
                return None
            why.append(f"link density {d.link_density:.2f}")
        if self.inside:
            where = d.inside & self.inside
            if not where:
                return None
            why.append("inside " + ", ".join(f"<{w}>" for w in sorted(where)))
        if not d.inside.isdisjoint(self.not_inside):
            return None
        if self.roles:
            roles = d.roles & self.roles
            if not roles:
                return None
            why.append("role " + ", ".join(sorted(roles)))
        if self.inputs:
            found = d.inputs & self.inputs
            if not found:
                return None
            why.append("form with " + ", ".join(sorted(found)) + " input")
        if self.own:
            # the first matching token in sorted order, so the evidence is the same in every run
            own = d.own_tokens & index.matching_tokens("own_tokens", self.own)
            if not own:
                return None
            why.append(f'class/id "{min(own)}"')
        if self.tokens:
            tokens = d.tokens & index.matching_tokens("tokens", self.tokens)
            if not tokens:
                return None
            why.append(f'in class/id "{min(tokens)}"')
        if self.not_tokens and not d.tokens.isdisjoint(index.matching_tokens("tokens", self.not_tokens)):
            return None
        if self.pattern is not None:
            if self.pattern.search(view.texts[pos]) is None:
                return None
            why.append(f"text matches {self.p.pattern!r}")
        if self.not_pattern is not None and self.not_pattern.search(view.texts[pos]) is not None:
            return None
        return "; ".join(why) or "DOM conditions met"

    def _candidates(self, view: DocView, index: DomIndex) -> list[int]:
        """The blocks that can meet the most selective of the indexed conditions (class/id tokens, a
        landmark, hidden, a tag), else every block: a superset of those ``_check`` accepts."""
        if self.own:
            return index.with_tokens("own_tokens", index.matching_tokens("own_tokens", self.own))
        if self.tokens:
            return index.with_tokens("tokens", index.matching_tokens("tokens", self.tokens))
        options = []
        if self.inside:
            options.append(index.inside_any(self.inside))
        if self.p.hidden:
            options.append(index.hidden)
        if self.tags:
            options.append(index.with_tag(self.tags))
        return min(options, key=len) if options else list(range(len(view.blocks)))

    def __call__(self, view: DocView) -> Iterator[Hit]:
        index = DomIndex.of(view)
        hits = selected(view, self.selector, self.p.selector) if self.selector is not None else None
        for pos in self._candidates(view, index):
            if hits is not None and not hits[pos]:
                continue
            why = self._check(view, pos, index)
            if why is not None:
                if hits is not None:
                    why = f"matches {self.p.selector!r}; {why}"
                yield Hit((pos,), why)


class LinkListParams(Params):
    """A list of links: ``min_items`` or more consecutive blocks, each at least ``link_density``
    links and at most ``max_words`` words. With ``headings``, only lists whose heading (the short
    block just before) matches one of the phrases ("Related", "More from…"); the heading goes too."""

    kind: Literal["link-list"]
    min_items: int = Field(default=3, ge=2)
    link_density: float = Field(default=0.8, ge=0.0, le=1.0)
    max_words: int = Field(default=30, ge=1)
    headings: dict[str, list[str]] | list[str] | None = None
    heading_max_words: int = Field(default=8, ge=1)
    in_main: bool | None = None


@register("link-list", LinkListParams)
class LinkListDetector:
    def __init__(self, params: LinkListParams) -> None:
        self.p = params
        self.headings = PhraseMatcher(flat(params.headings), "starts") if params.headings else None

    def _item(self, view: DocView, pos: int) -> bool:
        d = view.blocks[pos].dom
        if d is None or d.link_density < self.p.link_density or view.words[pos] > self.p.max_words:
            return False
        return self.p.in_main is None or d.in_main is None or d.in_main == self.p.in_main

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p, n = self.p, len(view.blocks)
        pos = 0
        while pos < n:
            if not self._item(view, pos):
                pos += 1
                continue
            end = pos
            while end < n and self._item(view, end):
                end += 1
            run = list(range(pos, end))
            heading = None
            if self.headings is not None:
                h = pos - 1
                if h >= 0 and view.words[h] <= p.heading_max_words:
                    heading = self.headings.matches(view)[h]
                if heading is None:
                    pos = end
                    continue
                run.insert(0, h)
            if len(run) - (heading is not None) >= p.min_items:
                label = f' under "{view.blocks[run[0]].text[:40]}"' if heading else ""
                yield Hit(tuple(run), f"list of {end - pos} links{label}")
            pos = end


PARAGRAPH_WORDS = 30  # a block this long is a paragraph of prose, not a headline or a blurb


class CardListParams(Params):
    """Teaser cards: ``min_cards`` or more linked headings in a row (``heading_tags``, at least
    ``link_density`` links), all at the same place in the page's template (the same ancestor tags);
    in list items each may hold up to ``max_blurb`` short blocks after it (a one-line blurb, a
    time), elsewhere the headlines must follow each other (a section's self-linked heading over
    its paragraphs is no card). Every block of the cards is found, unless the cards make
    more than ``max_share`` of the main content's words: then they are the page (a listing, a
    shop's collection), not teasers beside an article; nor on a page whose main content has fewer
    than ``min_paragraphs`` paragraphs (``PARAGRAPH_WORDS`` words or more) to be an article."""

    kind: Literal["card-list"]
    min_cards: int = Field(default=3, ge=2)
    heading_tags: list[str] = Field(default_factory=lambda: ["h2", "h3", "h4", "h5", "h6"])
    link_density: float = Field(default=0.8, ge=0.0, le=1.0)
    max_words: int = Field(default=30, ge=1)
    max_blurb: int = Field(default=2, ge=0)
    max_share: float = Field(default=0.5, gt=0.0, le=1.0)
    min_paragraphs: int = Field(default=3, ge=0)


def _path(view: DocView, i: int) -> tuple[str, ...]:
    d = view.blocks[i].dom
    return () if d is None else d.path


@register("card-list", CardListParams)
class CardListDetector:
    def __init__(self, params: CardListParams) -> None:
        self.p = params
        self.tags = frozenset(params.heading_tags)

    def _heading(self, view: DocView, i: int) -> bool:
        d = view.blocks[i].dom
        return (d is not None and d.tag in self.tags and d.link_density >= self.p.link_density
                and view.words[i] <= self.p.max_words)

    def _cards(self, view: DocView, start: int) -> tuple[list[int], int]:
        """The blocks of the cards from ``start`` (a heading) on, and how many cards."""
        p, n = self.p, len(view.blocks)
        path = _path(view, start)
        blocks, cards, i = [], 0, start
        while i < n and self._heading(view, i) and _path(view, i) == path:
            j = i + 1
            while (j < n and j - i - 1 < p.max_blurb and not self._heading(view, j)
                   and view.words[j] <= p.max_words and "li" in _path(view, j)):  # blurbs only in list items
                j += 1
            blocks.extend(range(i, j))
            cards += 1
            i = j
        return blocks, cards

    def __call__(self, view: DocView) -> Iterator[Hit]:
        i, n = 0, len(view.blocks)
        main_words = [w for w, b in zip(view.words, view.blocks, strict=True)
                      if b.dom is None or b.dom.in_main is not False]
        if sum(w >= PARAGRAPH_WORDS for w in main_words) < self.p.min_paragraphs:
            return  # no article beside the cards: a listing or a shop page, whose cards are its content
        main = sum(main_words)
        while i < n:
            if not self._heading(view, i):
                i += 1
                continue
            blocks, cards = self._cards(view, i)
            if cards >= self.p.min_cards and sum(view.words[k] for k in blocks) <= self.p.max_share * main:
                tag = view.blocks[i].dom.tag  # type: ignore[union-attr]  (a heading has its DomContext)
                yield Hit(tuple(blocks), f"{cards} teaser cards: linked <{tag}> headlines in a row at one place "
                                         "in the template, with their blurbs")
            i = blocks[-1] + 1


class FormParams(Params):
    """A form-like widget: the nearest container (within ``levels`` ancestors of the block, of at
    most ``max_words`` words in all) that holds one of ``inputs`` (e.g. ``email``) — or at least
    ``min_radios`` radio/amount choices when ``inputs`` lists ``radio``. Every block of the
    container is found. Newsletter boxes (an e-mail field) and payment widgets (amount and
    frequency choices) are the typical cases."""

    kind: Literal["dom-form"]
    inputs: list[str] = Field(min_length=1)
    levels: int = Field(default=6, ge=1, le=20)
    max_words: int = Field(default=120, ge=1)
    min_radios: int = Field(default=3, ge=1)
    vocabulary: dict[str, list[str]] | list[str] | None = None


def _input_kind(inp: Any) -> str:
    kind = (inp.get("type") or "text").lower()
    if kind in ("text", ""):
        hints = " ".join(filter(None, (inp.get("name"), inp.get("placeholder"), inp.get("id")))).lower()
        if "email" in hints or "e-mail" in hints:
            return "email"
    return kind


@register("dom-form", FormParams)
class FormDetector:
    def __init__(self, params: FormParams) -> None:
        self.p = params
        self.inputs = frozenset(params.inputs)
        self.vocab = PhraseMatcher(flat(params.vocabulary), "contains") if params.vocabulary else None

    def _containers(self, root: Any) -> dict[Any, str]:
        """Widget containers: climb from each wanted input while the text stays small."""
        found: dict[Any, str] = {}
        radios: dict[Any, int] = {}
        for inp in root.iter("input"):
            kind = _input_kind(inp)
            if kind not in self.inputs:
                continue
            best, el = None, inp.getparent()
            for _ in range(self.p.levels):
                if el is None or el.tag in ("body", "html"):
                    break
                words = count_words(el.text_content())
                if words > self.p.max_words:
                    break
                best, el = (el, words), el.getparent()
            if best is None:
                continue
            box, words = best
            if kind == "radio":
                radios[box] = radios.get(box, 0) + 1
                if radios[box] < self.p.min_radios:
                    continue
                found[box] = f"<{box.tag}> holding {radios[box]} choice inputs ({words} words)"
            else:
                found.setdefault(box, f"<{box.tag}> holding a form with an {kind} input ({words} words)")
        return found

    def __call__(self, view: DocView) -> Iterator[Hit]:
        page = getattr(view.doc, "page", None)
        if page is None or page.root is None or not page.elements:
            return
        boxes = self._containers(page.root)
        if not boxes:
            return
        memo: dict[Any, Any] = {}
        groups: dict[Any, list[int]] = {}
        for pos, i in enumerate(view.index):
            box = nearest_in(page.elements[i], boxes, memo)
            if box is not None:
                groups.setdefault(box, []).append(pos)
        for box, blocks in groups.items():
            if self.vocab is not None and not any(self.vocab.matches(view)[b] for b in blocks):
                continue
            yield Hit(tuple(blocks), boxes[box])
