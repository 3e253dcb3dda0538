"""Record runs: a list of records after the article, each marked by a short metadata line.

A comment thread scraped to text repeats a record: an author line ("jbaxt says:"), a time stamp
("2 days ago at 07:52 am", "November 19, 2019 at 6:34 am"), the comment, a "Reply" action. A
list of teasers repeats title, blurb and "32M ago". The marker lines are the structure: one of
them proves nothing (an article's dateline, "Updated 2 hours ago"), but three or more close
together, after an article's worth of prose, are a run of records, and the run is chrome.

A bare date ("Nov 18", "Wednesday November 20, 2019") is a weak marker: a timeline in an article
has one per entry too. Weak markers count only in a run whose records are three lines or more and
mostly have a headline (a line of a few words with no full stop at its end) just before the date;
a timeline pairs a date with sentences, a forum post puts its date under a user name.

Extent: each record is taken as led by its marker. The run goes from the short header lines right
before the first marker (an author name, a title, a "34 responses to …" heading; never a line of
prose) to the last marker's record: the lines after it, within the run's usual record length, up to
a line that reads as an article paragraph. Position prior: only after an
article, ``min_prose_before`` characters of prose since the previous marker and several times
a record's length, so a forum or a Q&A page whose posts are the page (its first post has a
marker too, and is no longer than the replies) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from statistics import median
from typing import Literal

from pydantic import Field, field_validator

from cleaner.detectors.base import DocView, Hit, Params, flat, register
from cleaner.detectors.regex import BlockRegex, LineGuard, compiles


class RecordRunParams(Params):
    """``markers``: RE2 patterns (per language, or a flat list) searched in each line of at most
    ``marker_max_words`` words; a marker line marks one record. A run is at least ``min_records``
    markers, each at most ``max_gap`` lines after the previous one, starting after at least
    ``min_prose_before`` characters of the article's prose (lines of ``prose_min_words`` words or
    more since the previous marker, so a forum's first post is not an article) and at least
    ``min_article_ratio`` times a record's mean length. ``weak_markers`` (bare dates) join a run
    only when its records are ``weak_min_lines`` lines or more (the median) and three in four have a
    headline (a line of ``headline_words`` words that does not end with a full stop) in the two
    lines before their marker. ``unless_line`` (RE2, a whole line): a document with such a line
    is left alone (see ``TailSectionParams``). Lines of
    fewer than ``prose_min_words`` words count as record headers; the last record's body is taken
    up to the run's median record length, stopping at a line of ``paragraph_words`` words or more."""

    kind: Literal["record-run"]
    markers: dict[str, list[str]] | list[str] = Field(min_length=1)
    marker_max_words: int = Field(default=12, ge=1)
    min_records: int = Field(default=3, ge=2)
    max_gap: int = Field(default=12, ge=1)
    min_prose_before: int = Field(default=300, ge=0)
    prose_min_words: int = Field(default=10, ge=1)
    paragraph_words: int = Field(default=30, ge=1)
    min_article_ratio: float = Field(default=3.0, ge=0.0)
    weak_markers: dict[str, list[str]] | list[str] = Field(default_factory=list)
    weak_min_lines: int = Field(default=3, ge=2)
    headline_words: tuple[int, int] = (3, 20)
    unless_line: list[str] = Field(default_factory=list)

    @field_validator("markers", "weak_markers", "unless_line")
    @classmethod
    def _compiles(cls, value: dict[str, list[str]] | list[str]) -> dict[str, list[str]] | list[str]:
        compiles(flat(value))
        return value


@register("record-run", RecordRunParams)
class RecordRunDetector:
    def __init__(self, params: RecordRunParams) -> None:
        self.params = params
        self.regex = BlockRegex("|".join(f"(?:{p})" for p in flat(params.markers)))
        weak = flat(params.weak_markers)
        self.weak = BlockRegex("|".join(f"(?:{p})" for p in weak)) if weak else None
        self.unless = LineGuard(params.unless_line)

    def _markers(self, view: DocView) -> tuple[list[int], set[int]]:
        """The marker lines, and which of them are weak (matched by ``weak_markers`` only)."""
        limit = self.params.marker_max_words
        marks, weak = [], set()
        strong = self.regex.found(view, limit)
        weakly = self.weak.found(view, limit) if self.weak is not None else None
        for i in range(len(view.blocks)):
            if not 0 < view.words[i] <= limit:
                continue
            if strong[i] and self.regex.search(view, i):
                marks.append(i)
            elif weakly is not None and weakly[i] and self.weak.search(view, i):
                marks.append(i)
                weak.add(i)
        return marks, weak

    def _headline(self, view: DocView, i: int) -> bool:
        """A line of ``headline_words`` words that ends as a title does: in a letter, a digit, a
        quote, "?" or "!" (not a sentence's full stop, a list's comma, a reference's bracket)."""
        low, high = self.params.headline_words
        text = view.blocks[i].text.rstrip()
        return low <= view.words[i] <= high and (text[-1:].isalnum() or text[-1:] in "\"'”’?!")

    def _teasers(self, view: DocView, run: list[int]) -> bool:
        """Whether the records of a run with weak markers read as teasers: ``weak_min_lines``
        lines or more (the median record) and, three in four of them, a headline in the two lines
        before the marker (a forum post's date follows a user name, a schedule's opens its entry)."""
        gaps = [b - a for a, b in pairwise(run)]
        headed = sum(any(self._headline(view, i) for i in range(max(0, m - 2), m)) for m in run)
        return median(gaps) >= self.params.weak_min_lines and headed >= 0.75 * len(run)

    def _runs(self, marks: list[int]) -> Iterator[list[int]]:
        run: list[int] = []
        for m in marks:
            if run and m - run[-1] > self.params.max_gap:
                yield run
                run = []
            run.append(m)
        if run:
            yield run

    def _prose_before(self, view: DocView) -> list[int]:
        """Characters of prose (lines of ``prose_min_words`` or more) before each line."""
        out, total = [0], 0
        for i, block in enumerate(view.blocks):
            total += len(block.text) if view.words[i] >= self.params.prose_min_words else 0
            out.append(total)
        return out

    def _extent(self, view: DocView, run: list[int]) -> tuple[int, int]:
        """The run's lines: the first record's header lines to the end of the last record."""
        p = self.params
        gaps = [b - a for a, b in pairwise(run)]
        start = run[0]
        while start > max(0, run[0] - min(gaps) + 1) and view.words[start - 1] < p.prose_min_words:
            start -= 1  # header lines of the first record: its author, title or the thread's heading
        end = run[-1] + 1
        while end < len(view.blocks) and end - run[-1] < median(gaps) and view.words[end] < p.paragraph_words:
            end += 1  # the rest of the last record, unless it reads as an article paragraph
        return start, end

    def __call__(self, view: DocView) -> Iterator[Hit]:
        p = self.params
        if self.unless.found(view):
            return
        marks, weak = self._markers(view)
        if len(marks) < p.min_records:
            return
        prose_before = self._prose_before(view)
        strong = [m for m in marks if m not in weak]
        for run in self._runs(marks):
            if len(run) < p.min_records:
                continue
            if weak.intersection(run) and not self._teasers(view, run):
                for part in self._runs([m for m in run if m not in weak]):  # the strong markers alone
                    yield from self._hit(view, part, strong, prose_before)
                continue
            yield from self._hit(view, run, strong, prose_before)

    def _hit(self, view: DocView, run: list[int], marks: list[int], prose_before: list[int]) -> Iterator[Hit]:
        """The run as a hit, when it has enough records after enough of the article's prose
        (counted since the strong marker before the run: a forum's first post has one)."""
        p = self.params
        if len(run) < p.min_records:
            return
        start, end = self._extent(view, run)
        previous = max((m for m in marks if m < start), default=-1)
        article = prose_before[start] - prose_before[previous + 1]
        members = set(run)
        record = sum(len(view.blocks[i].text) for i in range(run[0], run[-1]) if i not in members) / (len(run) - 1)
        if article < p.min_prose_before or article < p.min_article_ratio * record:
            return
        sample = " / ".join(view.blocks[m].text[:40] for m in run[:3])
        yield Hit(tuple(range(start, end)),
                  f"{len(run)} records marked by short metadata lines ({sample}) after "
                  f"{article} characters of the article's prose")
