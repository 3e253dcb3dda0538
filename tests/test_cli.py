"""The command line through its real entry point (the installed ``cleaner`` script)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from cleaner.model import reconstruct
from tests.conftest import SEED


def cleaner_cmd() -> list[str]:
    script = shutil.which("cleaner")
    return [script] if script else [sys.executable, "-m", "cleaner"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*cleaner_cmd(), *args], input=stdin, capture_output=True, timeout=120)


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.decode().startswith("cleaner ")


def test_clean_seed_prints_the_article(generic_cleaner):
    out = run("clean", str(SEED), "--no-site-packs")
    assert out.returncode == 0, out.stderr
    expected = generic_cleaner.clean(SEED.read_text(encoding="utf-8")).text
    assert out.stdout.decode() == expected + "\n"
    assert out.stdout.decode().startswith("Ukraine Cuts Diplomatic Ties")
    assert "Read more" not in out.stdout.decode()


def test_json_reconstructs_the_input():
    out = run("clean", str(SEED), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert reconstruct(data["text"], data["removals"]) == SEED.read_text(encoding="utf-8")
    assert {r["category"] for r in data["removals"]} >= {"paywall", "newsletter", "payment", "photo-credit"}


def test_diff_labels_hunks_and_applies_with_patch(tmp_path):
    out = run("clean", str(SEED), "--format", "diff")
    assert out.returncode == 0
    diff = out.stdout.decode()
    assert diff.startswith("--- source\n+++ clean\n")
    assert "paywall.appeal-section [paywall]" in diff and "payment.widget [payment]" in diff
    if shutil.which("patch"):
        target = tmp_path / "source"
        target.write_bytes(SEED.read_bytes())
        (tmp_path / "p.diff").write_text(diff, encoding="utf-8")
        subprocess.run(["patch", "-s", str(target), str(tmp_path / "p.diff")], check=True)
        clean = run("clean", str(SEED)).stdout.decode()
        assert target.read_text(encoding="utf-8") == clean.removesuffix("\n")


def test_marked_format_shows_removals_inline():
    out = run("clean", str(SEED), "--format", "marked")
    text = out.stdout.decode()
    assert "[-Read more-]{navigation.read-more}" in text
    assert "[-Support The Moscow Times!-]{paywall.support-cta}" in text


def test_stdin_and_output_file(tmp_path):
    target = tmp_path / "out" / "clean.txt"
    out = run("clean", "-", "-o", str(target), stdin=b"A sentence of the article that stays.\n\nRead more\n")
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8") == "A sentence of the article that stays.\n"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("clean", "/nonexistent/file.txt"), "No such file"),
        (("clean", "-", "--rules", "/nonexistent/pack.yaml"), "no such file or folder"),
        (("rules", "explain", "no.such-rule"), "no rule"),
        (("clean", "-", "--format", "pdf"), "pdf"),
    ],
)
def test_errors_exit_2_with_one_line(args, message):
    out = run(*args, stdin=b"text\n")
    assert out.returncode == 2
    assert message in out.stderr.decode()


def test_binary_input_is_refused_with_exit_2(tmp_path):
    png = tmp_path / "x.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = run("clean", str(png))
    assert out.returncode == 2
    err = out.stderr.decode().strip()
    assert "binary" in err and len(err.splitlines()) == 1


def test_invalid_pack_exits_2_naming_file_rule_field(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("name: bad\nrules:\n  - id: bad.rule\n    category: ad\n    description: long enough text\n"
                    "    match: [{kind: regex, patterns: ['(?<=x)y']}]\n", encoding="utf-8")
    out = run("rules", "validate", str(pack))
    assert out.returncode == 2
    err = out.stderr.decode()
    assert str(pack) in err and "bad.rule" in err and "match.0.patterns" in err


def test_rules_list_explain_and_test():
    listing = run("rules", "list").stdout.decode()
    assert "payment.widget" in listing and "newsletter.signup" in listing
    explain = run("rules", "explain", "payment.widget")
    assert explain.returncode == 0 and "What it does" in explain.stdout.decode()
    tested = run("rules", "test")
    assert tested.returncode == 0, tested.stdout.decode()
    assert "examples pass" in tested.stdout.decode()


def test_rules_test_exits_1_when_an_example_fails(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "name: p\nrules:\n  - id: p.greedy\n    category: ad\n    description: Removes any line with 'the'.\n"
        "    match: [{kind: phrases, phrases: [the]}]\n"
        "    examples: {remove: ['the ad'], keep: ['the article sentence']}\n", encoding="utf-8")
    out = run("rules", "test", str(pack))
    assert out.returncode == 1
    assert "p.greedy: keep example was wrongly found" in out.stdout.decode()


def test_markdown_and_html_formats_render():
    md = run("clean", str(SEED), "--format", "markdown")
    assert md.returncode == 0 and "| payment | 1 |" in md.stdout.decode()
    page = run("clean", str(SEED), "--format", "html")
    assert page.returncode == 0 and page.stdout.decode().lstrip().lower().startswith("<!doctype html")
