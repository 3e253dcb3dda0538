"""The Markdown step summary: valid GitHub-flavoured Markdown, and under GitHub's 1 MiB cap even
for 2,000 changed documents."""

from __future__ import annotations

import re
import time
from pathlib import Path

from markdown_it import MarkdownIt

from cleaner.engine import Cleaner
from cleaner.formats.markdown import STEP_SUMMARY_LIMIT, render_check_markdown, render_markdown
from cleaner.review import CheckReport, dump_golden, run_check

PACK = """\
name: synthetic
description: Removes the synthetic chrome lines of these tests.
rules:
  - id: synthetic.chrome
    category: ad
    description: A line starting with CHROME.
    match:
      - kind: regex
        max_words: 200
        patterns: ['^CHROME\\b']
    examples:
      remove: ["CHROME banner"]
      keep: ["The chrome plating shone."]
"""


def gfm() -> MarkdownIt:
    """CommonMark plus GFM tables (what GitHub renders a step summary with)."""
    return MarkdownIt("commonmark").enable("table")


def make_corpus(root: Path, n: int, chrome_lines: int, extra: str = "") -> tuple[Path, Path, Cleaner]:
    """``n`` documents whose goldens say nothing was removed; the cleaner now removes chrome lines."""
    corpus, golden = root / "corpus", root / "golden"
    corpus.mkdir()
    golden.mkdir()
    filler = "sponsored offer " * 8
    for i in range(n):
        lines = [f"Headline number {i}", "", f"Article body sentence for document {i}, long enough to keep.", ""]
        for k in range(chrome_lines):  # chrome between kept lines: each a change of its own
            lines += [f"CHROME banner {i}-{k}: {filler}{extra}", f"Kept paragraph {k} of the article."]
        text = "\n".join(lines) + "\n"
        doc_id = f"doc{i:05d}.txt"
        (corpus / doc_id).write_text(text, encoding="utf-8")
        (golden / f"{doc_id}.json").write_text(dump_golden({
            "cleaner_golden": 1, "id": doc_id, "kind": "text", "url": None,
            "kept": text.split("\n"), "removals": [], "flags": []}), encoding="utf-8")
    pack = root / "synthetic.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return corpus, golden, Cleaner(builtin_rules=False, rule_paths=(str(pack),), site_packs=False)


def assert_valid_gfm(markdown: str) -> str:
    """Render; every table row has its header's cell count, every <details> closes; return HTML."""
    md = gfm()
    tokens = md.parse(markdown)
    depth = 0
    for tok in tokens:
        if tok.type == "table_open":
            depth += 1
            header_cells: int | None = None
        elif tok.type == "table_close":
            depth -= 1
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            if header_cells is None:
                header_cells = cells
            assert cells == header_cells
    assert depth == 0
    html = md.renderer.render(tokens, md.options, {})
    assert html.count("<details>") == html.count("</details>") == markdown.count("<details>")
    assert not re.search(r"<p>\|", html), "a table row rendered as a paragraph"
    return html


def test_summary_of_a_few_changes_is_complete_and_literal(tmp_path: Path) -> None:
    corpus, golden, cleaner = make_corpus(tmp_path, 3, 2, extra=" | *bold* <script>x</script> _u_ [l](http://x.test)")
    report = run_check(corpus, golden, cleaner)
    assert report.exit_code == 1 and report.count("changed") == 3
    md = render_check_markdown(report, html_name="review.html")
    html = assert_valid_gfm(md)
    assert md.count("<details>") == 3 and "Cut to stay under" not in md
    assert "<table>" in html and "synthetic.chrome" in html
    assert "<script>" not in html and "&lt;script&gt;" in html, "document text must never become markup"
    assert "<em>" not in html and "<a href" not in html
    assert "*bold*" in html and "| *bold*" in html, "shown literally, pipe included"
    assert "review.html" in html


def test_two_thousand_changed_documents_stay_under_the_cap(tmp_path: Path) -> None:
    corpus, golden, cleaner = make_corpus(tmp_path, 2000, 12)
    started = time.monotonic()
    report = run_check(corpus, golden, cleaner)
    assert report.count("changed") == 2000
    md = render_check_markdown(report)
    elapsed = time.monotonic() - started
    print(f"check + summary of 2,000 documents: {elapsed:.1f}s, {len(md.encode())} bytes")
    size = len(md.encode("utf-8"))
    assert size <= STEP_SUMMARY_LIMIT == 1024 * 1024
    assert size > STEP_SUMMARY_LIMIT * 0.8, "the budget is used, not wasted"
    assert "Cut to stay under GitHub's 1024 KiB step-summary limit" in md
    shown = md.count("<details>")
    assert 0 < shown < 2000
    assert f"the details of {2000 - shown} of 2000 changed documents" in md
    assert_valid_gfm(md)
    assert elapsed < 30


def test_a_tiny_cap_still_gives_valid_markdown_and_says_what_was_cut(tmp_path: Path) -> None:
    corpus, golden, cleaner = make_corpus(tmp_path, 40, 3)
    report: CheckReport = run_check(corpus, golden, cleaner)
    md = render_check_markdown(report, limit=8_000)
    assert len(md.encode()) <= 8_000
    assert "table rows" in md and "left out" in md
    assert_valid_gfm(md)


def test_no_changes_summary(tmp_path: Path) -> None:
    corpus, golden, cleaner = make_corpus(tmp_path, 2, 0)
    md = render_check_markdown(run_check(corpus, golden, cleaner))
    assert md.startswith("## cleaner check: no changes")
    assert_valid_gfm(md)


def test_single_result_summary() -> None:
    result = Cleaner().clean("Headline\n\nBody of the article, with enough words.\n\nRead more\n")
    md = render_markdown(result, title="page")
    html = assert_valid_gfm(md)
    assert html.count("<table>") == 2 and "navigation" in html and "Read more" in html
