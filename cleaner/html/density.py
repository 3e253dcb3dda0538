"""A fast main-content stage of cleaner's own: the DOM subtree richest in prose.

Readability's and boilerpipe's idea, on cleaner's blocks. Each block scores its words: plus its
words when it reads as prose (``MIN_WORDS`` words or more, under ``MAX_LINK`` of them links),
minus ``CHROME_PENALTY`` times its words when it is link-dense or inside a chrome landmark (nav,
header, footer, aside, dialog; a header inside main or article is none, see ``prose.in_chrome``),
a quarter of its words when it is a link-free line of ``SHORT_WORDS`` words or more (a reference's
entries, a list's items: a page of them is not outweighed by the links between them), nothing
otherwise (headings, labels) or when hidden.
Every element sums the scores of the blocks under it; the element with the highest sum (the
deepest on a tie) holds the article. Three refinements follow, each on the element's prose:

- the headline anchors it: when the page's headline (``Page.headline``) lies outside the chosen
  element and the headline's nearest ancestor holding ``ANCHOR_PROSE`` words of prose does not
  contain it either, the best element under that ancestor wins (a short story beside a larger
  block of teasers);
- a container named for the article (``<article>``, ``itemprop="articleBody"``, a class or id such
  as ``entry-content``, ``post-body``, ``story``) inside it that holds ``NAMED_SHARE`` of its
  prose is taken instead;
- the deepest element inside it that still holds ``TIGHT_SHARE`` of its prose is taken (page-wide
  wrappers whose extra lines are menus and headers, not prose).

Inside the container, blocks that are chrome on their own stay out: link-dense, in a chrome
landmark, hidden, or under an element between them and the container whose class or id names page
furniture (``share``, ``related``, ``newsletter``, ``comments``, ``reviews``…); class names above
the container say nothing about its blocks (a layout's ``l-sidebar-fixed`` wraps the article too).
On a forum thread (``forum``, see ``pagetype.forum_thread``) the replies are the page: a class or id
naming comments names its posts, and the article-named refinement is skipped (every post is an
``<article>``).

The stage declines (returns None) when it is unsure, and the next extractor decides: when the page
has under ``MIN_PAGE_PROSE`` words of prose (a listing, a shop, a landing page, where prose density
has nothing to go by) or the container holds under ``CONFIDENT_SHARE`` of the page's prose (an
article in pieces, or teasers outweighing it). Parameters were set on the first 200 pages of each
eval corpus and checked on the rest (docs/accuracy.md).
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.extract import MainContent
from cleaner.html.prose import MAX_LINK, MIN_WORDS, block_words, collapsed, hidden_page, in_chrome, named_tokens
from cleaner.model import Document

SHORT_WORDS, SHORT_WEIGHT = 5, 0.25  # a link-free line of this many words scores this share of its words
CHROME_PENALTY = 2.0  # a chrome block's words weigh this many times a prose block's, against
ANCHOR_PROSE = 100  # words of prose that make the headline's ancestor the article's neighbourhood
NAMED_SHARE = 0.6  # of the container's prose, held by a container named for the article
TIGHT_SHARE = 0.85  # of the container's prose, held by the deepest element taken instead
MIN_PAGE_PROSE = 100  # words of prose on the page under which the stage declines
CONFIDENT_SHARE = 0.5  # of the page's prose, held by the container, under which the stage declines
_FURNITURE_NAMES = (
    r"nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|cookies?|consent|related|recommend\w*|newsletter"
    r"|subscribe|signup|share|sharing|social|promo|advert\w*|ads?|popup|modal|toolbar|pagination|pager|tags"
    r"|author-bio|disclaimer|copyright|rail|trending|popular|most-?read|most-?viewed"
    r"|reviews|customer-reviews?|user-reviews?"  # a product's reviews: its buyers' comments
)
_ARTICLE = re.compile(
    r"(?:^|[-_ ])(?:article|post|entry|story|blog|news)[-_ ]?(?:body|content|text|entry|main|inner|detail|single)?"
    r"(?:$|[-_ ])|(?:^|[-_ ])(?:content|main|body)[-_ ]?(?:body|text|article|inner)(?:$|[-_ ])|articlebody",
    re.IGNORECASE,
)
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form"})


def _class_and_id(el: Any) -> tuple[str, ...]:
    cls, ident = el.get("class"), el.get("id")
    return (*(cls or "").split(), *((ident,) if ident else ()))


furniture, forum_furniture = named_tokens(_FURNITURE_NAMES)  # a class/id token names page furniture


def _named_for_article(el: Any) -> bool:
    return el.tag == "article" or "articleBody" in (el.get("itemprop") or "") or any(
        _ARTICLE.search(t) for t in _class_and_id(el))


def _depth_under(el: Any, top: Any) -> int | None:
    """How many levels ``el`` lies below ``top``, or None when it is not under it."""
    for depth, ancestor in enumerate(el.iterancestors(), 1):
        if ancestor is top:
            return depth
    return None


def _deepest_under(top: Any, prose: dict[Any, float], need: float, named: bool = False) -> Any:
    """The deepest element under ``top`` with at least ``need`` words of prose (named for the
    article, if asked), else ``top``."""
    found, deepest = top, 0
    for el, words in prose.items():
        if words < need or el is top or (named and not _named_for_article(el)):
            continue
        depth = _depth_under(el, top)
        if depth is not None and depth > deepest:
            found, deepest = el, depth
    return found


class ProseDensityExtractor:
    """The element richest in prose, and the blocks under it that are not chrome (see the module).
    On a forum thread (``forum``) a class or id naming comments names its posts, not furniture."""

    name = "prose density"

    def __init__(self, *, forum: bool = False) -> None:
        self.forum = forum
        self.furniture = forum_furniture if forum else furniture

    def main_content(self, doc: Document) -> MainContent | None:
        page = doc.page
        if page is None or not page.containers or not doc.blocks:
            return None
        blocks, containers = doc.blocks, page.containers
        hidden_counts = not hidden_page(blocks)
        score: dict[Any, float] = {}  # per block container: the sum of its blocks' scores
        prose: dict[Any, float] = {}  # per block container: its words of prose
        chrome = [False] * len(blocks)
        for i, b in enumerate(blocks):
            d, words, s = b.dom, block_words(b), 0.0
            if d is None:
                continue
            if d.hidden and hidden_counts and not collapsed(d):
                chrome[i] = True
            elif in_chrome(d) or d.link_density >= 0.5:
                s, chrome[i] = -CHROME_PENALTY * words, True
            elif d.link_density < MAX_LINK and words >= MIN_WORDS:
                s = float(words)
            elif d.link_density == 0 and words >= SHORT_WORDS:
                s = SHORT_WEIGHT * words
            chrome[i] = chrome[i] or self.furniture(d.own_tokens)
            c = containers[i]
            score[c] = score.get(c, 0.0) + s
            if s > 0:
                prose[c] = prose.get(c, 0.0) + s
        chains = {c: (c, *c.iterancestors()) for c in score}
        total: dict[Any, float] = {}
        prose_under: dict[Any, float] = {}
        for c, chain in chains.items():
            for el in chain:
                total[el] = total.get(el, 0.0) + score[c]
                if c in prose:
                    prose_under[el] = prose_under.get(el, 0.0) + prose[c]
        page_prose = sum(prose.values())
        best_score = max(total.values(), default=0.0)
        if best_score <= 0 or page_prose < MIN_PAGE_PROSE:
            return None
        best = max((el for el, s in total.items() if s >= best_score - 1e-9),
                   key=lambda el: sum(1 for _ in el.iterancestors()))
        if page.headline is not None:
            best = self._near_headline(best, containers[page.headline], total, prose_under)
        if not self.forum:  # a forum thread's <article> elements are its posts, each one of many
            best = _deepest_under(best, prose_under, NAMED_SHARE * prose_under.get(best, 0.0), named=True)
        best = _deepest_under(best, prose_under, TIGHT_SHARE * prose_under.get(best, 0.0))
        if prose_under.get(best, 0.0) < CONFIDENT_SHARE * page_prose:
            return None
        under_furniture: dict[Any, bool] = {}

        def kept(i: int) -> bool:
            chain = chains.get(containers[i], ())
            if chrome[i] or best not in chain:
                return False
            for el in chain:  # from the block up to the container, not above
                if el is best:
                    return True
                named = under_furniture.get(el)
                if named is None:
                    named = under_furniture[el] = el.tag in _FURNITURE_TAGS or self.furniture(_class_and_id(el))
                if named:
                    return False
            return True

        return MainContent(tuple(1.0 if kept(i) else 0.0 for i in range(len(blocks))), self.name)

    @staticmethod
    def _near_headline(best: Any, headline: Any, total: dict[Any, float], prose_under: dict[Any, float]) -> Any:
        """The best element near the headline, when ``best`` lies away from it (see the module)."""
        anchor = None
        for el in (headline, *headline.iterancestors()):
            if el is best:
                return best
            if prose_under.get(el, 0.0) >= ANCHOR_PROSE:
                anchor = el
                break
        if anchor is None or _depth_under(best, anchor) is not None:
            return best
        top, top_score, top_depth = best, 0.0, -1
        for el, s in total.items():
            if s <= 0:
                continue
            depth = 0 if el is anchor else _depth_under(el, anchor)
            if depth is None:
                continue
            if s > top_score + 1e-9 or (abs(s - top_score) <= 1e-9 and depth > top_depth):
                top, top_score, top_depth = el, s, depth
        return top
