"""Sibling chunks: an article body split into same-class containers, of which an extractor took some.

Readability's sibling rule, on cleaner's blocks: find the element that holds most of what the
main-content verdict keeps, then its siblings (or its parent's, a few levels up) with the same tag
and class; their prose blocks continue the article. A sibling must hold a long, link-free
paragraph, so teaser cards with a line of summary stay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.model import Document

SIBLING_LEVELS = 3  # how far up from the main container same-class siblings are looked for
SIBLING_PROSE_WORDS = 40  # a sibling chunk continues the article when it holds a paragraph this long
FORUM_POST_WORDS = 5  # on a forum thread, a sibling post continues it when it holds a line this long
FORUM_LEVELS = 6  # and is looked for this far up (a post's text sits deep in its author box and body)
CAPTIONS = frozenset({"figure", "figcaption"})
SIBLING_SHARE = 0.5  # the main container of the sibling rule holds half of the words kept
INTERIOR_SHARE = 0.75  # the article's container holds this share of the words kept (one paragraph is not it)


def _main_containers(doc: Document, verdict: Sequence[bool], shares: Sequence[float]) -> list[Any | None]:
    """Per share, the deepest element holding at least that share of the words the verdict keeps."""
    containers = doc.page.containers
    weight: dict[Any, int] = {}
    total = 0
    for i, keep in enumerate(verdict):
        if keep:
            n = doc.blocks[i].word_count
            total += n
            for el in (containers[i], *containers[i].iterancestors()):
                weight[el] = weight.get(el, 0) + n
    depths = {el: sum(1 for _ in el.iterancestors()) for el in weight}
    found: list[Any | None] = []
    for share in shares:
        holding = [el for el, n in weight.items() if n >= share * total]
        found.append(max(holding, key=depths.__getitem__, default=None))
    return found


def rescued(doc: Document, verdict: Sequence[bool], prose: Sequence[bool], *, forum: bool = False) -> list[int]:
    """Blocks the verdict left out that continue the article: ``continuations`` and ``interior``
    (the kept words weighed once for both). On a forum thread (``forum``) a sibling post continues
    the thread whatever its length: a one-line reply is a post too."""
    page = doc.page
    if page is None or not page.containers or not any(verdict):
        return []
    chunked, own = _main_containers(doc, verdict, (SIBLING_SHARE, INTERIOR_SHARE))
    min_words, levels = (FORUM_POST_WORDS, FORUM_LEVELS) if forum else (SIBLING_PROSE_WORDS, SIBLING_LEVELS)
    return sorted({*continuations(doc, verdict, prose, chunked, min_words=min_words, levels=levels),
                   *interior(doc, verdict, prose, own)})


def _same_siblings(main: Any | None, levels: int = SIBLING_LEVELS) -> tuple[set[Any], Any]:
    """Siblings with the main container's tag and class, or its parent's (up to ``levels`` up):
    chunks are often wrapped one by one in layout rows."""
    el = main
    for _ in range(levels):
        if el is None or el.tag in ("body", "html"):
            break
        parent = el.getparent()
        if parent is None:
            break
        if el.get("class"):
            key = (el.tag, el.get("class"))
            same = {s for s in parent if s is not el and (s.tag, s.get("class")) == key}
            if same:
                return same, parent
        el = parent
    return set(), None


def continuations(doc: Document, verdict: Sequence[bool], prose: Sequence[bool], main: Any | None = None,
                  *, min_words: int = SIBLING_PROSE_WORDS, levels: int = SIBLING_LEVELS) -> list[int]:
    """Prose blocks left out that sit in siblings of the main content's container with the same tag
    and class: an article body split into chunks (ads or embeds between them) of which the extractor
    took only some. Readability's sibling rule, on blocks. Siblings that hold no long prose block
    (teaser cards with a line of summary) add nothing."""
    page = doc.page
    if page is None or not page.containers or not any(verdict):
        return []
    if main is None:
        main = _main_containers(doc, verdict, (SIBLING_SHARE,))[0]
    siblings, parent = _same_siblings(main, levels)
    if not siblings:
        return []
    found: dict[Any, list[int]] = {}
    for i in range(len(doc.blocks)):
        if verdict[i] or not prose[i]:
            continue
        container = page.containers[i]
        for el in (container, *container.iterancestors()):
            if el in siblings:
                found.setdefault(el, []).append(i)
                break
            if el is parent:
                break
    out: list[int] = []
    for blocks in found.values():
        if any(doc.blocks[i].word_count >= min_words and doc.blocks[i].dom.link_density < 0.2
               for i in blocks):
            out.extend(blocks)
    return sorted(out)


def interior(doc: Document, verdict: Sequence[bool], prose: Sequence[bool], main: Any | None = None) -> list[int]:
    """Long prose blocks left out inside the main content's own container, before the last block
    the verdict keeps there: a lead paragraph an extractor skipped because a caption or an embed
    sat next to it, or the opening paragraphs it dropped. A paragraph of ``SIBLING_PROSE_WORDS``
    words or more with few links, in the article's container ahead of the end of what was kept
    (not in a figure: long captions stay out), is the article's. After the last kept block the
    container may hold an author's box or comments: nothing is taken there."""
    page = doc.page
    if page is None or not page.containers or not any(verdict):
        return []
    if main is None:
        main = _main_containers(doc, verdict, (INTERIOR_SHARE,))[0]
    if main is None:
        return []

    under = set(main.iter())
    within = [container in under for container in page.containers]
    kept = [i for i, keep in enumerate(verdict) if keep and within[i]]
    if not kept:
        return []
    return [i for i in range(within.index(True), kept[-1])
            if within[i] and not verdict[i] and prose[i] and doc.blocks[i].word_count >= SIBLING_PROSE_WORDS
            and (d := doc.blocks[i].dom).link_density < 0.2 and not d.inside & CAPTIONS]
