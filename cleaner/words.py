"""Counting words in any script.

Whitespace separates words in most scripts, but not in Chinese, Japanese, Thai, Lao, Khmer or
Burmese, where a whole paragraph is one whitespace "word". Every length threshold of the rules
(``max_words``, prose and heading sizes) is in words, so a run of such a script counts as the
number of words it would hold at the script's mean word length.
"""

from __future__ import annotations

import re

CJK_CHARS_PER_WORD = 2  # Chinese averages 1.5–1.7 characters a word, Japanese (with kana) more
CJK_CHAR_WIDTH = 3  # a Han or kana character weighs as much as three letters of a spaced script
SEA_CHARS_PER_WORD = 5  # Thai, Lao, Khmer and Burmese words are longer

# Han ideographs (with extension A and compatibility ones), hiragana, katakana (and halfwidth).
_CJK_CHARS = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SEA_CHARS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_CJK = re.compile(f"[{_CJK_CHARS}]+")
_SEA = re.compile(f"[{_SEA_CHARS}]+")
UNSPACED_CHARS = _CJK_CHARS + _SEA_CHARS  # scripts written without spaces, as a character class body
UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")


def count_words(text: str) -> int:
    """Whitespace-separated words; a run of a script written without spaces counts
    ``ceil(len(run) / chars_per_word)`` words."""
    if text.isascii() or UNSPACED.search(text) is None:
        return len(text.split())
    total = 0
    for pattern, per_word in ((_CJK, CJK_CHARS_PER_WORD), (_SEA, SEA_CHARS_PER_WORD)):
        runs = pattern.findall(text)
        if runs:
            total += sum(-(-len(run) // per_word) for run in runs)
            text = pattern.sub(" ", text)
    return total + len(text.split())


def unspaced(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words."""
    return UNSPACED.match(char) is not None


def text_width(text: str) -> int:
    """``text``'s length in letters of a spaced script: a Han or kana character counts
    ``CJK_CHAR_WIDTH`` (thresholds in characters of prose then mean as much text in every script)."""
    if text.isascii():
        return len(text)
    return len(text) + (CJK_CHAR_WIDTH - 1) * sum(len(run) for run in _CJK.findall(text))
