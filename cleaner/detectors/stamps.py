"""Date stamps: the short lines that date a story, a post or a teaser card.

A month named beside a day and a year, or a numeric date ("NOVEMBER 20, 2019 10:43", "Posted:
Fri 6:45 PM, Feb 16, 2018", "11/20/2019", "2019-11-20"), in the languages the rule packs cover,
on a line of at most ``STAMP_MAX_WORDS`` words (a sentence that mentions a date is not a stamp).
And the entries of a schedule: lines that open with a day of a month, no year needed.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez|"
          r"janv|févr|avr|juin|juil|août|déc|ene|abr|ago|dic|gen|giu|lug|set|ott|out|fev)\w*\.?")
STAMP = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b|"
                   rf"\b\d{{1,2}}\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(?:19|20)\d{{2}}\b|"
                   r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b", re.I)
STAMP_MAX_WORDS = 12
# an entry of a schedule: a line that opens with a day of a month, no year needed ("June 9 – West Palm
# Beach, FL @ Coral Sky Amphitheatre", "Aug. 2 -- Riverbend Music Center", "12 mars : Lyon")
SCHEDULE_ENTRY = re.compile(rf"^\W{{0,3}}(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)|"
                            rf"\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?{_MONTH}(?!\w))", re.I)


def is_schedule_entry(text: str, words: int, max_words: int) -> bool:
    """Whether a line of ``words`` words is an entry of a schedule (a tour's dates, a season's races)."""
    return words <= max_words and SCHEDULE_ENTRY.match(text) is not None


def is_stamp(text: str, words: int) -> bool:
    """Whether a line of ``words`` words is a date stamp."""
    return words <= STAMP_MAX_WORDS and STAMP.search(text) is not None
