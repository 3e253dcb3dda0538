"""Rule packs: schema errors name file, rule and field; selection; overrides; site packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RulePackError
from cleaner.rulepack.loader import load_pack, load_packs

GOOD_RULE = """
  - id: custom.sponsor-line
    category: ad
    description: A line that says the article was brought to you by a sponsor.
    match:
      - kind: phrases
        mode: starts
        phrases: ["brought to you by"]
    examples:
      remove: ["Brought to you by Acme"]
      keep: ["He said the gift was brought to you by mistake."]
"""


def write_pack(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_valid_user_pack_is_used(tmp_path):
    pack = write_pack(tmp_path, "name: custom\nrules:" + GOOD_RULE)
    result = Cleaner(rule_paths=(str(pack),)).clean("Article body sentence here.\n\nBrought to you by Acme\n")
    assert [r.rule_id for r in result.removals] == ["custom.sponsor-line"]


@pytest.mark.parametrize(
    ("body", "rule", "field", "message"),
    [
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    match: [{kind: phrases, phrases: [a]}]\n    colour: red\n", "x.y", "colour", "Extra inputs"),
        ("name: custom\nrules:\n  - id: x.y\n    category: nonsense\n    description: a long enough text\n"
         "    match: [{kind: phrases, phrases: [a]}]\n", "x.y", "category", "unknown category"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    confidence: high\n    match: [{kind: phrases, phrases: [a]}]\n", "x.y", "confidence", "valid number"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    match: [{kind: telepathy}]\n", "x.y", "match.0.kind", "unknown matcher kind"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    match: [{kind: phrases, phrases: [a], mode: sometimes}]\n", "x.y", "match.0.mode", "Input should be"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    match: [{kind: regex, patterns: ['(a)\\1']}]\n", "x.y", "match.0.patterns", "RE2 cannot compile"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    applies_to: [html]\n    match: [{kind: dom, pattern: '(?=A)'}]\n", "x.y", "match.0.pattern",
         "RE2 cannot compile"),
        ("name: custom\nrules:\n  - id: x.y\n    category: ad\n    description: a long enough text\n"
         "    applies_to: [html]\n    match: [{kind: dom, not_pattern: '(?!A)'}]\n", "x.y", "match.0.not_pattern",
         "RE2 cannot compile"),
        ("name: custom\nrules:\n  - id: Bad Id\n    category: ad\n    description: a long enough text\n"
         "    match: [{kind: phrases, phrases: [a]}]\n", "Bad Id", "id", "pattern"),
    ],
)
def test_invalid_pack_names_file_rule_and_field(tmp_path, body, rule, field, message):
    path = write_pack(tmp_path, body)
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    err = info.value
    assert err.path == str(path)
    assert err.rule_id == rule
    assert err.field == field
    assert message in str(err)
    assert str(path) in str(err) and rule in str(err) and field in str(err)


def test_bad_yaml_names_the_line(tmp_path):
    path = write_pack(tmp_path, "name: custom\nrules: [\n  - oops: : :\n")
    with pytest.raises(RulePackError, match=r"invalid YAML at line \d+"):
        load_pack(path)


def test_yaml_is_loaded_safely(tmp_path):
    path = write_pack(tmp_path, "name: !!python/object/apply:os.system ['echo pwned']\nrules: []\n")
    with pytest.raises(RulePackError, match="invalid YAML"):
        load_pack(path)


def test_duplicate_ids_within_and_across_packs(tmp_path):
    dup = write_pack(tmp_path, "name: custom\nrules:" + GOOD_RULE + GOOD_RULE)
    with pytest.raises(RulePackError, match="duplicate rule id") as info:
        load_pack(dup)
    assert info.value.rule_id == "custom.sponsor-line"
    one = write_pack(tmp_path, "name: one\nrules:" + GOOD_RULE, "one.yaml")
    other = tmp_path / "other"
    other.mkdir()
    two = write_pack(other, "name: two\nrules:" + GOOD_RULE, "two.yaml")
    with pytest.raises(RulePackError, match="also defined in"):
        load_packs([one, two], builtin=False)


def test_catastrophic_regex_runs_in_linear_time(tmp_path):
    """A backtracking-prone pattern is compiled by RE2: it answers at once on a hostile line."""
    pack = write_pack(tmp_path, """
        name: custom
        rules:
          - id: custom.evil
            category: ad
            description: Pathological pattern that would hang a backtracking engine.
            match: [{kind: regex, patterns: ['^(a+)+$']}]
        """)
    result = Cleaner(rule_paths=(str(pack),), select=("custom",)).clean("a" * 50_000 + "!\n\nok")
    assert result.removals == ()


def test_select_and_ignore_by_category_prefix_and_id():
    doc = "Body of the article, long enough to be kept.\n\nRead more\n\nAdvertisement\n"
    only_ads = Cleaner(select=("ad",)).clean(doc)
    assert {r.category for r in only_ads.removals} == {"ad"}
    no_nav = Cleaner(ignore=("navigation",)).clean(doc)
    assert "navigation" not in {r.category for r in no_nav.removals}
    # the more specific selector wins (ruff-style)
    back = Cleaner(ignore=("navigation",), select=("ALL", "navigation.read-more")).clean(doc)
    assert "navigation.read-more" in {r.rule_id for r in back.removals}


def test_flag_override_keeps_text_and_records_flag():
    doc = "Body of the article, long enough to be kept.\n\nRead more\n"
    result = Cleaner(overrides={"navigation.read-more": {"action": "flag"}}).clean(doc)
    assert "Read more" in result.text
    assert [f.rule_id for f in result.flags] == ["navigation.read-more"]


def test_override_of_unknown_rule_is_an_error():
    with pytest.raises(RulePackError, match="unknown rule"):
        Cleaner(overrides={"nope.nothing": {"action": "flag"}})


def test_site_pack_applies_only_to_its_domain(tmp_path):
    pack = write_pack(tmp_path, """
        name: example-site
        domains: [example.com]
        rules:
          - id: site.example-com.kicker
            category: navigation
            description: The kicker line this site puts under every article.
            match: [{kind: phrases, mode: line, phrases: ["example desk notes"]}]
            examples: {remove: ["Example Desk Notes"], keep: ["Example said more."]}
        """)
    doc = "Body of the article, long enough to be kept.\n\nExample Desk Notes\n"
    c = Cleaner(rule_paths=(str(pack),))
    assert c.clean(doc, url="https://www.example.com/a").text.strip() == "Body of the article, long enough to be kept."
    assert c.clean(doc, url="https://news.example.com/a").text.strip().endswith("Example Desk Notes") is False
    assert "Example Desk Notes" in c.clean(doc, url="https://other.org/a").text
    assert "Example Desk Notes" in c.clean(doc).text
    assert "Example Desk Notes" in Cleaner(rule_paths=(str(pack),), site_packs=False).clean(
        doc, url="https://example.com/a").text


def test_a_key_given_twice_is_an_error_not_an_overwrite(tmp_path: Path) -> None:
    path = write_pack(tmp_path, """
        name: dup
        rules:
          - id: x.lines
            category: navigation
            description: Lines.
            match:
              - kind: phrases
                phrases:
                  fr: ["voir plus"]
                  fr: ["en savoir plus"]
    """)
    with pytest.raises(RulePackError, match=r"duplicate key 'fr'.*line 1[01]|line 1[01].*duplicate key 'fr'"):
        load_pack(path)


def test_a_comment_heading_printed_under_every_post_opens_the_tail_only_at_its_last_copy() -> None:
    """A Q&A page prints "Add a comment" under the question and under each answer: the answers are
    the page, so only what follows the last copy is the comment tail."""
    question = ("How do I read a file line by line in Python without loading the whole file into memory first? "
                "I have tried readlines() but the file is several gigabytes and the process runs out of memory.")
    answers = ["Iterate over the file object itself: a for loop reads one line at a time, so memory use stays "
               "flat however large the file is, and the loop ends at the end of the file.",
               "Use the fileinput module if you need to read several files as one stream of lines, for example "
               "every log file of a month in the order of their names."]
    text = "\n".join([question, "Add a comment", answers[0], "Add a comment", answers[1], "Add a comment",
                      "Your Answer", "Sign up or log in"])
    result = Cleaner(select=("comments.section",)).clean(text, kind="text")
    assert [r.text.strip() for r in result.removals] == ["Add a comment\nYour Answer\nSign up or log in"]
    assert all(a in result.text for a in answers)


def test_a_teaser_box_ends_at_the_next_paragraph_and_a_second_heading_opens_its_own() -> None:
    """Headlines under "Trending News" go, up to the article's next paragraph; a second heading right
    after the first list is a list of its own; a heading over one headline is no list."""
    lead = "The council approved the budget on Tuesday after a long debate about the money for the schools."
    trending = ["Mayor faces questions over bus contract", "Schools in the north to get new buildings",
                "Floods close the river road for a third day"]
    more = ["Stadium plan goes to a public vote in May", "Train fares rise for the second time this year",
            "New bridge opens to cyclists after two years"]
    after = ("Councillors voted 31 to 12 in favour of the plan, which the mayor had described as the most "
             "important decision of the year for the city.")
    text = "\n".join([lead, "Trending News", *trending, "More in Politics", *more, after,
                      "Most Read", "Museum reopens after a long renovation", "The plan takes effect in January."])
    result = Cleaner(select=("navigation.teaser-list",)).clean(text, kind="text")
    assert [r.text.strip() for r in result.removals] == ["\n".join(["Trending News", *trending]),
                                                         "\n".join(["More in Politics", *more])]
    assert result.text.split("\n") == [lead, after, "Most Read", "Museum reopens after a long renovation",
                                       "The plan takes effect in January."]
