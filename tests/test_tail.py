"""The tail-section detector: a heading late in the text opens a section to the end, or to an ``until`` line."""

from __future__ import annotations

from cleaner import Cleaner

ARTICLE = ("The council approved the budget on Tuesday after a long debate about how much money should go to the "
           "transport department and to the schools in the northern districts of the city.\n") * 3
BIO = "About the author\nJane Doe covers city hall for the paper and has written about local politics for ten years.\n"


def _removed(text: str) -> dict[str, str]:
    result = Cleaner(select=("metadata.author-bio",)).clean(text, kind="text")
    return {r.rule_id: r.text.strip() for r in result.removals}


def test_the_authors_box_runs_to_the_end() -> None:
    removed = _removed(ARTICLE + BIO + "More from Jane Doe\nCouncil sells the old depot")
    assert removed["metadata.author-bio"].endswith("Council sells the old depot")


def test_the_articles_references_under_the_authors_box_stay() -> None:
    references = "References\n- City budget 2024, the finance office's report to the council"
    result = Cleaner(select=("metadata.author-bio",)).clean(ARTICLE + BIO + references, kind="text")
    assert [r.text.strip() for r in result.removals] == [BIO.strip()]
    assert result.text.endswith(references)
