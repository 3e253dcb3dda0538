"""Word counts in scripts written with and without spaces."""

import pytest

from cleaner import clean
from cleaner.words import count_words


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
