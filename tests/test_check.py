"""`cleaner check`: goldens per document, the reviewer's diff, exit codes, --update; the project's
own review corpus checked through the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.model import Removal, reconstruct
from cleaner.review import dump_golden, golden_filename, load_corpus, span_changes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "review" / "corpus"
GOLDEN = ROOT / "fixtures" / "review" / "golden"

# A user pack: a rule the built-in packs do not have (Al Jazeera's bare video ids).
USER_PACK = """\
name: user-extra
description: A user's own rule, added to see what it would remove.
rules:
  - id: user.numeric-id
    category: navigation
    description: A line that is only a long number (a video or widget id left in scraped text).
    match:
      - kind: regex
        max_words: 1
        patterns: ['^\\s*\\d{12,}\\s*$']
    examples:
      remove: ["191119052250266"]
      keep: ["In 2019, 13,000 troops remained."]
"""


def cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the real command line (``python -m cleaner``), as CI and users do."""
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_review_corpus_matches_its_goldens() -> None:
    """This project's own CI: the review corpus is cleaned as its committed goldens say."""
    run = cli("check", "fixtures/review/corpus", "--golden", "fixtures/review/golden")
    assert run.returncode == 0, (
        f"cleaner's output on fixtures/review/corpus changed:\n{run.stdout}{run.stderr}\n"
        "If the change is intended, run `cleaner check fixtures/review/corpus --golden fixtures/review/golden "
        "--update` and commit the goldens so the pull request shows the change.")
    assert "6 unchanged" in run.stdout


@pytest.fixture
def work(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the review corpus with goldens written by the current rules."""
    corpus, golden = tmp_path / "corpus", tmp_path / "golden"
    shutil.copytree(CORPUS, corpus)
    run = cli("check", corpus, "--golden", golden, "--update")
    assert run.returncode == 0, run.stdout + run.stderr
    return corpus, golden


def test_extra_user_pack_changes_goldens_until_update(work: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, golden = work
    pack = tmp_path / "user-extra.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    run = cli("check", corpus, "--golden", golden, "--rules", pack)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "changed  aljazeera-helicopter.txt" in run.stdout
    assert "+ user.numeric-id [navigation] now removes “191119052250266”" in run.stdout
    assert "--update" in run.stdout
    run = cli("check", corpus, "--golden", golden, "--rules", pack, "--update")
    assert run.returncode == 0, run.stdout + run.stderr
    saved = json.loads((golden / "aljazeera-helicopter.txt.json").read_text(encoding="utf-8"))
    assert {"rule_id": "user.numeric-id", "category": "navigation"}.items() <= next(
        r for r in saved["removals"] if r["text"].strip() == "191119052250266").items()
    assert cli("check", corpus, "--golden", golden, "--rules", pack).returncode == 0
    # Dropping the pack again restores the text: the reviewer's diff says so.
    run = cli("check", corpus, "--golden", golden)
    assert run.returncode == 1
    assert "- user.numeric-id [navigation] no longer removes “191119052250266” (now kept)" in run.stdout


def test_ignoring_a_rule_is_reported_as_restored_text(work: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, golden = work
    before = {p.name: p.read_text(encoding="utf-8") for p in golden.iterdir()}
    md, page = tmp_path / "summary.md", tmp_path / "review.html"
    run = cli("check", corpus, "--golden", golden, "--ignore", "navigation.read-more", "--markdown", md, "--html", page)
    assert run.returncode == 1
    assert "navigation.read-more [navigation] no longer removes “More:” (now kept)" in run.stdout
    assert {p.name: p.read_text(encoding="utf-8") for p in golden.iterdir()} == before, "check alone never writes"
    summary = md.read_text(encoding="utf-8")
    assert "<details>" in summary and "navigation.read-more" in summary and "More:" in summary
    html = page.read_text(encoding="utf-8")
    assert "restored" in html and 'class="chg"' in html and "aljazeera-helicopter.txt" in html
    assert cli("check", corpus, "--golden", golden, "--ignore", "navigation.read-more", "--update").returncode == 0
    assert cli("check", corpus, "--golden", golden, "--ignore", "navigation.read-more").returncode == 0


def test_new_and_missing_documents(work: tuple[Path, Path]) -> None:
    corpus, golden = work
    (corpus / "cuboh-tips.txt").unlink()
    (corpus / "sub").mkdir()
    (corpus / "sub" / "brief.txt").write_text("A headline\n\nA short article body sentence.\n\nRead more\n",
                                              encoding="utf-8")
    run = cli("check", corpus, "--golden", golden)
    assert run.returncode == 1
    assert "new      sub/brief.txt: no golden yet; 1 removals (navigation 1)" in run.stdout
    assert "missing  cuboh-tips.txt: has a golden" in run.stdout
    assert "1 new, 1 missing" in run.stdout
    run = cli("check", corpus, "--golden", golden, "--update")
    assert run.returncode == 0 and "1 written, 1 deleted" in run.stdout
    assert not (golden / "cuboh-tips.txt.json").exists()
    assert (golden / golden_filename("sub/brief.txt")).is_file()
    assert cli("check", corpus, "--golden", golden).returncode == 0


def test_errors_exit_2(work: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, golden = work
    run = cli("check", tmp_path / "nope", "--golden", golden)
    assert run.returncode == 2 and "no such corpus" in run.stderr
    (golden / "broken.json").write_text("{not json", encoding="utf-8")
    run = cli("check", corpus, "--golden", golden)
    assert run.returncode == 2 and "broken.json" in run.stderr
    run = cli("check", corpus, "--golden", golden, "--update")
    assert run.returncode == 2, "never update over unreadable goldens"


def test_jsonl_corpus_with_ids_and_urls(tmp_path: Path) -> None:
    corpus = tmp_path / "docs.jsonl"
    records = [{"id": "a", "text": "Title\n\nBody of the article goes here.\n\nRead more", "url": "https://x.test/a"},
               {"id": "b", "html": "<html><body><article><h1>T</h1><p>Body text here.</p></article></body></html>"}]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    docs = list(load_corpus(corpus))
    assert [(d.id, d.kind, d.url) for d in docs] == [("a", "text", "https://x.test/a"), ("b", "html", None)]
    golden = tmp_path / "golden"
    assert cli("check", corpus, "--golden", golden, "--update").returncode == 0
    saved = json.loads((golden / "a.json").read_text(encoding="utf-8"))
    assert saved["url"] == "https://x.test/a" and saved["removals"][0]["rule_id"].startswith("navigation.")
    corpus.write_text(corpus.read_text(encoding="utf-8") + json.dumps({"id": "a", "text": "dup"}) + "\n")
    assert cli("check", corpus, "--golden", golden).returncode == 2


def test_goldens_are_stable_sorted_and_lossless() -> None:
    for path in sorted(GOLDEN.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert dump_golden(data) == text, f"{path.name} is not in the canonical format"
        assert list(data) == sorted(data)
        doc = next(d for d in load_corpus(CORPUS) if d.id == data["id"])
        assert reconstruct("\n".join(data["kept"]), data["removals"]) == doc.content.decode("utf-8")


def _r(start: int, end: int, src: str, rule: str, cat: str = "c") -> Removal:
    return Removal(start, end, src[start:end], rule, cat, "")


def test_span_changes_names_rule_and_text() -> None:
    src = "aaaa\nbbbb\ncccc\ndddd\n"
    old = [_r(0, 5, src, "x.a"), _r(10, 15, src, "x.c")]
    new = [_r(0, 5, src, "x.a"), _r(5, 10, src, "y.b"), _r(10, 15, src, "y.c", "d")]
    changes = span_changes(src, old, new)
    assert [(c.kind, c.text, c.before, c.after) for c in changes] == [
        ("removed", "bbbb\n", None, ("y.b", "c")),
        ("reassigned", "cccc\n", ("x.c", "c"), ("y.c", "d")),
    ]
    back = span_changes(src, new, old)
    assert [(c.kind, c.text) for c in back] == [("restored", "bbbb\n"), ("reassigned", "cccc\n")]
    # adjacent removals by one rule that both go back to kept are one change
    merged = span_changes(src, [_r(0, 5, src, "x"), _r(5, 10, src, "x")], [])
    assert [(c.kind, c.text) for c in merged] == [("restored", "aaaa\nbbbb\n")]
    assert span_changes(src, old, old) == []
