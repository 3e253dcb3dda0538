"""Hostile input: each case asserts its specific outcome (the error and its message, or the clean
result with lossless accounting). What each limit does is documented in docs/reliability.md; how
long each case takes is measured by bench/hostile.py, not here."""

from __future__ import annotations

import gzip
import struct
import textwrap
import zlib

import pytest

from cleaner import Cleaner
from cleaner.config import Config, Limits
from cleaner.errors import CleanerError, InputError, LimitExceeded, RulePackError
from cleaner.rulepack.loader import load_pack
from tests.conftest import assert_lossless
from tests.test_cli import run

ARTICLE = "<p>The minister said on Tuesday that the plan would go ahead despite the protests.</p>"


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>T</title></head><body>{body}</body></html>"


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(range(i, i + 48)) for i in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# -- empty and blank ---------------------------------------------------------------------------
@pytest.mark.parametrize("content", ["", b""])
def test_empty_input_gives_an_empty_result(cleaner, content):
    result = cleaner.clean(content)
    assert (result.kind, result.text, result.removals, result.source_text) == ("text", "", (), "")
    assert_lossless(result)


def test_empty_html_gives_an_empty_result(cleaner):
    result = cleaner.clean("", kind="html")
    assert (result.kind, result.text, result.removals, result.source_text) == ("html", "", (), "")


def test_whitespace_only_is_kept_as_is(cleaner):
    blank = " \n\t \r\n \u00a0\n\n"
    result = cleaner.clean(blank)
    assert result.text == blank and result.removals == () and result.stats["blocks"] == 0
    assert_lossless(result)
    html = cleaner.clean("<html><body> \n <p>  </p>\t</body></html>")
    assert (html.kind, html.source_text, html.text) == ("html", "", "")


# -- binary and broken encodings -----------------------------------------------------------------
@pytest.mark.parametrize("data", [png_bytes(), gzip.compress(ARTICLE.encode() * 20), b"\x00" * 4096,
                                  b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"],
                         ids=["png", "gzip", "nul-filled", "pdf"])
@pytest.mark.parametrize("kind", ["auto", "text", "html"])
def test_binary_data_is_refused(cleaner, data, kind):
    with pytest.raises(InputError, match=r"^input looks binary, not text or HTML$"):
        cleaner.clean(data, kind=kind)


def test_nul_bytes_in_text_are_kept_and_accounted(cleaner):
    text = "Body of the article, long enough to be kept.\x00\n\nRead more\x00\n\nEnd \x00 here."
    for content in (text, text.encode()):
        result = cleaner.clean(content, kind="text")
        assert result.source_text == text
        assert "\x00" in result.text
        assert_lossless(result)


def test_nul_bytes_in_html_become_replacement_characters(cleaner):
    result = cleaner.clean(page("<p>a\x00b</p>" + ARTICLE).encode())
    assert result.kind == "html"
    assert result.source_text.startswith("a\ufffdb\n")
    assert_lossless(result)


def test_invalid_utf8_is_decoded_by_a_guess_and_accounted(cleaner):
    result = cleaner.clean(b"Caf\xe9 au lait \xff, r\xe9sum\xe9 of the day.\n\nMore text here.")
    assert result.source_text.startswith("Café au lait ")
    assert "résumé" in result.source_text
    assert_lossless(result)


def test_mixed_utf8_keeps_the_utf8_and_reads_stray_bytes_as_windows_1252(cleaner):
    data = "Naïve café, 日本 ".encode() + "déjà vu".encode("latin-1") + b"\n\nThe end."
    result = cleaner.clean(data)
    assert result.source_text == "Naïve café, 日本 déjà vu\n\nThe end."
    assert_lossless(result)


def test_lone_surrogates_in_str_are_refused(cleaner):
    with pytest.raises(InputError, match=r"unpaired surrogate \(U\+D800\) at character 1"):
        cleaner.clean("a\ud800b\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_behind_a_bom_is_decoded(cleaner, encoding):
    text = "Body of the article, long enough to be kept.\n\nRead more\n"
    data = text.encode(encoding) if encoding != "utf-16-be" else b"\xfe\xff" + text.encode(encoding)
    result = cleaner.clean(data)
    assert result.kind == "text" and result.source_text == text
    assert "Read more" not in result.text
    assert_lossless(result)


def test_utf16_html_with_bom_is_sniffed_as_html(cleaner):
    result = cleaner.clean(page(ARTICLE + "<footer>Privacy Policy</footer>").encode("utf-16"))
    assert result.kind == "html"
    assert "The minister said" in result.text
    assert_lossless(result)


# -- size limits ---------------------------------------------------------------------------------
def test_a_50_mb_page_is_refused_by_the_size_limit(cleaner):
    para = ARTICLE.encode() + b"\n"
    data = page("").encode().replace(b"</body>", para * (50_000_000 // len(para)) + b"</body>")
    with pytest.raises(LimitExceeded, match=rf"^input is {len(data)} bytes, over the limit of 16777216$"):
        cleaner.clean(data)
    with pytest.raises(LimitExceeded, match="over the limit of 16777216"):
        cleaner.clean(data.decode())  # str input is measured in UTF-8 bytes


def test_size_limit_is_configurable_and_exact(tmp_path):
    small = Cleaner(limits=Limits(max_bytes=100))
    assert small.clean("x" * 100).text == "x" * 100
    with pytest.raises(LimitExceeded, match=r"^input is 101 bytes, over the limit of 100$"):
        small.clean("x" * 101)
    with pytest.raises(LimitExceeded, match=r"^input is 102 bytes"):
        small.clean("é" * 51)  # 51 characters, 102 UTF-8 bytes


def test_a_single_10_mb_line_is_cleaned_whole(cleaner):
    line = "word " * 2_000_000
    result = cleaner.clean(line, kind="text")
    assert result.text == line and result.stats["blocks"] == 1
    assert_lossless(result)


def test_a_million_tiny_elements_are_refused_before_the_walk(cleaner):
    with pytest.raises(LimitExceeded, match=r"^page has 1000002 HTML elements, over the limit of 200000$"):
        cleaner.clean("<html><body>" + "<p>a</p>" * 1_000_000, kind="html")


def test_a_million_lines_are_refused_by_the_block_limit(cleaner):
    with pytest.raises(LimitExceeded, match=r"^input has 1000000 blocks, over the limit of 50000$"):
        cleaner.clean("a\n" * 1_000_000, kind="text")


def test_block_and_element_limits_are_configurable():
    tight = Cleaner(limits=Limits(max_blocks=3, max_elements=10))
    assert tight.clean("a\nb\n\nc\n").stats["blocks"] == 3
    with pytest.raises(LimitExceeded, match=r"^input has 4 blocks, over the limit of 3$"):
        tight.clean("a\nb\nc\nd\n")
    with pytest.raises(LimitExceeded, match=r"^page has 13 HTML elements, over the limit of 10$"):
        tight.clean(page("<p>1</p>" * 9))
    with pytest.raises(LimitExceeded, match=r"^input has 4 blocks, over the limit of 3$"):
        tight.clean(page("<p>1</p><p>2</p><p>3</p><p>4</p>"), kind="html")


# -- nesting and entities ------------------------------------------------------------------------
def test_100000_deep_nesting_keeps_the_text_and_what_follows(cleaner):
    deep = "<div>" * 100_000 + ARTICLE + "</div>" * 100_000
    result = cleaner.clean(page("<p>Before the deep part of the page.</p>" + deep + "<p>After the deep part.</p>"))
    assert result.source_text == ("Before the deep part of the page.\n"
                                  "The minister said on Tuesday that the plan would go ahead despite the protests.\n"
                                  "After the deep part.")
    assert "The minister said" in result.text
    assert_lossless(result)


def test_unclosed_tags_100000_deep_keep_the_text(cleaner):
    result = cleaner.clean("<html><body>" + "<span><b>" * 50_000 + "deep text" + "<i>" * 10_000 + " end")
    assert result.source_text == "deep text end"
    assert_lossless(result)


def test_nesting_below_the_parser_ceiling_is_parsed_as_is():
    from cleaner.parse.html import html_document

    doc = html_document(page("<div>" * 1500 + "<p>deep</p>" + "</div>" * 1500 + "<p>after</p>"))
    assert [b.text for b in doc.blocks] == ["deep", "after"]
    assert len(doc.page.elements[0].getroottree().getpath(doc.page.elements[0]).split("/")) > 1500


def test_flattening_depth_is_configurable():
    from cleaner.parse.depth import flatten

    assert flatten("<div><div><div>a</div>b</div>c</div>", 2) == "<div><div> a b</div>c</div>"
    assert flatten("<div><br><img/><p>a<div/>b</p>c</div>", 1) == "<div><br><img/> a<div/>b c</div>"
    assert flatten("</x>" + "<a" * 1000 + "<" + "b" * 1000, 1) == "</x>" + "<a" * 1000 + "<" + "b" * 1000
    # markup inside a script or a style is text to the parser, so it opens and closes nothing
    assert flatten("<div><p>a<style>x = '<p>b</p>';</style></p>c</div>", 1) == \
        "<div> a<style>x = '<p>b</p>';</style> c</div>"
    assert flatten("<div><script>'</div>'</script>a</div>", 1) == "<div><script>'</div>'</script>a</div>"
    shallow = Cleaner(limits=Limits(max_depth=5))
    result = shallow.clean(page("<div>" * 3000 + "<p>deep</p>" + "</div>" * 3000 + "<p>after</p>"))
    assert result.source_text == "deep\nafter"  # structure below level 5 is gone, the text is not


@pytest.mark.parametrize("entity, char", [("&amp;", "&"), ("&#x1F600;", "😀"), ("&nbsp;", " ")])
def test_entity_floods_decode_to_one_block(cleaner, entity, char):
    result = cleaner.clean(page("<p>" + entity * 500_000 + "</p>" + ARTICLE))
    first = result.source_text.split("\n")[0]
    assert first == (char * 500_000).strip() or (char == " " and first.startswith("The minister"))
    assert_lossless(result)


def test_bogus_entities_stay_text(cleaner):
    result = cleaner.clean(page("<p>" + "&bogus;&#99999999;&#0;" * 10_000 + "</p>" + ARTICLE))
    assert result.source_text.startswith("&bogus;\ufffd\ufffd&bogus;")
    assert_lossless(result)


def test_dtd_entity_expansion_is_not_performed(cleaner):
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    doc = f'<!DOCTYPE lolz [<!ENTITY lol1 "lol">{lol}]><html><body><p>&lol9;</p>{ARTICLE}</body></html>'
    result = cleaner.clean(doc, kind="html")
    assert len(result.source_text) < 200
    assert_lossless(result)


# -- rule files ------------------------------------------------------------------------------------
def write(tmp_path, body: str, name: str = "pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


RULE = """\
name: custom
rules:
  - id: custom.evil
    category: ad
    description: A user rule with a pathological regex.
    match: [{kind: regex, patterns: [%s]}]
"""


@pytest.mark.parametrize(("body", "message"), [
    ("", "a pack must be a mapping with 'name' and 'rules'"),
    ("- just\n- a list\n", "a pack must be a mapping"),
    ("name: custom\nrules: {id: x}\n", "field rules: Input should be a valid list"),
    ("name: custom\nrules: [not-a-rule]\n", "rule #0: Input should be a valid dictionary"),
    ("name: 12\nrules: []\n", "field name: Input should be a valid string"),
    ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
     "    match: [{kind: phrases, phrases: a-string}]\n", "rule x.y, field match.0.phrases"),
    ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
     "    action: delete\n    match: [{kind: phrases, phrases: [a]}]\n", "rule x.y, field action"),
    ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
     "    match: [{kind: regex, patterns: ['(?=a)b']}]\n", "RE2 cannot compile"),
    ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
     "    match: [{kind: regex, patterns: ['((a{1000}){1000}){1000}']}]\n", "RE2 cannot compile"),
    ("[" * 100_000, "invalid YAML at line 1: nesting deeper than 100 levels"),
    ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 500)), "nesting deeper than 100 levels"),
    ("name: !!python/name:os.system\nrules: []\n", "could not determine a constructor"),
    ("name: custom\nrules: [\n", "invalid YAML at line"),
], ids=["empty", "list", "rules-mapping", "rule-string", "name-int", "phrases-string", "bad-action",
        "lookahead", "regex-too-big", "flow-nesting-bomb", "block-nesting-bomb", "python-name", "unclosed"])
def test_malformed_rule_files_name_the_problem(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"file {path}")


def test_unreadable_rule_files_are_rule_errors(tmp_path):
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(png_bytes())
    with pytest.raises(RulePackError, match="cannot read"):
        load_pack(binary)
    with pytest.raises(RulePackError, match="no such file or folder"):
        Cleaner(rule_paths=(str(tmp_path / "missing"),))


def test_yaml_alias_bomb_is_rejected_without_expanding(tmp_path):
    anchors = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    path = write(tmp_path, anchors + "name: custom\nrules:\n  - id: x.y\n    category: ad\n"
                 "    description: *i\n    match: [{kind: phrases, phrases: *i}]\n")
    with pytest.raises(RulePackError, match=r"Extra inputs are not permitted|valid string"):
        load_pack(path)


@pytest.mark.parametrize("pattern", ["'^(a+)+$'", "'(a|aa)*b'", "'(x+x+)+y'", "'(.*a){12}'", "'(\\w+\\s?)*$'"])
def test_catastrophic_regexes_run_in_linear_time(tmp_path, pattern):
    """RE2 answers at once where a backtracking engine would run for longer than the universe."""
    pack = write(tmp_path, RULE % pattern)
    evil = Cleaner(rule_paths=(str(pack),), select=("custom",))
    line = "a" * 30_000 + "!"
    result = evil.clean(f"{line}\n\n{'x' * 30_000}\n\n{'hello world ' * 3000}!\n")
    assert_lossless(result)


# -- limits: configuration, library and CLI --------------------------------------------------------
@pytest.mark.parametrize(("changes", "message"), [
    ({"max_bytes": 0}, "limits.max_bytes must be a positive integer, got 0"),
    ({"max_blocks": -1}, "limits.max_blocks must be a positive integer"),
    ({"max_elements": 1.5}, "limits.max_elements must be a positive integer"),
    ({"max_depth": 5000}, "limits.max_depth must be at most 2000"),
    ({"time_budget_s": 0}, "limits.time_budget_s must be a positive number of seconds, got 0"),
])
def test_invalid_limits_are_refused(changes, message):
    with pytest.raises(CleanerError, match=message):
        Limits(**changes)


def test_limits_from_toml(tmp_path):
    good = tmp_path / "cleaner.toml"
    good.write_text("[limits]\nmax_bytes = 1000\nmax_blocks = 10\ntime_budget_s = 2\n")
    assert Config.from_toml(good).limits == Limits(max_bytes=1000, max_blocks=10, time_budget_s=2)
    bad = tmp_path / "bad.toml"
    bad.write_text("[limits]\nmax_size = 1000\n")
    with pytest.raises(CleanerError, match=r"unknown key\(s\) in \[limits\]: max_size"):
        Config.from_toml(bad)
    bad.write_text("[limits]\nmax_bytes = -5\n")
    with pytest.raises(CleanerError, match=r"bad.toml: limits.max_bytes must be a positive integer"):
        Config.from_toml(bad)


def test_time_budget_is_checked_between_stages(monkeypatch):
    import cleaner.engine as engine

    ticks = iter(range(0, 10_000, 10))  # every look at the clock is 10 s later
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(ticks))
    budgeted = Cleaner(limits=Limits(time_budget_s=5))
    with pytest.raises(LimitExceeded, match=r"^time budget of 5 s exceeded \(after parsing\)$"):
        budgeted.clean("Body of the article.\n\nRead more\n")
    ticks = iter(range(0, 10_000, 1))
    with pytest.raises(LimitExceeded, match=r"^time budget of 5 s exceeded \(after rule "):
        budgeted.clean("Body of the article.\n\nRead more\n")


def test_no_time_budget_by_default(cleaner):
    assert cleaner.config.limits.time_budget_s is None
    assert cleaner.clean("Body of the article.\n\nRead more\n").text == "Body of the article.\n"


def test_bad_arguments_are_input_errors(cleaner):
    with pytest.raises(InputError, match="expected str or bytes, got int"):
        cleaner.clean(42)
    with pytest.raises(InputError, match="kind must be one of auto, text, html, got 'pdf'"):
        cleaner.clean("text", kind="pdf")


def test_cli_exits_2_with_one_line_for_hostile_input(tmp_path):
    png = tmp_path / "image.html"
    png.write_bytes(png_bytes())
    out = run("clean", str(png))
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode() == f"cleaner: {png}: input looks binary, not text or HTML\n"

    config = tmp_path / "cleaner.toml"
    config.write_text("[limits]\nmax_bytes = 50\n")
    big = tmp_path / "big.txt"
    big.write_text("x" * 51)
    out = run("clean", str(big), "--config", str(config))
    assert out.returncode == 2
    assert out.stderr.decode() == f"cleaner: {big}: input is 51 bytes, over the limit of 50\n"

    bad = write(tmp_path, "[" * 10_000, "bad.yaml")
    out = run("clean", str(big), "--rules", str(bad))
    assert out.returncode == 2
    assert out.stderr.decode() == (f"cleaner: file {bad}: invalid YAML at line 1: nesting deeper than 100 levels\n")


def test_a_long_run_of_removed_lines_is_removed_and_accounted(cleaner):
    """49,000 consecutive chrome lines took 300 s (a quadratic walk back over the removed run);
    bench/hostile.py times it, this asserts the outcome."""
    result = cleaner.clean("Body of the article, long enough to be kept.\n" + "Share\n" * 20_000, kind="text")
    assert result.text == "Body of the article, long enough to be kept.\n"
    assert_lossless(result)
