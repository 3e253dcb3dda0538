"""What every detector shares: the per-document view, hits, and the kind registry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from cleaner.model import Block, Document
from cleaner.words import UNSPACED, UNSPACED_CHARS, count_words


def _marks(lo: int, hi: int) -> list[int]:
    """The combining marks from ``lo`` to ``hi`` (excluded)."""
    return [cp for cp in range(lo, hi) if unicodedata.category(chr(cp))[0] == "M"]


def _ranges(cps: list[int]) -> str:
    """Sorted code points as the body of a regex character class, in ranges."""
    spans: list[list[int]] = []
    for cp in cps:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in spans)


# Vowel points of Hebrew and Arabic are optional (most text omits them): dropped, like accents in a
# search index, so "أيضاً" is "أيضا".
_OPTIONAL_MARKS = dict.fromkeys([*_marks(0x591, 0x5C8), *_marks(0x610, 0x61B), *_marks(0x64B, 0x660), 0x670])
# Every other combining mark is part of its word: the vowel signs of Devanagari, Bengali, Tamil, Thai…
_WORD_MARKS = _ranges([cp for spans in ((0x300, 0x1E00), (0x20D0, 0x2100), (0xA8E0, 0xA900), (0xFE20, 0xFE30))
                       for cp in _marks(*spans) if cp not in _OPTIONAL_MARKS])
# Punctuation and symbols, not letters, digits or marks: "ये भी पढ़ें" keeps its vowel signs.
_NON_WORD = re.compile(f"(?:[^\\w{_WORD_MARKS}]|_)+")
# The same for ASCII text, where it is every character but a letter or a digit: a translation table
# is some three times faster than the regex's large character class (most blocks are ASCII).
_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
# Where a script written without spaces meets one written with them: a word boundary either way.
_SCRIPT_CHANGE = re.compile(f"(?<=[{UNSPACED_CHARS}])(?=[^\\s{UNSPACED_CHARS}])"
                            f"|(?<=[^\\s{UNSPACED_CHARS}])(?=[{UNSPACED_CHARS}])")
# A list item or a table row as scrapers print them: "- item", "• item", "3) item", "| a | b |".
LIST_ITEM = re.compile(r"(?:[-*•·–]\s|\d{1,3}[.)]\s|\|.*\|$)")


_MEMO_CHARS = 1000  # blocks up to this long are memoised (the cache stays a few MB at most)


def normalise(text: str) -> str:
    """Casefold (Turkish İ to i), NFKC, punctuation to spaces, collapsed; padded with one space each side.

    Matching phrases against the padded form gives word boundaries in every script. Short blocks
    are memoised: the main-content stage and the detectors normalise the same blocks.
    """
    return _normalise_short(text) if len(text) <= _MEMO_CHARS else _normalise(text)


@lru_cache(maxsize=4096)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    # Turkish capital İ casefolds to i + a combining dot, which would split the word in two
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е").replace("i\u0307", "i")
    if folded.isascii():
        return " " + " ".join(folded.translate(_ASCII_NON_WORD).split()) + " "
    words = _NON_WORD.sub(" ", folded.translate(_OPTIONAL_MARKS))
    if UNSPACED.search(words):  # "使用cookie来" → "使用 cookie 来"
        words = _SCRIPT_CHANGE.sub(" ", words)
    return " " + " ".join(words.split()) + " "


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's raw result: which blocks, why, optionally how sure, and optionally per block the
    earlier blocks one of which must stay for the claim to hold (``Finding.requires``)."""

    blocks: tuple[int, ...]
    evidence: str
    confidence: float | None = None
    requires: tuple[tuple[int, ...], ...] = ()


class DocView:
    """A document plus per-block derived values, computed once and shared by all detectors.

    A view may cover only some blocks (``subset``, e.g. those still kept after a first pass);
    detectors then see those blocks as consecutive, and ``index`` maps a view position back
    to the block's index in the document.
    """

    def __init__(self, doc: Document, subset: Sequence[int] | None = None, *, parent: DocView | None = None) -> None:
        self.doc = doc
        self.index: tuple[int, ...] = tuple(range(len(doc.blocks))) if subset is None else tuple(subset)
        self.blocks: tuple[Block, ...] = doc.blocks if subset is None else tuple(doc.blocks[i] for i in self.index)
        self._parent = parent
        # Document index → category of the removal, for the blocks other rules already removed
        # (set when the engine looks again at the blocks still kept; empty on a first pass).
        self.removed: Mapping[int, str] = {}

    def subview(self, subset: Sequence[int], removed: Mapping[int, str] | None = None) -> DocView:
        """A view of some blocks (document indices) that reuses this view's derived values;
        ``removed``: what is no longer in it, by category (see ``removed``)."""
        view = DocView(self.doc, subset, parent=self)
        view.removed = removed if removed is not None else self.removed
        return view

    def per_block_memo(self, cache: str, key: Hashable) -> list | None:
        """Per-block values remembered under ``cache``/``key`` (``remember_per_block``) on this view, or
        on the view it was taken from (mapped to this view's blocks); None when neither has them."""
        found = self.__dict__.get(cache, {}).get(key)
        if found is None and self._parent is not None:
            known = self._parent.__dict__.get(cache, {}).get(key)
            if known is not None:
                found = self.remember_per_block(cache, key, self._from_parent(known))
        return found

    def _from_parent(self, values: Sequence) -> list:
        """The parent view's per-block ``values``, for this view's blocks."""
        at = self._parent_positions
        return [values[at[i]] for i in self.index]

    @cached_property
    def _parent_positions(self) -> Mapping[int, int]:
        """Document index → position in the parent view."""
        return {doc_index: k for k, doc_index in enumerate(self._parent.index)}

    def _inherited(self, name: str) -> list | None:
        """The parent view's derived value ``name`` for this view's blocks, if the parent has it."""
        if self._parent is not None and name in self._parent.__dict__:
            return self._from_parent(self._parent.__dict__[name])
        return None

    def remember_per_block(self, cache: str, key: Hashable, values: list) -> list:
        """Remember ``values`` (one per block of this view) for ``per_block_memo``; returns them."""
        self.__dict__.setdefault(cache, {})[key] = values
        return values

    @cached_property
    def norm(self) -> list[str]:
        inherited = self._inherited("norm")
        return inherited if inherited is not None else [normalise(b.text) for b in self.blocks]

    @cached_property
    def joined(self) -> tuple[bytes, list[int]]:
        """The normalised blocks as one UTF-8 text, a line each, and each block's byte offset in it:
        a matcher searches a document in one call instead of one call per block."""
        return _lines(self._encoded("norm"))

    @cached_property
    def texts(self) -> list[str]:
        """The blocks' own text with Unicode spaces as plain ones (see ``fold_spaces``) and no Markdown
        heading marks or emphasis around the whole line (see ``strip_markdown``): what regex matchers
        search, so a pattern's ``\\s`` or space matches a no-break space too, and ``^`` the heading's
        first word in an extractor's Markdown ("## 6 thoughts on …")."""
        inherited = self._inherited("texts")
        return inherited if inherited is not None else [strip_markdown(fold_spaces(b.text)) for b in self.blocks]

    @cached_property
    def joined_text(self) -> tuple[bytes, list[int]]:
        """Like ``joined``, of the blocks' own text (``texts``: not normalised, spaces folded)."""
        return _lines(self._encoded("texts"))

    def short_lines(self, max_words: int, *, normalised: bool = False) -> tuple[bytes, list[int], list[int]]:
        """Like ``joined_text`` (``joined`` when ``normalised``), of the blocks of at most ``max_words``
        words only, plus the view position of each of its lines: a matcher bounded in length need not
        search the paragraphs, which hold most of a page's text. Remembered per ``max_words``."""
        cache = self.__dict__.setdefault("_short_lines", {})
        key = max_words, normalised
        found = cache.get(key)
        if found is None:
            positions = [i for i, w in enumerate(self.words) if w <= max_words]
            encoded = self._encoded("norm" if normalised else "texts")
            found = cache[key] = (*_lines([encoded[i] for i in positions]), positions)
        return found

    def _encoded(self, name: str) -> list[bytes]:
        """The per-block values ``name`` (``norm`` or ``texts``) in UTF-8, encoded once per view."""
        cache = self.__dict__.setdefault("_encoded_lines", {})
        found = cache.get(name)
        if found is None:
            found = cache[name] = [t.encode("utf-8") for t in getattr(self, name)]
        return found

    @cached_property
    def words(self) -> list[int]:
        inherited = self._inherited("words")
        return inherited if inherited is not None else [count_words(n) for n in self.norm]


# Unicode spaces (category Zs) other than the plain space: RE2's \s and a pattern's space see none of them.
_SPACES = {c: " " for c in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}


# A Markdown heading's marks ("## Related", "Related ##") and emphasis around a whole line ("**Read more**").
_MD_HEADING = re.compile(r"^(\s*)#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_EMPHASIS = re.compile(r"^(\s*)(\*\*|__)(?=\S)(.+?)(?<=\S)\2[ \t]*$")


def strip_markdown(text: str) -> str:
    """``text`` without the marks of a Markdown heading or of emphasis around the whole line, as
    extractors' Markdown output writes a page's headings ("## 2 comments", "**Related stories**")."""
    if "#" not in text and "**" not in text and "__" not in text:
        return text
    text = _MD_HEADING.sub(r"\1\2", text)
    return _MD_EMPHASIS.sub(r"\1\3", text)


def fold_spaces(text: str) -> str:
    """``text`` with no-break, thin, ideographic and other Unicode spaces as plain spaces (same length)."""
    return text if text.isascii() else text.translate(_SPACES)


def _lines(encoded: list[bytes]) -> tuple[bytes, list[int]]:
    """Encoded texts as one text, a line each, and the byte offset of each line."""
    starts, pos = [], 0
    for b in encoded:
        starts.append(pos)
        pos += len(b) + 1
    return b"\n".join(encoded), starts


def flat(value: dict[str, list[str]] | list[str]) -> list[str]:
    """The phrases or patterns of a rule field given as a list, or as a map language → list."""
    return list(value) if isinstance(value, list) else [p for ps in value.values() for p in ps]


class Params(BaseModel):
    """Base of each detector's parameter model: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str

    def counts_other_blocks(self) -> bool:
        """Whether these parameters make the matcher judge a block by the others too (a count over
        the document), so the engine runs it again over the blocks still kept (see ``register``)."""
        return False


class Detector(Protocol):
    def __call__(self, view: DocView) -> Iterable[Hit]: ...


@dataclass(frozen=True)
class DetectorKind:
    name: str
    params: type[Params]
    build: Callable[[Params], Detector]
    contextual: bool = False
    reads_removals: bool = False


KINDS: dict[str, DetectorKind] = {}


def register(name: str, params: type[Params], *, contextual: bool = False, reads_removals: bool = False):
    """Class or function decorator: ``build(params) -> detector`` for matcher kind ``name``.

    ``contextual`` detectors judge a block by its neighbours (runs, sections, position); the
    engine runs them again over the blocks still kept, so what they see does not depend on
    chrome that other rules remove (which also makes cleaning idempotent). ``reads_removals``
    detectors also read what the other rules removed (``DocView.removed``), so their rule
    examples run with every rule of the pack.
    """

    def wrap(build: Callable[[Params], Detector]) -> Callable[[Params], Detector]:
        KINDS[name] = DetectorKind(name, params, build, contextual, reads_removals)
        return build

    return wrap
