"""Render a CleanResult: text, json, diff, marked (and html/markdown for review)."""

from __future__ import annotations

import json
from collections.abc import Callable

from cleaner.formats.diff import render_diff, render_marked
from cleaner.formats.html_report import render_html
from cleaner.formats.markdown import render_markdown
from cleaner.model import CleanResult


def render_text(result: CleanResult) -> str:
    return result.text


def render_json(result: CleanResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[CleanResult], str]] = {
    "text": render_text,
    "json": render_json,
    "diff": render_diff,
    "marked": render_marked,
    "html": render_html,
    "markdown": render_markdown,
}


def render(result: CleanResult, fmt: str) -> str:
    try:
        return FORMATS[fmt](result)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
