"""Word counts in scripts written with and without spaces."""

import pytest

from cleaner import clean
from cleaner.detectors.base import normalise
from cleaner.detectors.phrases import PhraseMatcher
from cleaner.words import count_words, text_width


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("The council met on Tuesday.", 5),
    ("Ünïcode wörds, here", 3),
    ("关注我们", 2),  # four ideographs: two words
    ("何が困るかといえば、パスワード管理ソフトKeePassの起動ショートカットキーと同じなのです。", 23),
    ("สวัสดีครับ", 2),  # ten Thai characters: two words
    ("分享 Share", 2),
])
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_a_chinese_paragraph_is_not_a_short_line() -> None:
    """A long paragraph in a script without spaces is long for every max_words threshold: a
    newsletter box of the same page must not take the article with it."""
    article = "市议会周二批准了新的预算，经过长时间的辩论，决定将更多资金用于北部地区的学校和交通部门。" * 6
    html = ("<html><body><article><h1>市议会批准新预算</h1><div><p>" + article + "</p>"
            "<form><input type='email' name='email'><button>Subscribe to our newsletter</button></form>"
            "</div></article></body></html>")
    result = clean(html)
    assert article in result.text
    assert [r.rule_id for r in result.removals if "Subscribe" in r.text] == ["newsletter.form"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Read more", 9),
    ("関連記事", 12),  # four characters of a script without spaces weigh three letters each
    ("分享 Share", 12),
])
def test_text_width(text: str, expected: int) -> None:
    assert text_width(text) == expected


def test_normalise_splits_where_the_script_changes() -> None:
    """A word of a spaced script inside Chinese or Japanese text is a word of its own."""
    assert normalise("本网站使用Cookie来改善体验。") == " 本网站使用 cookie 来改善体验 "
    assert normalise("Read more") == " read more "


@pytest.mark.parametrize(("phrase", "mode", "text", "found"), [
    ("関連記事", "line", "関連記事", True),
    ("関連記事", "starts", "関連記事一覧", True),  # no word boundary to wait for in Japanese
    ("使用cookie", "contains", "本网站使用Cookie来改善您的体验", True),
    ("cookieを使用", "contains", "当サイトではCookieを使用しています", True),
    ("广告", "line", "广告收入增长了", False),  # a line phrase is still the whole line
    ("read more", "contains", "thread moreover", False),  # spaced scripts keep their word boundaries
])
def test_phrases_in_scripts_without_spaces(phrase: str, mode: str, text: str, found: bool) -> None:
    assert (PhraseMatcher([phrase], mode).match(normalise(text)) is not None) is found


@pytest.mark.parametrize(("text", "found"), [
    ("Skip to main content Skip to footer", True),  # buttons run together
    ("Like 3 Reply Report", True),  # with a count between them
    ("Reply With Quote 0", True),  # one button and its count
    ("Like 1,077", True),
    ("Reply 2020", False),  # a year is no count
    ("Reply to the minister", False),
])
def test_a_sequence_of_buttons_and_counts(text: str, found: bool) -> None:
    matcher = PhraseMatcher(["skip to main content", "skip to footer", "like", "reply", "report", "reply with quote"],
                            "line", sequence=True)
    assert (matcher.match(normalise(text)) is not None) is found


@pytest.mark.parametrize(("text", "expected"), [
    ("ये भी पढ़ें", " ये भी पढ़ें "),  # Devanagari vowel signs are part of their words
    ("สวัสดีครับ", " สวัสดีครับ "),  # so are Thai ones
    ("اقرأ أيضاً", " اقرأ أيضا "),  # Arabic vowel points are optional, like accents: dropped
    ("שָׁלוֹם", " שלום "),  # Hebrew points too
    ("Read-more_now!", " read more now "),
])
def test_normalise_keeps_the_marks_words_are_made_of(text: str, expected: str) -> None:
    assert normalise(text) == expected
