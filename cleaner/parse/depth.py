"""Nesting deeper than the HTML parser can hold: unwrap the tags below a depth, keep the text.

libxml2 (behind lxml) stops parsing at 2048 levels of nesting ("Excessive depth in document")
and silently drops everything after that point, including the rest of the page. ``flatten``
rewrites such markup before it is parsed again: start and end tags deeper than ``max_depth``
are replaced by a space, so their text stays (it becomes part of the element at ``max_depth``)
and only structure is lost. It runs only on pages the parser refused, so ordinary pages never
pay for it.

The model of nesting is deliberately simple and errs towards deeper: void elements and
``<x/>`` do not nest, an end tag closes the innermost open element of its name and everything
opened after it, and an end tag with no open element of its name is left alone. Implied end
tags are modelled only for ``<p>`` (a ``<div>`` or another ``<p>`` ends an open ``<p>``, as in the
parser), so the real tree is never deeper than counted here, except for the few elements the
parser adds itself (``html``, ``body``).
"""

from __future__ import annotations

import re

# A tag: "<" or "</", a name, anything but "<" or ">", then ">". Possessive quantifiers and no "<"
# inside a tag keep the scan linear on hostile input (no backtracking, no tag spans another).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*+)([^<>]*+)>")
VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
    "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
})
DEPTH_ERROR = "Excessive depth"
# Tags kept at any depth: unwrapping them would make hidden content (scripts, templates, hidden
# elements) visible. They still count towards the depth.
_HIDING = frozenset({
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "select",
    "textarea", "canvas", "video", "audio", "map", "datalist",
})
# The page's frame, kept at any depth: without <body>, the parser would move the <script> and
# <noscript> elements that follow into <head>, where their text is not the page's.
_FRAME = frozenset({"html", "body"})
# Start tags that end an open <p> (the HTML parsing algorithm's implied end tag), as libxml2 does.
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
    "nav", "ol", "p", "pre", "section", "table", "ul",
})
_HIDDEN_ATTR = re.compile(r"hidden|display\s*:\s*none", re.IGNORECASE)
# Elements whose content the parser reads as raw text, not markup: a "<p>" inside a script is no tag.
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in ("script", "style")}


def _close(stack: list[tuple[str, bool]], where: dict[str, list[int]], k: int) -> bool:
    """Close ``stack[k]`` and everything opened after it; whether any of them was block-level."""
    from cleaner.parse.html import BLOCK_TAGS

    block = False
    for popped, _ in stack[k:]:
        where[popped].pop()
        block = block or popped in BLOCK_TAGS
    del stack[k:]
    return block


def flatten(html: str, max_depth: int) -> str:
    """``html`` with every start/end tag nested deeper than ``max_depth`` removed (a block-level tag
    becomes a space, so words on either side stay apart; an inline tag becomes nothing)."""
    from cleaner.parse.html import BLOCK_TAGS

    out: list[str] = []
    cursor = 0
    stack: list[tuple[str, bool]] = []  # (tag name, kept)
    where: dict[str, list[int]] = {}  # tag name → its positions in ``stack``
    pos = 0
    while (m := _TAG.search(html, pos)) is not None:
        pos = m.end()
        closing, name = m.group(1), m.group(2).lower()
        if not closing and name in _RAW_END:  # skip to its end tag, which the next search finds
            end = _RAW_END[name].search(html, pos)
            pos = end.start() if end is not None else len(html)
        block = name in BLOCK_TAGS
        if name in VOID or (not closing and m.group(3).endswith("/")):
            continue
        if not closing and name in _CLOSES_P and where.get("p"):
            _close(stack, where, where["p"][-1])
        if not closing:
            keep = len(stack) < max_depth or name in _HIDING or name in _FRAME or bool(_HIDDEN_ATTR.search(m.group(3)))
            where.setdefault(name, []).append(len(stack))
            stack.append((name, keep))
        else:
            open_at = where.get(name)
            if not open_at:
                continue  # a stray end tag: the parser ignores it, so do we
            k = open_at[-1]
            keep = stack[k][1]
            block = _close(stack, where, k) or block  # "</button>" also ends the "<p>" opened in it
        if not keep:
            out.append(html[cursor:m.start()])
            out.append(" " if block else "")
            cursor = m.end()
    if not out:
        return html
    out.append(html[cursor:])
    return "".join(out)
