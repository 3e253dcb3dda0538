"""Extractors' Markdown output (trafilatura's ``output_format="markdown"``): headings and emphasis
marks do not hide a heading from the rules."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.detectors.base import strip_markdown

STORY = ("The council approved the new bridge on Tuesday after a debate that lasted most of the evening, and the "
         "mayor said the work would start in the spring once the contracts had been signed.")


def test_heading_marks_and_whole_line_emphasis_are_stripped_for_matching() -> None:
    assert strip_markdown("## 6 thoughts on “Bridge”") == "6 thoughts on “Bridge”"
    assert strip_markdown("### Related stories ###") == "Related stories"
    assert strip_markdown("**Read more**") == "Read more"
    # not headings nor emphasis of the whole line: hashtags, a sum, bold words in a sentence
    for text in ("#bridge #council", "2 ** 8 is 256", "**Bold** words in a sentence", "C# and F#"):
        assert strip_markdown(text) == text


def test_a_comment_heading_written_as_a_markdown_heading_is_found() -> None:
    for heading in ("6 thoughts on “The new bridge”", "## 6 thoughts on “The new bridge”"):
        text = f"{STORY}\n\n{heading}\n\nGreat news, I cross the river every day and the ferry is always late."
        result = Cleaner().clean(text, kind="text")
        removed = {r.rule_id: r.text.strip() for r in result.removals}
        assert removed.get("comments.heading") == heading, removed
        assert STORY in result.text
