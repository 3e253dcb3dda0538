"""`cleaner report` and `cleaner clean --format html`: one self-contained review page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .test_check import CORPUS, ROOT, cli

SEED = ROOT / "seeds" / "000_e42678054f1025f2.txt"


def test_report_of_a_folder_and_a_jsonl(tmp_path: Path) -> None:
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": "Title\n\nArticle <b>body</b> text here.\n\nRead more",
                                 "url": "https://x.test/j1"}) + "\n", encoding="utf-8")
    out = tmp_path / "review.html"
    run = cli("report", CORPUS, jsonl, "-o", out, "--title", "Sample review")
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Sample review</title>" in page
    ids = re.findall(r'<h2 id="h\d+">([^<]+)</h2>', page)
    assert ids == [*sorted(p.name for p in CORPUS.iterdir()), "j1"]
    assert "Article &lt;b&gt;body&lt;/b&gt; text here." in page, "document text is escaped"
    assert "https://x.test/j1" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "nothing is fetched from the network"
    assert "default-src 'none'" in page


def test_clean_format_html_and_errors(tmp_path: Path) -> None:
    run = cli("clean", SEED, "--format", "html")
    assert run.returncode == 0
    assert run.stdout.count('<del id="m0-') >= 8 and 'aria-describedby="t0-' in run.stdout
    run = cli("report", tmp_path / "missing", "-o", tmp_path / "x.html")
    assert run.returncode == 2 and "no such corpus" in run.stderr
