"""The page's own address printed as a line: a print header, a share panel's "Copy this link" field.

A block matches when it is a URL that names the page itself (the document's ``url``, or on HTML
the page's ``<link rel="canonical">`` or ``og:url``), beside at most ``max_other_words`` words
of label ("Short URL:", "Permalink"). Another page's address on a line of its own (a reference,
a source) is not the page's, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field

from cleaner.detectors.base import DocView, Hit, Params, register

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'”’)\]]+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SKIP_HOST = re.compile(r"^(?:www\d?|m|amp|mobile)\.")


def page_key(url: str) -> tuple[str, str, str] | None:
    """What identifies a page's address: host without ``www.``/``m.``, path without a trailing
    slash, and query (scheme, port and fragment left out); None when ``url`` names no page."""
    text = url.strip().rstrip(".,;:")
    if not re.match(r"(?i)https?://", text):
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:  # a malformed port or bracket: no address to compare
        return None
    if "." not in host:
        return None
    return _SKIP_HOST.sub("", host), parts.path.rstrip("/").lower(), parts.query


def _same(key: tuple[str, str, str], page: tuple[str, str, str]) -> bool:
    """Same host and path, and the same query when both have one (trackers add theirs)."""
    return key[:2] == page[:2] and (not key[2] or not page[2] or key[2] == page[2])


def page_urls(view: DocView) -> list[tuple[str, str, str]]:
    """The addresses the document names as its own: its ``url`` and, on HTML, the page's canonical
    and ``og:url`` (see ``cleaner.parse.html.Page.urls``)."""
    doc = view.doc
    found = [doc.url, *getattr(doc.page, "urls", ())]
    keys = [page_key(u) for u in found if u]
    return [k for k in keys if k is not None and k[1]]  # a home page's address is the site's, not an article's


class PageUrlParams(Params):
    """``max_other_words``: words the block may hold beside the address (its label)."""

    kind: Literal["page-url"]
    max_other_words: int = Field(default=3, ge=0)


@register("page-url", PageUrlParams)
class PageUrlDetector:
    def __init__(self, params: PageUrlParams) -> None:
        self.params = params

    def __call__(self, view: DocView) -> Iterator[Hit]:
        own = page_urls(view)
        if not own:
            return
        for i in self._candidates(view):
            text = view.texts[i]
            found = _URL.search(text)
            if found is None or _URL.search(text, found.end()) is not None:
                continue
            rest = text[:found.start()] + " " + text[found.end():]
            if len(_WORD.findall(rest)) > self.params.max_other_words:
                continue
            key = page_key(found.group(0))
            if key is not None and any(_same(key, page) for page in own):
                yield Hit((i,), f'the page\'s own address "{found.group(0)[:80]}"')

    @staticmethod
    def _candidates(view: DocView) -> Iterable[int]:
        """Blocks that may hold an address: short ones with "http" or "www." in them."""
        return (i for i, t in enumerate(view.texts) if len(t) < 600 and ("http" in t or "www." in t.lower()))
