"""Main-content region for text with no DOM: classify lines jusText-style, find the article.

Each line is classed from its own shape (after jusText, Pomikálek 2011): length, stopword
density in the document's language (picked from many stoplists), terminal punctuation, and
menu- or metadata-like shape (no stopwords, no sentence end, digits and separators only, ©);
a copyright notice or the publisher's contact details are the page's footer, a barrier no region crosses.
Good lines score their length, chrome scores against it; the article region is the run of lines
with the largest total (as in Finn et al.'s body-text extraction), plus any other run nearly as
heavy. What lies outside the region is leading or trailing chrome; runs of menu-like lines inside
it are navigation. Lines that read as sentences are never taken inside the region, and the header
cluster just before the region (kicker, headline, dek, caption, byline, date) joins it. Code and
list lines weigh nothing either way (documentation and product pages are not menus), except a
whole page's menus that a text dumper wrote as bulleted lists ("• Home", "* News").

Lines outside the region go only on strong evidence: the text is a whole page (menu items overall
and at its edges, a navigation bar above and a footer below), or the lines are furniture on their
own (menu items, ©, symbols; the only evidence that counts between two parts of the article;
before or after it, also a long run of titles with hardly any prose among them: a "most read"
list, a country picker);
and, unless it is a whole page, only as far as the region holds an article's worth of prose
(``min_region_prose``), so listings, shops and landing pages are left alone.
A region too thin to be an article even on a whole page (under ``weak_region_prose``: an intro
above a listing of jobs, laureates or products) takes only the furniture lines outside it.

Japanese, written without spaces, is read character by character: kana particles and endings are
its stoplist, a Han or kana character weighs ``CJK_CHAR_WIDTH`` letters, and a line without a
sentence end is not prose (titles have particles too). Chinese, Thai and other scripts without
spaces have no stoplist here and are left alone.

The detector is cautious by design: a document with no prose line, or too short to judge, is
left alone; on text that is already mostly prose (an extractor's output) only clear chrome at
the edges goes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Literal

from pydantic import Field

from cleaner.detectors.base import LIST_ITEM, DocView, Hit, Params, register
from cleaner.detectors.stamps import STAMP_MAX_WORDS, is_schedule_entry, is_stamp
from cleaner.words import CJK_CHAR_WIDTH

_WORD = re.compile(r"[^\W\d_]+|\d+")
_LETTER = re.compile(r"[^\W\d_]")
_TERMINAL = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)$")
_SEPARATORS = re.compile(r"\s[|•·/»›>–-]\s")
# a copyright line: the sign, or the formulas of a copyright notice ("Copyright 2018 Example Inc.",
# "All rights reserved" in the languages the rule packs cover)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|&copy;|\bcopyright\s+(?:\d{4}|\(c\))|\ball rights reserved\b|"
                        r"alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
                        r"tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|"
                        r"все права защищены|усі права захищені|всі права захищені", re.I)
# contact details: two contact channels, each with its number or address ("Telephone: 03-761 9056 Fax: …")
_CONTACT = re.compile(r"\b(?:tel|telephone|phone|fax|e-?mail)\.?\s*:?\s*[+*(\d][^\n]{0,80}?"
                      r"(?:\b|\d)(?:tel|telephone|phone|fax|e-?mail)\.?\s*:\s*(?:[+(\d]|[\w.+-]+@)", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# the bullets whole-page text dumpers give list items (resiliparse "•", html2text and inscriptis "*"); not
# "- ", an extractor's Markdown for the article's own lists, nor "1." or "| … |"
_BULLET = re.compile(r"^[*•·◦▪‣]\s")
_DIGIT = re.compile(r"\d")
_CODE = re.compile(r"[()\[\]{}=;<>_\\$#*+^~`]|:\s*$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")  # kana and Han, one token each
LANGUAGE_LINE_CAP = 100  # words: what a line weighs at most when the language is judged
MIN_KANA_SHARE = 0.2  # of the Han and kana characters: the text is Japanese
BY_CHARACTER = frozenset({"ja"})  # stoplists of characters, for text written without spaces

GOOD, NEARGOOD, SENTENCE, SHORT, BAD = "good", "neargood", "sentence", "short", "bad"


@cache
def stoplists() -> dict[str, frozenset[str]]:
    """Language code → its most frequent words (``stopwords.txt``, from jusText's stoplists)."""
    lists: dict[str, frozenset[str]] = {}
    path = Path(__file__).with_name("stopwords.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, words = line.split("\t", 1)
            lists[code] = frozenset(words.split())
    return lists


@cache
def stopword_index() -> dict[str, tuple[str, ...]]:
    """Word → the languages whose stoplist (``stoplists``) holds it: a line's stopwords in every
    language are counted in one pass over its words."""
    index: dict[str, list[str]] = {}
    for code, words in stoplists().items():
        for word in words:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}



class RegionParams(Params):
    """Line classes (jusText's scheme, in characters and stopword density): a line shorter than
    ``length_low`` is short (a ``sentence`` when it ends like one); a line with stopword density
    of at least ``stopwords_high`` and longer than ``length_high`` is good, at least
    ``stopwords_low`` near-good, else bad. ``report``: ``outside`` reports lines outside the
    article region (leading and trailing chrome), ``menus`` runs of at least ``min_menu_run``
    menu-like lines inside it. ``secondary_fraction``: another region is kept when its weight is
    at least this share of the main one's (on a whole page; on text less page-like, any run of
    positive weight, and all between the first and the last is kept). ``line_cost`` is charged to every line that is not
    good prose, in full when the share of menu-item lines reaches ``page_menu_share[1]`` (a whole
    page), not at all below ``page_menu_share[0]`` (an extractor's output). Documents with fewer
    than ``min_lines`` lines or no good line are left alone. Outside lines are reported only when
    the evidence reaches ``min_evidence``: the page share times the share of menu items among the
    first or last ``edge_lines`` lines (ramped over ``page_edge_share``), or the share of furniture
    lines in the run; scaled, unless a whole page, by the region's prose over ``min_region_prose``
    characters; when the region holds under ``weak_region_prose`` characters of prose (an intro
    above a listing, not an article), only the furniture lines outside it go. A region that
    carries a story's date stamp (a short line with a date within its first ``stamp_within``
    lines or its header, and no more than ``max_stamps`` dates in it: a list's entries have one
    each) is an article from ``dated_region_prose`` characters of prose on: a short news story.
    The header cluster above a region: at most ``header_max_lines`` lines, ``header_max_menu_items`` of them
    one-to-three-word lines, a dek or caption of up to ``dek_max_words`` words, and no run of
    ``header_max_headlines`` headline-shaped lines (four words or more, no sentence end: a list of
    other stories above the article, which goes with the page's chrome). A run of at least
    ``min_title_run`` lines before or after the region (not between its parts) whose characters
    are at most ``title_run_max_prose`` good or near-good prose counts its titles (short lines
    with no sentence end, no digits, no list mark) as furniture: a list of headlines or links.
    On a whole page with ``tail_title_min_prose`` characters of paragraphs or more (good lines
    that end like sentences), headline-shaped near-good lines (no sentence end, no list mark, at
    most ``headline_max_words`` words) weigh as titles past the first short line after the last
    paragraph: other stories' headlines under the article, too long to be short lines.
    A schedule right under a region joins it: ``min_schedule_run`` lines or more, each opening
    with a day of a month and at most ``schedule_max_words`` words long ("June 9 – West Palm
    Beach, FL @ Coral Sky Amphitheatre"), under at most one heading line ("Tour dates").
    Runs of ``min_bullet_menu`` or more bulleted ("• ", "* ") entries of at most
    ``bullet_menu_max_words`` words are menu items, not list items, when such runs make up
    ``page_menu_share[0]`` of the lines or more (a whole page dumped with its menus as lists), or,
    on other text, when they start within the first ``edge_lines`` lines or end within the last
    (the menu above a long article), or lie before its first paragraph or after its last."""

    kind: Literal["region"]
    report: Literal["outside", "menus"] = "outside"
    languages: list[str] | None = None
    length_low: int = Field(default=70, ge=1)
    length_high: int = Field(default=200, ge=1)
    stopwords_low: float = Field(default=0.22, ge=0.0, le=1.0)
    stopwords_high: float = Field(default=0.27, ge=0.0, le=1.0)
    neutral_density: float = Field(default=0.12, ge=0.0, le=1.0)
    min_doc_density: float = Field(default=0.12, ge=0.0, le=1.0)
    short_penalty: float = Field(default=20.0, ge=0.0)
    bad_min_penalty: float = Field(default=30.0, ge=0.0)
    secondary_fraction: float = Field(default=0.25, gt=0.0)
    min_menu_run: int = Field(default=4, ge=2)
    min_bullet_menu: int = Field(default=4, ge=2)
    bullet_menu_max_words: int = Field(default=5, ge=1)
    headline_max_words: int = Field(default=25, ge=1)
    min_lines: int = Field(default=4, ge=1)
    copyright_penalty: float = Field(default=1000.0, ge=0.0)
    line_cost: float = Field(default=30.0, ge=0.0)
    page_menu_share: tuple[float, float] = (0.2, 0.3)
    max_unspaced_share: float = Field(default=0.2, ge=0.0, le=1.0)
    min_evidence: float = Field(default=0.5, ge=0.0, le=1.0)
    edge_lines: int = Field(default=15, ge=1)
    min_region_prose: int = Field(default=1500, ge=0)
    weak_region_prose: int = Field(default=450, ge=0)
    dated_region_prose: int = Field(default=300, ge=0)
    max_stamps: int = Field(default=2, ge=1)
    stamp_within: int = Field(default=8, ge=1)
    page_edge_share: tuple[float, float] = (0.5, 0.8)
    header_max_lines: int = Field(default=10, ge=0)
    header_max_menu_items: int = Field(default=3, ge=0)
    header_max_headlines: int = Field(default=5, ge=1)
    dek_max_words: int = Field(default=60, ge=1)
    min_title_run: int = Field(default=8, ge=2)
    title_run_max_prose: float = Field(default=0.15, ge=0.0, le=1.0)
    tail_title_min_prose: int = Field(default=800, ge=0)
    min_schedule_run: int = Field(default=4, ge=1)
    schedule_max_words: int = Field(default=16, ge=1)


@dataclass(frozen=True, slots=True)
class LineInfo:
    chars: int
    words: int
    density: float
    terminal: bool
    cls: str
    why: str
    marked: bool = False  # a list item or table row ("- …", "1) …", "| … |") or a bare URL
    digits: bool = False
    code: bool = False  # brackets, operators or other code punctuation: not a menu item
    phrase: bool = False  # words in sentence case ("Good monthly deals"): a list's phrase, not a menu's title


@dataclass(frozen=True, slots=True)
class Analysis:
    """Per-line classes, the article region(s), and the language the stoplist came from."""

    lines: tuple[LineInfo, ...]
    regions: tuple[tuple[int, int], ...]  # [start, end) line ranges, document order
    lang: str
    page: float = 1.0  # evidence the text is a whole page (menus, and menus at its edges), 0..1
    prose: int = 0  # characters of good and near-good prose in the region(s)
    dated: bool = False  # a story's date stamp at the top of the region, no list of dates in it (see analyse)


def _phrase(text: str) -> bool:
    """Two words or more, the first capitalised and every other in lower case: a phrase written
    as a sentence is ("Good monthly deals", "Supports local bookstores"), where a menu's entries
    are names ("World", "Real Estate", "About Us"). A bulleted line ("• Good deals") is never one:
    whether a bulleted run is a menu is ``_bulleted_menus``'s to say."""
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and all(w[:1].islower() for w in words[1:])


def _classify(text: str, stop: frozenset[str], p: RegionParams, by_character: bool = False) -> LineInfo:
    if by_character:  # Japanese: each kana or Han character a token, particles the stopwords
        ideographs = _IDEOGRAPHIC.findall(text)
        spaced = [t.casefold() for t in _WORD.findall(_IDEOGRAPHIC.sub(" ", text))]
        tokens = ideographs + spaced
        chars = len(text) + (CJK_CHAR_WIDTH - 1) * len(ideographs)
        # menu items and headlines are judged by word count: a word per CJK_CHAR_WIDTH characters
        # (a menu entry of nine characters is about three words)
        count = len(spaced) + -(-len(ideographs) // CJK_CHAR_WIDTH)
    else:
        tokens = [t.casefold() for t in _WORD.findall(text)]
        chars, count = len(text), len(tokens)
    words = [t for t in tokens if _LETTER.match(t)]
    density = sum(t in stop for t in words) / len(tokens) if tokens else 0.0
    terminal = bool(_TERMINAL.search(text))
    marked = bool(LIST_ITEM.match(text) or _URL.match(text))
    digits = bool(_DIGIT.search(text))
    code = bool(_CODE.search(_BULLET.sub("", text, count=1)))  # "* Home" is a bullet, not code

    def info(cls: str, why: str) -> LineInfo:
        return LineInfo(chars, count, density, terminal, cls, why, marked, digits, code, _phrase(text))

    if _COPYRIGHT.search(text):
        return info(BAD, "copyright line")
    if _CONTACT.search(text):
        return info(BAD, "contact details")
    if not words:
        return info(BAD, "no words (numbers or symbols only)")
    if len(_SEPARATORS.findall(text)) >= 2 and density < p.stopwords_low:
        return info(BAD, "items joined by separators")
    if chars < p.length_low:
        if terminal:
            return info(SENTENCE, "short sentence")
        return info(SHORT, "short line")
    if by_character and not terminal:  # Japanese titles and captions have particles too, not a 。
        return info(BAD, "no sentence end")
    if density >= p.stopwords_high and chars > p.length_high:
        return info(GOOD, "prose")
    if density >= p.stopwords_low:
        return info(NEARGOOD, "prose")
    return info(BAD, f"few stopwords ({density:.2f})")


def _weight(info: LineInfo, p: RegionParams, line_cost: float = 0.0) -> float:
    """A line's weight for the region: its length, scaled by how much it reads as prose, less
    ``line_cost`` for every line that is not good prose (a run of teasers — title, blurb,
    time — then weighs less than nothing, an article paragraph much more)."""
    if info.marked and info.cls in (SHORT, BAD):  # list items, table rows: the article's as often as not
        return 0.0
    if _code_line(info):  # code and spec lines of documentation: the article's, not chrome
        return 0.0
    return _base_weight(info, p) - (0.0 if info.cls in (GOOD, SENTENCE) else line_cost)


def _long_title(info: LineInfo, p: RegionParams) -> bool:
    """A near-good line (too long to be short, some stopwords) that reads as a headline: no
    sentence end, no list mark, at most ``headline_max_words`` words."""
    return info.cls == NEARGOOD and not (info.terminal or info.marked) and info.words <= p.headline_max_words


def _weigh_tail_titles(lines: tuple[LineInfo, ...], weights: list[float], p: RegionParams, line_cost: float) -> None:
    """On a page with an article's worth of paragraphs (``tail_title_min_prose``), headline-shaped
    lines past the first short line after its last paragraph weigh as titles: other stories'."""
    paragraphs = [i for i, info in enumerate(lines) if info.cls == GOOD and info.terminal]
    if not paragraphs or sum(lines[i].chars for i in paragraphs) < p.tail_title_min_prose:
        return
    end = next((i for i in range(paragraphs[-1] + 1, len(lines)) if lines[i].cls in (SHORT, BAD)), len(lines))
    for i in range(end + 1, len(lines)):
        if _long_title(lines[i], p):
            weights[i] = -p.short_penalty * 0.5 - line_cost


def _base_weight(info: LineInfo, p: RegionParams) -> float:
    if info.cls == SHORT:
        if info.words <= 3 and not info.digits:  # a menu item
            return -p.short_penalty
        if info.digits and info.words >= 4:  # list data (dates, places, scores)
            return 0.0
        return -p.short_penalty * 0.5  # a heading, or a link to another page
    if info.cls == SENTENCE:
        return 0.25 * info.chars
    if info.why in ("copyright line", "contact details"):  # the page footer: a barrier the region does not cross
        return -p.copyright_penalty
    if info.words == 0:
        return -max(float(info.chars), p.bad_min_penalty)
    prose = (info.density - p.neutral_density) / (p.stopwords_high - p.neutral_density)
    prose += 0.25 if info.terminal else -0.25
    return max(min(prose, 1.0), -1.0) * max(float(info.chars), p.bad_min_penalty)


def _code_line(info: LineInfo) -> bool:
    """A line with code punctuation that is neither a copyright line nor symbols only, nor a
    sentence (a product blurb "(won't clog your pores)." has brackets too)."""
    return info.code and (info.why == "short line" or (info.why.startswith("few stopwords") and not info.terminal))


def _chrome(info: LineInfo) -> bool:
    """A line that is page furniture on its own evidence: a menu item, a copyright line, symbols,
    or items joined by separators."""
    return _menu_item(info) or info.why in ("copyright line", "no words (numbers or symbols only)",
                                            "items joined by separators")


def _header(info: LineInfo, p: RegionParams) -> bool:
    """A line of the header cluster above an article's first paragraph: kicker, title, dek,
    caption, byline, date."""
    if info.why in ("copyright line", "no words (numbers or symbols only)", "items joined by separators"):
        return False
    if info.cls in (SHORT, SENTENCE):
        return 1 <= info.words <= p.headline_max_words
    return info.words <= p.dek_max_words and info.cls in (GOOD, NEARGOOD)


def _schedule_end(texts: list[str], lines: tuple[LineInfo, ...], start: int, limit: int, p: RegionParams) -> int:
    """Where a schedule that starts at line ``start`` (under at most one heading) ends, or
    ``start`` when there is none: a tour's dates under the story that announces the tour are the
    story's, though each is a short line."""
    first = start
    if first < limit and not is_schedule_entry(texts[first], lines[first].words, p.schedule_max_words):
        heading = lines[first]
        if heading.cls not in (SHORT, NEARGOOD) or heading.words > STAMP_MAX_WORDS or _chrome(heading):
            return start
        first += 1
    end = first
    while end < limit and is_schedule_entry(texts[end], lines[end].words, p.schedule_max_words):
        end += 1
    return end if end - first >= p.min_schedule_run else start


def _prose_share(lines: tuple[LineInfo, ...]) -> float:
    """The share of the lines' characters in good and near-good prose lines."""
    total = sum(x.chars for x in lines)
    return sum(x.chars for x in lines if x.cls in (GOOD, NEARGOOD)) / total if total else 0.0


def _title(info: LineInfo) -> bool:
    """A short line without digits that does not end like a sentence and is no list item: a
    headline, a link, a label, a menu entry (a line with digits is as often data: a time, a
    quantity, a score)."""
    return info.cls == SHORT and not (info.marked or info.digits)


def _menu_item(info: LineInfo) -> bool:
    """A title of one to three words that is no code: a menu entry."""
    return _title(info) and info.words <= 3 and not info.code


def _max_run(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Largest-sum contiguous run in ``weights[lo:hi]`` (Kadane): (sum, start, end)."""
    best, best_lo, best_hi = 0.0, lo, lo
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best or (total == best and best > 0 and start == best_lo):  # ties extend the run
            best, best_lo, best_hi = total, start, i + 1
    return best, best_lo, best_hi


def _language(texts: list[str], codes: list[str], p: RegionParams) -> str | None:
    """The stoplist whose words are densest in the text, or None when none is dense enough. Text
    mostly written without spaces is Japanese when kana make up enough of it (its particles are
    a stoplist of characters); Chinese, Thai and the like have none here and are left alone."""
    total_chars = sum(len(t) for t in texts)
    unspaced = sum(len(_UNSPACED.findall(t)) for t in texts)
    if unspaced > p.max_unspaced_share * total_chars:
        ideographs = [c for t in texts for c in _IDEOGRAPHIC.findall(t)]
        kana = sum(1 for c in ideographs if _KANA.match(c))
        if "ja" not in codes or not ideographs or kana < MIN_KANA_SHARE * len(ideographs):
            return None
        density = sum(c in stoplists()["ja"] for c in ideographs) / len(ideographs)
        return "ja" if density >= p.min_doc_density else None
    # The language is judged on lines of five words or more (menus say little), each word weighing
    # as many as its line has: the article's paragraphs outvote a directory of short entries in
    # another language (an English story above a French staff list). No line weighs more than a
    # long paragraph (``LANGUAGE_LINE_CAP``): a code block dumped as one line outvotes nothing.
    lines = [tokens for text in texts if len(text.split()) >= 5
             if (tokens := [t.casefold() for t in _WORD.findall(text)])]
    weights = [min(len(tokens), LANGUAGE_LINE_CAP) for tokens in lines]
    total = sum(w * w for w in weights)
    if not total:
        return None
    index = stopword_index()
    hits = [Counter(c for t in tokens for c in index.get(t, ())) for tokens in lines]  # stopwords per language
    weighed = list(zip(weights, lines, hits, strict=True))
    densities = {c: sum(w * w * found[c] / len(tokens) for w, tokens, found in weighed) / total
                 for c in codes if c not in BY_CHARACTER}
    if not densities:
        return None
    lang = max(densities, key=densities.__getitem__)
    return lang if densities[lang] >= p.min_doc_density else None


def _bulleted_menus(texts: list[str], lines: tuple[LineInfo, ...], p: RegionParams) -> tuple[LineInfo, ...]:
    """Lines of a menu that a text dumper wrote as a bulleted list ("• Home", "* Sports"): a run of
    ``min_bullet_menu`` or more bulleted items, each a short line of at most ``bullet_menu_max_words``
    words with no digits, sentence end or code (a shop's menu names its products: "• Smart
    Resistance Training Bundle"), are menu entries like the same lines without bullets, not list
    items (which weigh nothing either way), when such runs are a fifth of the lines or more (a whole
    page) or stand at the text's top or foot: within ``edge_lines`` of either end, or before the
    first paragraph of prose or after the last (a footer's link lists); elsewhere a few short lists
    are an article's."""
    def entry(i: int) -> bool:
        info = lines[i]
        return (info.marked and info.cls == SHORT and info.words <= p.bullet_menu_max_words
                and not (info.digits or info.code) and bool(_BULLET.match(texts[i].lstrip())))

    runs = [run for is_entry, group in groupby(range(len(lines)), key=entry) if is_entry
            if len(run := list(group)) >= p.min_bullet_menu]
    if sum(len(run) for run in runs) < p.page_menu_share[0] * len(lines):
        # a few short lists: an article's own, unless at the text's top or foot (a page's menus)
        n, edge = len(lines), p.edge_lines
        prose = [i for i, info in enumerate(lines) if info.cls == GOOD]
        first, last = (prose[0], prose[-1]) if prose else (n, -1)  # the first and last paragraph
        runs = [run for run in runs if run[0] < edge or run[-1] >= n - edge or run[-1] < first or run[0] > last]
    out = list(lines)
    for run in runs:
        for k in run:
            out[k] = replace(lines[k], marked=False)
    return tuple(out)


def _classified(view: DocView, lang: str, p: RegionParams) -> tuple[LineInfo, ...]:
    """``_classify`` of every line of ``view``, remembered on it; a view of some of a document's
    lines (the engine's second look at the lines still kept) takes its parent's classes, which
    depend on nothing but the line, the language and the parameters."""
    key = (lang, p.model_dump_json(exclude={"report", "min_menu_run"}))
    found = view.per_block_memo("_region_classes", key)
    if found is None:
        stop, by_character = stoplists()[lang], lang in BY_CHARACTER
        found = view.remember_per_block("_region_classes", key,
                                        [_classify(t, stop, p, by_character) for t in view.texts])
    return tuple(found)


def analyse(view: DocView, p: RegionParams) -> Analysis | None:
    """Classify the document's lines and find its article region(s); None when it cannot judge."""
    texts = view.texts  # Markdown heading marks and emphasis stripped: "## Sport" is a menu item too
    if len(texts) < p.min_lines:
        return None
    lists = stoplists()
    codes = [c for c in (p.languages or lists) if c in lists]
    if not codes:
        return None
    lang = _language(texts, codes, p)
    if lang is None:
        return None
    lines = _bulleted_menus(texts, _classified(view, lang, p), p)
    if not any(info.cls in (GOOD, NEARGOOD) for info in lines):
        return None
    # how much the text looks like a whole page (menu items) rather than an extractor's output
    menus = sum(_menu_item(info) for info in lines) / len(lines)
    ramp = (menus - p.page_menu_share[0]) / (p.page_menu_share[1] - p.page_menu_share[0])
    page = max(0.0, min(1.0, ramp))
    line_cost = p.line_cost * page
    weights = [_weight(info, p, line_cost) for info in lines]
    if line_cost:
        _weigh_tail_titles(lines, weights, p, line_cost)
    main = _max_run(weights, 0, len(lines))
    if main[0] <= 0 or main[2] <= main[1]:
        return None
    regions = [main]
    # other runs nearly as heavy as the main one (an article split by a large widget)
    pending = [(0, main[1]), (main[2], len(lines))]
    while pending:
        lo, hi = pending.pop()
        if hi - lo < 1:
            continue
        found = _max_run(weights, lo, hi)
        if found[0] > 0 and found[0] >= p.secondary_fraction * page * main[0]:
            regions.append(found)
            pending += [(lo, found[1]), (found[2], hi)]
    spans = sorted((lo, hi) for _, lo, hi in regions)
    if page < 1.0:  # not a whole page: keep everything between the first and last prose run
        spans = [(spans[0][0], spans[-1][1])]
    # the header cluster right before a region joins it: headline, dek, caption, byline, date
    # (at most ``header_max_lines`` lines, of which ``header_max_menu_items`` one-to-three-word
    # lines; never a run of three, and menu items at its top are the menu's, not the header's;
    # a run of ``header_max_headlines`` headlines is a list of other stories, and none of it joins)
    extended = []
    prev_hi = 0
    for lo, hi in spans:
        j, menu_items, run, headlines = lo, 0, 0, 0
        while j > prev_hi and lo - j < p.header_max_lines and _header(lines[j - 1], p):
            item = _menu_item(lines[j - 1]) and lines[j - 1].density < 1.0  # "By" is a byline's
            menu_items += item
            run = run + 1 if item else 0
            if menu_items > p.header_max_menu_items or (run >= 3 and page >= 1.0):
                break
            headlines = headlines + 1 if _title(lines[j - 1]) and lines[j - 1].words > 3 else 0
            if headlines >= p.header_max_headlines:  # a list of other stories' headlines, not a header
                j += headlines - 1
                break
            j -= 1
        while j < lo and _menu_item(lines[j]):
            j += 1
        extended.append((j, hi))
        prev_hi = hi
    for k, (lo, hi) in enumerate(extended):
        limit = extended[k + 1][0] if k + 1 < len(extended) else len(lines)
        extended[k] = (lo, _schedule_end(texts, lines, hi, limit, p))
    # evidence that this is a whole page: menus at its edges (a navigation bar above, a footer
    # below), which an extractor's output lacks even when its lines are short (specs, prices)
    edge = max(sum(_menu_item(x) for x in part) / len(part) for part in (lines[:p.edge_lines], lines[-p.edge_lines:]))
    lo_share, hi_share = p.page_edge_share
    whole = page * max(0.0, min(1.0, (edge - lo_share) / (hi_share - lo_share)))
    # a region with little prose is weak evidence of an article (a listing, a shop, a landing page)
    prose = sum(lines[i].chars for lo, hi in extended for i in range(lo, hi) if lines[i].cls in (GOOD, NEARGOOD))
    # a story's stamp: at the top of the article (its header or first lines), and one of at most
    # ``max_stamps`` dates in it (more are a list's: photos, posts, events)
    stamps = [i for lo, hi in extended for i in range(lo, hi)
              if is_stamp(texts[i], lines[i].words)]
    dated = 0 < len(stamps) <= p.max_stamps and stamps[0] < extended[0][0] + p.stamp_within
    return Analysis(lines, tuple(extended), lang, whole, prose, dated)


def _cached(view: DocView, p: RegionParams) -> Analysis | None:
    store = view.__dict__.setdefault("_region_analysis", {})
    key = p.model_dump_json(exclude={"report", "min_menu_run"})
    if key not in store:
        store[key] = analyse(view, p)
    return store[key]


@register("region", RegionParams, contextual=True)
class RegionDetector:
    def __init__(self, params: RegionParams) -> None:
        self.params = params

    def __call__(self, view: DocView) -> Iterator[Hit]:
        a = _cached(view, self.params)
        if a is None:
            return
        if self.params.report == "outside":
            yield from self._outside(view, a)
        else:
            yield from self._menus(view, a)

    def _outside(self, view: DocView, a: Analysis) -> Iterator[Hit]:
        inside = [False] * len(a.lines)
        for lo, hi in a.regions:
            for i in range(lo, hi):
                inside[i] = True
        first, last = a.regions[0][0], a.regions[-1][1]
        p = self.params
        # evidence of an article: its prose, or a story's date stamp over enough of it
        dated = a.dated and a.prose >= p.dated_region_prose
        strength = 1.0 if dated or not p.min_region_prose else min(1.0, a.prose / p.min_region_prose)
        i = 0
        while i < len(a.lines):
            if inside[i]:
                i += 1
                continue
            j = i
            while j < len(a.lines) and not inside[j]:
                j += 1
            where = "before" if j <= first else "after" if i >= last else "between parts of"
            kinds = sorted({a.lines[k].cls for k in range(i, j)})
            # evidence: a whole page, or lines that are furniture on their own (menu items, ©)
            chrome = sum(_chrome(a.lines[k]) for k in range(i, j)) / (j - i)
            if j - i >= p.min_title_run and where != "between parts of" \
                    and _prose_share(a.lines[i:j]) <= p.title_run_max_prose:  # a long run of titles and labels
                chrome = max(chrome, sum(_title(a.lines[k]) for k in range(i, j)) / (j - i))
            # strong on a whole page; on other text, only for a hunk that is furniture on its own,
            # and only as far as the region holds an article's worth of prose. Between two parts of
            # the article the page's menus say nothing: what lies there (a checklist of short lines,
            # a table, a product grid) goes only when it is furniture on its own.
            page = 0.0 if where == "between parts of" else a.page
            evidence = max(page, chrome) * (a.page + (1.0 - a.page) * strength)
            if evidence < self.params.min_evidence or (where == "between parts of" and a.page < 1.0):
                i = j
                continue
            if a.prose < self.params.weak_region_prose and not dated:  # hardly an article: only the furniture goes
                yield from self._furniture(a, i, j, where, first, last)
                i = j
                continue
            yield Hit(tuple(range(i, j)),
                      f"{j - i} line(s) {where} the article region (lines {first + 1}–{last}, {a.lang} "
                      f"stopwords); classes here: {', '.join(kinds)}", 0.7)
            i = j

    @staticmethod
    def _furniture(a: Analysis, i: int, j: int, where: str, first: int, last: int) -> Iterator[Hit]:
        """The runs of furniture lines (menu items, ©, symbols) among lines ``i``–``j``."""
        k = i
        while k < j:
            if not _chrome(a.lines[k]):
                k += 1
                continue
            m = k
            while m < j and _chrome(a.lines[m]):
                m += 1
            yield Hit(tuple(range(k, m)),
                      f"{m - k} furniture line(s) {where} a region too thin to be an article (lines "
                      f"{first + 1}–{last}, {a.prose} characters of prose): menu items, ©, symbols", 0.7)
            k = m

    def _menus(self, view: DocView, a: Analysis) -> Iterator[Hit]:
        p = self.params

        def count(k: int) -> bool:  # a quantity or a number on its own line: the run is a data list
            return 0 <= k < len(a.lines) and a.lines[k].words > 0 and a.lines[k].digits and a.lines[k].words <= 2 \
                and a.lines[k].why == "no words (numbers or symbols only)"

        for lo, hi in a.regions:
            run: list[int] = []
            for i in range(lo, hi + 1):
                line = a.lines[i] if i < hi else None
                if line and line.cls == SHORT and line.words <= 4 and not (line.marked or line.digits or line.code):
                    run.append(i)
                    continue
                if len(run) >= p.min_menu_run and sum(a.lines[k].density == 0 for k in run) * 2 >= len(run) \
                        and sum(a.lines[k].phrase for k in run) * 2 < len(run) \
                        and not (count(run[0] - 1) or count(run[-1] + 1)):
                    sample = " / ".join(view.blocks[k].text[:30] for k in run[:4])
                    yield Hit(tuple(run), f"menu run of {len(run)} short lines without sentences inside "
                                          f"the article region: {sample}", 0.6)
                run = []
