"""Blocks from plain text: one block per non-blank line."""

from __future__ import annotations

import re

from cleaner.model import Block, Document

_LINE = re.compile(r"[^\n]*\n?")


def text_document(text: str, *, url: str | None = None) -> Document:
    """Split ``text`` into line blocks; blank lines are separators, not blocks.

    A block spans the line without its line break and without surrounding whitespace,
    so ``source_text[b.start:b.end] == b.text`` and the text is kept byte for byte.
    """
    blocks: list[Block] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            blocks.append(Block(index=len(blocks), start=start, end=start + len(stripped), text=stripped))
        pos += len(line)
    return Document(source_text=text, blocks=tuple(blocks), kind="text", url=url)
