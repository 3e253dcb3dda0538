"""Segments a React server streams after their placeholders, put in place as the page's script does.

A page rendered with React's streaming (Suspense; Next.js sends pages so) may carry much of its
text after the rest of the page, each part in a hidden ``<div hidden id="S:2">``, and a small
script moves it on load to its placeholder: ``<template id="B:2">`` (a boundary, whose fallback,
"Loading…", the part replaces) or ``<template id="P:2">`` (a segment inside another). A reader sees
that text where the placeholder was; read as written, it is hidden and at the page's end. Each
segment whose placeholder is on the page is moved there and shown; the fallback stays (it is
visible text of the page as sent, left to the rules) and so does a segment with no placeholder.
"""

from __future__ import annotations

import re
from typing import Any

_SEGMENT_ID = re.compile(r"S:[0-9a-f]+")


def place_streamed_segments(root: Any) -> int:
    """Move each streamed segment under ``root`` to its placeholder, unhidden; returns how many."""
    segments = [el for el in root.iter("div") if el.get("hidden") is not None
                and _SEGMENT_ID.fullmatch(el.get("id") or "")]
    if not segments:
        return 0
    placeholders = {el.get("id"): el for el in root.iter("template") if (el.get("id") or "")[:2] in ("B:", "P:")}
    placed = 0
    for segment in segments:
        suffix = segment.get("id")[2:]
        target = placeholders.get("P:" + suffix)
        if target is None:
            target = placeholders.get("B:" + suffix)
        if target is None or _inside(target, segment):
            continue
        _detach_keeping_tail(segment)
        target.addnext(segment)  # moves the segment, and the placeholder's tail after it
        segment.tail, target.tail = target.tail, None
        del segment.attrib["hidden"]
        placed += 1
    return placed


def _inside(el: Any, ancestor: Any) -> bool:
    """Whether ``el`` lies within ``ancestor`` (a segment cannot move into itself)."""
    return any(a is ancestor for a in el.iterancestors())


def _detach_keeping_tail(el: Any) -> None:
    """Take ``el`` out of its parent, leaving its tail text where it was."""
    tail, el.tail = el.tail, None
    parent = el.getparent()
    if parent is None:
        return
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
