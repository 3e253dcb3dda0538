"""React's streamed segments (``<div hidden id="S:n">``) are read where their placeholder was."""

from __future__ import annotations

from cleaner import clean
from cleaner.parse.html import html_document

PAGE = (
    '<html><body><article><h1>Council approves new bridge</h1>'
    '<template id="B:0"></template><div>Loading paragraph...</div>'
    '<p>The vote came after a debate that lasted more than six hours at the town hall.</p>'
    '<template id="B:1"></template>after the placeholder'
    '</article><footer>Contact</footer>'
    '<div hidden id="S:0"><p>The city council voted on Tuesday to approve the construction of a new bridge.</p></div>'
    'between segments'
    '<div hidden id="S:1"><div><template id="P:2"></template></div></div>'
    '<div hidden id="S:2"><p>Work is expected to begin next spring and to last about two years.</p></div>'
    '<div hidden id="S:9"><p>A segment with no placeholder on the page.</p></div>'
    '<script>$RC("B:0","S:0")</script></body></html>'
)


def test_segments_read_in_place_and_shown():
    doc = html_document(PAGE)
    lines = doc.source_text.split("\n")
    assert lines[:6] == [
        "Council approves new bridge",
        "The city council voted on Tuesday to approve the construction of a new bridge.",
        "Loading paragraph...",
        "The vote came after a debate that lasted more than six hours at the town hall.",
        "Work is expected to begin next spring and to last about two years.",
        "after the placeholder",
    ]
    hidden = {b.text: b.dom.hidden for b in doc.blocks}
    assert hidden["The city council voted on Tuesday to approve the construction of a new bridge."] is False
    assert hidden["Work is expected to begin next spring and to last about two years."] is False
    assert hidden["A segment with no placeholder on the page."] is True  # React cannot place it either
    assert "between segments" in lines  # a segment's tail stays where it was


def test_fallback_is_removed_with_evidence():
    result = clean(PAGE)
    assert "Loading paragraph..." not in result.text
    assert "The city council voted on Tuesday" in result.text
    assert any(r.text.strip() == "Loading paragraph..." and r.rule_id == "navigation.ui-controls"
               for r in result.removals)
