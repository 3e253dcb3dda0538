"""A second opinion on main content: prose density per block, with its neighbours as context.

Boilerpipe/jusText in spirit, on cleaner's blocks: a block is *prose* when it is long enough, few
of its characters are links, and it sits outside page chrome (nav, header, footer, aside, hidden
or a container whose class/id says sidebar, comments, related…; hidden counts only on a page
whose text is mostly hidden, and never for folded text: a tab's panel, an accordion's answer).
Short blocks (headings, captions, list items) count as prose when prose surrounds them. The stage
uses it where the main extractor under-delivers: a page of many ``<article>`` cards, or text the
extractor's pruning lost.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from cleaner.model import Block, DomContext
from cleaner.words import count_words

CHROME = frozenset({"nav", "header", "footer", "aside", "dialog"})
_HEADER = frozenset({"header"})
_SECTIONING = frozenset({"main", "article"})
_CHROME_NAMES = (
    r"nav|navbar|navigation|menu|menubar|footer|sidebar|side-bar|widget|breadcrumbs?|cookies?|consent|related"
    r"|recommend\w*|newsletter|subscribe|signup|share|sharing|social|promo|advert\w*|ads?|banner|popup|modal"
    r"|masthead|toolbar|pagination|pager|tags?|byline|author-bio|disclaimer|copyright"
    r"|reviews|customer-reviews?|user-reviews?"  # a product's reviews: its buyers' comments
)
# Hidden text a reader reveals with a click: a tab's panel, an accordion's answer, a "read more" fold.
_COLLAPSED_TOKEN = re.compile(
    r"(?:^|[-_ ])(?:accordion\w*|collaps\w*|tab-?pan(?:es?|els?)|tab-content|faq\w*|answers?|expand\w*"
    r"|spoilers?|read-?more|show-?more|more-?text)(?:$|[-_ ])",
    re.IGNORECASE,
)
MIN_WORDS = 12
MAX_LINK = 0.35
WINDOW = 3
HIDDEN_PAGE = 0.75  # share of the page's words in hidden elements from which hidden text counts as prose
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class NamedTokens:
    """Whether any of an element's class/id tokens matches a pattern (memoised per token set: a
    page's blocks share their token sets, and pages repeat their classes)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.memo: dict[Collection[str], bool] = {}

    def __call__(self, tokens: Collection[str]) -> bool:
        found = self.memo.get(tokens)
        if found is None:
            if len(self.memo) > 20000:
                self.memo.clear()
            found = self.memo[tokens] = any(self.pattern.search(t) for t in tokens)
        return found


def named_tokens(names: str) -> tuple[NamedTokens, NamedTokens]:
    """Whether a class/id token is one of ``names`` (a regex alternation) or names comments, whole
    or as a part between ``-``, ``_`` or spaces; and the same on a forum thread, where the replies
    are the page and a token naming a comment ("comment-4398_wrap") names a post."""
    def token(alternatives: str) -> NamedTokens:
        return NamedTokens(re.compile(rf"(?:^|[-_ ])(?:{alternatives})(?:$|[-_ ])", re.IGNORECASE))

    return token(f"{names}|comments?"), token(names)


chrome_tokens, forum_chrome_tokens = named_tokens(_CHROME_NAMES)  # a class/id token says page chrome


def collapsed(d: DomContext) -> bool:
    """Whether hidden text is folded content the reader opens (a tab panel, an accordion's answer),
    not a template: an ARIA tab panel, or a class/id token that names the fold."""
    return "tabpanel" in d.roles or any(_COLLAPSED_TOKEN.search(t) for t in d.tokens)


def block_words(b: Block) -> int:
    """The block's words, a long unbroken token (a URL, a slug) counting one per six characters."""
    return _text_words(b.text)


@lru_cache(maxsize=8192)
def _text_words(text: str) -> int:
    """(Memoised: the stage counts each block several times, and pages repeat their chrome.)"""
    words = count_words(text)
    return max(words, len(text) // 6) if words <= 2 else words


def hidden_page(blocks: Sequence[Block]) -> bool:
    """Whether most of the page's words sit in hidden elements: a page its scripts reveal (tabs,
    accordions, an app shell), whose hidden text is what the reader sees, not a template."""
    hidden = sum(block_words(b) for b in blocks if b.dom is not None and b.dom.hidden)
    return hidden >= HIDDEN_PAGE * max(1, sum(block_words(b) for b in blocks))


def in_chrome(d: DomContext) -> bool:
    """Whether the block sits in a chrome landmark (nav, header, footer, aside, dialog). A <header>
    inside <main> or <article> is none: it heads that part, not the page (HTML gives it no banner
    role), and some templates wrap a whole post in one."""
    found = d.inside & CHROME
    if found == _HEADER and d.inside & _SECTIONING:
        return False
    return bool(found)


def prose_blocks(blocks: Sequence[Block], *, forum: bool = False) -> list[bool]:
    """Per block, whether it reads as the page's prose (on a forum thread, its replies too)."""
    chrome_named = forum_chrome_tokens if forum else chrome_tokens
    n = len(blocks)
    ok = [False] * n
    good = [False] * n
    hidden_counts = not hidden_page(blocks)
    for i, b in enumerate(blocks):
        d = b.dom
        if d is None:
            ok[i] = good[i] = True
            continue
        if (d.hidden and hidden_counts and not collapsed(d)) or in_chrome(d) or chrome_named(d.tokens):
            continue
        ok[i] = d.link_density < 0.5
        good[i] = d.link_density < MAX_LINK and block_words(b) >= MIN_WORDS
    out = list(good)
    last_good = -WINDOW - 1
    next_good = [n + WINDOW + 1] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_good[i] = i if good[i] else next_good[i + 1]
    for i in range(n):
        if good[i]:
            last_good = i
            continue
        if not ok[i]:
            continue
        after = next_good[i + 1] if i + 1 <= n else n + WINDOW + 1
        heading_before = blocks[i].kind in _HEADINGS and after - i <= 2
        if (i - last_good <= WINDOW and after - i <= WINDOW) or heading_before:
            out[i] = True
    return out


def words(blocks: Sequence[Block], chosen: Sequence[bool]) -> int:
    return sum(block_words(b) for b, c in zip(blocks, chosen, strict=True) if c)
