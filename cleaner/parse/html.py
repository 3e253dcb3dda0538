"""Blocks from HTML: parse once with lxml, segment the visible text into blocks with DOM context.

The page's visible text, one block per line, becomes ``Document.source_text``. A block is the
text between two block-level boundaries (``<p>``, ``<div>``, ``<li>``, ``<br>``, …), whitespace
collapsed as a browser renders it. The walk is iterative (an explicit stack), so deeply nested
or broken markup cannot exhaust the recursion limit.

The parsed tree and each block's element are kept on ``Document.page`` (a side table that takes
no part in equality), so DOM matchers can run CSS selectors and structural tests on the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from cleaner.errors import LimitExceeded
from cleaner.model import Block, Document, DomContext
from cleaner.parse.depth import DEPTH_ERROR, flatten
from cleaner.parse.streamed import place_streamed_segments


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


BLOCK_TAGS = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul br noscript"
)
SKIP_TAGS = _names(
    "script style template head title meta link svg math iframe object embed select option datalist "
    "textarea canvas video audio map area source track param base"
)
# Landmark containers recorded in DomContext.inside (tags, and the ARIA roles that stand for them).
LANDMARK_TAGS = _names("figure figcaption form aside nav footer header main article blockquote table "
                       "button label dialog details address")
ROLE_LANDMARKS = {"navigation": "nav", "complementary": "aside", "contentinfo": "footer", "banner": "header",
                  "main": "main", "dialog": "dialog", "alertdialog": "dialog", "form": "form", "search": "form",
                  "article": "article", "figure": "figure", "menu": "nav", "menubar": "nav"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
MAX_PATH = 32  # innermost ancestors kept in DomContext.path
# DomContext.tokens: class/id tokens of the block's element and its nearest ancestors. Page-wide
# wrappers (<body class="cookies-not-set">, an off-canvas "ad" pusher around everything) sit
# farther up and say nothing about one block.
NEAR_LEVELS = 5


@dataclass
class Page:
    """The parsed page behind a Document: the lxml tree and, per block, its element."""

    root: Any  # lxml HtmlElement (the <html> element)
    elements: list[Any] = field(default_factory=list)  # per block: innermost element holding its text
    containers: list[Any] = field(default_factory=list)  # per block: innermost block-level element
    title: str | None = None
    headline: int | None = None  # index of the headline block (the page's main <h1>)
    urls: tuple[str, ...] = ()  # the addresses the page names as its own: canonical link, og:url


@dataclass(slots=True, eq=False)
class _Open:
    """An element on the walk's stack, with what it passes on to its descendants."""

    el: Any
    tag: str
    block: bool
    path: tuple[str, ...]
    own: frozenset[str]
    near: tuple[frozenset[str], ...]  # own tokens of this element and its nearest ancestors
    roles: frozenset[str]
    inside: frozenset[str]
    hidden: bool
    form: Any
    linked: bool = False  # inside an <a>: all its text is link text
    chars: int = 0  # characters of the current block's text under this element (inline elements)


_NO_TOKENS: frozenset[str] = frozenset()


_PAGE = frozenset({"html", "body"})  # page-wide wrappers: no DomContext.tokens from them
_LANDMARK = {tag: frozenset({tag}) for tag in LANDMARK_TAGS}


def _union(sets: tuple[frozenset[str], ...],
           memo: dict[tuple[frozenset[str], ...], frozenset[str]] = {}) -> frozenset[str]:  # noqa: B006
    """The union of ``sets`` (memoised: blocks share their ancestors' tokens)."""
    found = memo.get(sets)
    if found is None:
        if len(memo) > 20000:
            memo.clear()
        found = memo[sets] = frozenset().union(*sets)
    return found


def _tokens(cls: str | None, ident: str | None,
            memo: dict[tuple[str | None, str | None], frozenset[str]] = {}) -> frozenset[str]:  # noqa: B006
    """Class tokens and the id of an element, as written (memoised: pages repeat their classes).
    Case is kept so matchers can split camelCase names (``NewsletterBox``); they compare in lower case."""
    key = (cls, ident)
    found = memo.get(key)
    if found is None:
        parts = (cls or "").split()
        if ident:
            parts.append(ident)
        if len(memo) > 20000:
            memo.clear()
        found = memo[key] = frozenset(parts) if parts else _NO_TOKENS
    return found


def _tag_name(tag: Any, names: dict[str, str] = {}) -> str:  # noqa: B006 - a deliberate memo
    """``tag`` lower-cased without a namespace; "" for comments, entities and processing instructions."""
    if not isinstance(tag, str):
        return ""
    name = names.get(tag)
    if name is None:
        name = names[tag] = tag.rsplit("}", 1)[-1].lower()
    return name


_SKIP = ("", False)
_KINDS: dict[Any, tuple[str, bool]] = {}  # raw tag -> (name, block-level); _SKIP for what the walk skips


def _kind(tag: Any) -> tuple[str, bool]:
    name = _tag_name(tag)
    kind = _SKIP if not name or name in SKIP_TAGS else (name, name in BLOCK_TAGS)
    if len(_KINDS) > 10000:
        _KINDS.clear()
    _KINDS[tag] = kind
    return kind


# lxml.html's element classes, looked up in C: lxml.html's default lookup calls Python for each element.
_LOOKUP = etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
                                          pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)


def parse_tree(html: str, *, max_depth: int = 1024) -> Any | None:
    """Parse ``html`` with lxml (huge trees allowed); None when there is no document.

    libxml2 stops at 2048 levels of nesting and drops the rest of the page; such a page is parsed
    again with the tags below ``max_depth`` unwrapped (``cleaner.parse.depth``: text kept).
    """
    data = html.encode("utf-8", errors="replace")
    if not data.strip():
        return None
    root, too_deep = _parse(data)
    if too_deep:
        root, too_deep = _parse(flatten(html, max_depth).encode("utf-8", errors="replace"))
        if too_deep:
            raise LimitExceeded("HTML nesting is deeper than the parser's limit of 2048 levels, even with "
                                f"the tags below level {max_depth} unwrapped")
    if root is not None:
        _adopt_after_html(root)
        if "<template" in html and "S:" in html:  # cheap: most pages have no streamed segment
            place_streamed_segments(root)
    return root


def _adopt_after_html(root: Any) -> None:
    """Move what follows a premature ``</html>`` into the body, as browsers do.

    libxml2 puts the rest of such a page (a template that closes the document, then the article)
    in a second top-level ``<html>`` beside the root, where no walk from the root finds it: the
    page would lose text its readers see, silently.
    """
    strays = [el for el in root.itersiblings() if isinstance(el.tag, str)]
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for stray in strays:
        _append_text(body, stray.text)
        for child in list(stray):
            if child.tag == "head":
                continue
            if child.tag == "body":  # its children, not a second body inside the first
                _append_text(body, child.text)
                body.extend(list(child))
                _append_text(body, child.tail)
            else:
                body.append(child)  # moves the element (and its tail) out of the stray root


def _append_text(parent: Any, text: str | None) -> None:
    """Add ``text`` after ``parent``'s last child (or its own text when it has none)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _parse(data: bytes) -> tuple[Any | None, bool]:
    """The parsed page, and whether libxml2 gave up on its nesting depth (losing the rest)."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(_LOOKUP)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    return root, any(DEPTH_ERROR in e.message for e in parser.error_log)


class _Segmenter:
    """Walks the tree once and emits blocks."""

    def __init__(self) -> None:
        self.parts: list[str] = []  # the current block's text so far, from its first word on
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.elements: list[Any] = []
        self.containers: list[Any] = []
        self.pos = 0
        self.stack: list[_Open] = []
        self.link_chars = 0
        self.form_inputs: dict[Any, frozenset[str]] = {}
        self.closed: list[_Open] = []  # inline elements closed since the last flush

    # -- text --------------------------------------------------------------------------
    def add(self, text: str | None) -> None:
        if not text:
            return
        if "\n" in text and self.stack and self.stack[-1].tag == "pre":
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.flush()
                self._add(line)
            return
        self._add(text)

    def _add(self, text: str) -> None:
        if not text:
            return
        if text.isspace():  # a space between words; before the block's first word it is nothing
            if self.parts:
                self.parts.append(text)
            return
        self.parts.append(text)
        stack = self.stack
        if not stack or stack[-1].block:  # no inline element to credit
            return
        n = len(text.strip())
        for op in reversed(stack):
            if op.block:
                break
            op.chars += n
            if op.tag == "a":
                self.link_chars += n

    def flush(self) -> None:
        if not self.parts:  # no word since the last boundary (so no inline state either)
            return
        raw = "".join(self.parts)  # starts with a word: ``_add`` drops space before the first
        self.parts = []
        text = " ".join(raw.split())
        total = len(raw.strip()) or 1
        stack = self.stack
        depth = len(stack) - 1
        while depth > 0 and not stack[depth].block:
            depth -= 1
        container = stack[depth]
        own, near, roles, inside, hidden = container.own, container.near, container.roles, \
            container.inside, container.hidden
        element = container.el
        in_link = container.linked
        inline = stack[depth + 1:]
        if self.closed:
            inline = self.closed + inline
        for op in inline:
            if op.chars >= 0.8 * total:  # an inline element holding (nearly) all the text
                own = own | op.own
                near, roles, inside = op.near, op.roles, op.inside
                hidden = hidden or op.hidden
                element = op.el
                in_link = in_link or op.tag == "a"
        link_density = 1.0 if in_link else min(1.0, self.link_chars / total)
        form = container.form
        dom = DomContext(
            container.tag,
            container.path,
            _union(near),
            roles,
            hidden,
            round(link_density, 3),
            inside,
            self.form_inputs.get(form, _NO_TOKENS) if form is not None else _NO_TOKENS,
            None,
            own,
        )
        if self.blocks:
            self.lines.append("\n")
            self.pos += 1
        start = self.pos
        self.lines.append(text)
        self.pos += len(text)
        self.blocks.append(Block(len(self.blocks), start, self.pos, text, container.tag, dom))
        self.elements.append(element)
        self.containers.append(container.el)
        self._reset_inline()

    def _reset_inline(self) -> None:
        self.link_chars = 0
        if self.closed:
            self.closed = []
        for op in reversed(self.stack):
            if op.block:
                break
            op.chars = 0

    # -- tree ----------------------------------------------------------------------------
    def _inputs(self, form: Any) -> frozenset[str]:
        found = self.form_inputs.get(form)
        if found is None:
            kinds = set()
            for el in form.iter("input", "select", "textarea", "button"):
                kinds.add(el.tag if el.tag != "input" else (el.get("type") or "text").lower())
            found = self.form_inputs[form] = frozenset(kinds)
        return found

    def push(self, el: Any, tag: str, block: bool) -> None:
        stack = self.stack
        parent = stack[-1] if stack else None
        landmark = _LANDMARK.get(tag)
        cls, ident, role, flag, style = el.get("class"), el.get("id"), el.get("role"), el.get("hidden"), \
            el.get("style")
        own = _tokens(cls, ident) if cls or ident else _NO_TOKENS
        # aria-hidden elements are visible: not hidden
        is_hidden = flag is not None or bool(style and _HIDDEN_STYLE.search(style))
        if tag == "noscript":  # what a reader without JavaScript sees (a forum's crawler view): hidden text
            is_hidden = True
        if role:
            role = role.lower().split()
            extra = [ROLE_LANDMARKS[r] for r in role if r in ROLE_LANDMARKS]
            if extra:
                landmark = landmark.union(extra) if landmark else frozenset(extra)
        if parent is None:
            path: tuple[str, ...] = (tag,)
            near: tuple[frozenset[str], ...] = (own,) if tag not in _PAGE else ()
            roles = frozenset(role) if role else _NO_TOKENS
            inside, hidden, form, linked = landmark or _NO_TOKENS, is_hidden, None, tag == "a"
        else:
            path = parent.path
            path = (*path, tag) if len(path) < MAX_PATH else (*path[1:], tag)
            if tag in _PAGE:
                near = ()
            else:
                near = parent.near
                near = (*near, own) if len(near) < NEAR_LEVELS else (*near[1:], own)
            roles = parent.roles | frozenset(role) if role else parent.roles
            inside = parent.inside | landmark if landmark else parent.inside
            hidden = parent.hidden or is_hidden
            form = parent.form
            linked = parent.linked or tag == "a"
        if tag == "form":
            form = el
            self._inputs(el)
        stack.append(_Open(el, tag, block, path, own, near, roles, inside, hidden, form, linked))

    def close(self) -> None:
        """The end of the element on top of the stack."""
        stack = self.stack
        op = stack[-1]
        if op.block:
            if self.parts:
                self.flush()
        elif op.chars:  # an inline element that held text of the current block
            self.closed.append(op)
        stack.pop()
        if stack:  # text after the walk's root is outside the page body
            tail = op.el.tail
            if tail:
                self.add(tail)

    def walk(self, root: Any) -> None:
        stack = self.stack
        todo: list[Any] = [root]
        pop, append, add, push, close = todo.pop, todo.append, self.add, self.push, self.close
        while todo:
            el = pop()
            if el is None:  # the end of the element on top of the stack
                close()
                continue
            tag = el.tag
            kind = _KINDS.get(tag)
            if kind is None:
                kind = _kind(tag)
            if kind is _SKIP:
                tail = el.tail
                if tail:
                    add(tail)
                continue
            tag, block = kind
            if block and self.parts:
                self.flush()
            text = el.text
            children = el.getchildren()
            if not children:  # a leaf: opened and closed at once
                if not text and tag != "form" and (not block or stack):
                    # no text of its own: nothing a block could inherit from it
                    tail = el.tail
                    if tail and stack:
                        add(tail)
                    continue
                push(el, tag, block)
                if text:
                    add(text)
                close()
                continue
            push(el, tag, block)
            if text:
                add(text)
            append(None)
            children.reverse()
            todo.extend(children)


def _own_urls(root: Any) -> tuple[str, ...]:
    """The page's ``<link rel="canonical">`` and ``og:url`` (from the head only: cheap)."""
    head = root.find("head")
    if head is None:
        return ()
    found = []
    for el in head.iter("link", "meta"):
        if el.tag == "link":
            if "canonical" in (el.get("rel") or "").lower().split():
                found.append(el.get("href"))
        elif (el.get("property") or el.get("name") or "").lower() == "og:url":
            found.append(el.get("content"))
    return tuple(u.strip() for u in found if u and u.strip())


def _title(root: Any) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', "//head/title/text()"):
        found = root.xpath(xpath)
        if found and found[0].strip():
            return _SPACE.sub(" ", found[0]).strip()
    return None


_SITE_TITLE = re.compile(r"(?:^|[-_])(?:menu|logo)(?:$|[-_])|site[-_]?(?:title|name)", re.IGNORECASE)


def _headline(blocks: list[Block], title: str | None) -> int | None:
    """The page's headline: the ``<h1>`` that best matches the title (the longest one found in it, so
    the story's headline wins over the site's name) unless its own class names it the menu's or the
    site's title (a book's name in a documentation site's menu bar, which every chapter's title
    ends with); else the first ``<h1>`` unless it sits in the page's frame (see ``_in_page_frame``).
    When none is forced, the main-content stage decides.
    An ``<h1>`` that is a link and less than half of the title is a logo, never the headline."""
    h1s = [b for b in blocks if b.kind == "h1" and b.dom is not None and not b.dom.hidden]
    low = title.casefold() if title else ""
    h1s = [b for b in h1s if b.dom.link_density < 0.5 or 2 * len(b.text) >= len(low)]
    if not h1s:
        return None
    if low:
        matching = [b for b in h1s if b.text.casefold() in low or low in b.text.casefold()]
        if matching:
            best = max(matching, key=lambda b: len(b.text))
            return None if any(_SITE_TITLE.search(t) for t in best.dom.own_tokens) else best.index
    return None if _in_page_frame(h1s[0].dom) else h1s[0].index


_FRAME_TOKEN = re.compile(r"(?:^|[-_])(?:menu|navbar|logo|brand|masthead)(?:$|[-_])", re.IGNORECASE)


def _in_page_frame(dom: DomContext) -> bool:
    """Whether an element sits in the page's frame: navigation outside the article and ``<main>``,
    or a container named as a menu, navbar, logo, brand or masthead (the site's name in an
    ``<h1>``, not a story's headline)."""
    if "nav" in dom.inside and not dom.inside & {"article", "main"}:
        return True
    return any(_FRAME_TOKEN.search(token) for token in dom.tokens)


def html_document(html: str, *, url: str | None = None, max_depth: int = 1024,
                  max_elements: int | None = None) -> Document:
    """Parse ``html`` into a Document of visible-text blocks, with the tree on ``Document.page``.

    A page of more than ``max_elements`` elements raises LimitExceeded before any walk.
    """
    root = parse_tree(html, max_depth=max_depth)
    if root is None:
        return Document(source_text="", blocks=(), kind="html", url=url, page=Page(root=None))
    if max_elements is not None and html.count("<") > max_elements:  # cheap bound first
        count = int(root.xpath("count(//*)"))
        if count > max_elements:
            raise LimitExceeded(f"page has {count} HTML elements, over the limit of {max_elements}")
    seg = _Segmenter()
    body = root.find("body")
    seg.walk(body if body is not None else root)
    seg.flush()
    title = _title(root)
    page = Page(root=root, elements=seg.elements, containers=seg.containers, title=title,
                headline=_headline(seg.blocks, title), urls=_own_urls(root))
    return Document(source_text="".join(seg.lines), blocks=tuple(seg.blocks), kind="html", url=url,
                    title=title, page=page)
