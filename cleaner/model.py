"""The data that flows through cleaner: Document → Findings → Decisions → CleanResult.

Every object here is a frozen dataclass. Offsets are always character offsets into
``Document.source_text`` (text input: the decoded input itself; HTML: the page's visible
text, one block per line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

from cleaner.words import count_words

InputKind = Literal["text", "html"]


class Action(StrEnum):
    """What a rule does with the blocks its detectors find."""

    REMOVE = "remove"
    FLAG = "flag"  # recorded in the result, text kept: how a new rule is tried safely
    KEEP = "keep"  # protects a block against weaker removals (e.g. the headline)


@dataclass(frozen=True, slots=True)
class DomContext:
    """Where an HTML block sat in the page. Empty for text input."""

    tag: str = ""
    path: tuple[str, ...] = ()  # ancestor tags, outermost first
    tokens: frozenset[str] = frozenset()  # id/class tokens of the block and its nearest ancestors
    roles: frozenset[str] = frozenset()  # ARIA roles on the block and its ancestors
    hidden: bool = False
    link_density: float = 0.0
    inside: frozenset[str] = frozenset()  # landmark containers: figure, form, aside, nav, footer, header…
    inputs: frozenset[str] = frozenset()  # form inputs in the enclosing form: email, radio, submit…
    in_main: bool | None = None  # verdict of the main-content stage, None when it did not run
    own_tokens: frozenset[str] = frozenset()  # id/class tokens of the block's own element(s) only

    def judged(self, in_main: bool) -> DomContext:
        """This context with the main-content stage's verdict (``dataclasses.replace``, only faster)."""
        return DomContext(self.tag, self.path, self.tokens, self.roles, self.hidden, self.link_density,
                          self.inside, self.inputs, in_main, self.own_tokens)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of source text: a line (text input) or a DOM block (HTML input)."""

    index: int
    start: int
    end: int
    text: str
    kind: str = "line"  # "line" for text; the HTML tag family ("p", "h1", "li", …) for HTML
    dom: DomContext | None = None

    def judged(self, in_main: bool) -> Block:
        """This block with the main-content stage's verdict on its DOM context."""
        if self.dom is None:
            return self
        return Block(self.index, self.start, self.end, self.text, self.kind, self.dom.judged(in_main))

    @property
    def word_count(self) -> int:
        return count_words(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """Input after parsing: the text the diff is about and its ordered blocks."""

    source_text: str
    blocks: tuple[Block, ...]
    kind: InputKind = "text"
    url: str | None = None
    title: str | None = None
    # HTML: the parsed page (tree, element per block) for DOM matchers; no part of equality.
    page: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """A detector's claim about some blocks; it decides nothing on its own.

    ``requires``, when given, holds per block (aligned with ``blocks``) the earlier blocks one of
    which must stay for the claim to hold there: a second copy of a passage goes only while an
    earlier copy of it is kept."""

    rule_id: str
    category: str
    action: Action
    blocks: tuple[int, ...]
    confidence: float
    evidence: str
    requires: tuple[tuple[int, ...], ...] = ()

    def __post_init__(self) -> None:
        if self.requires and (len(self.requires) != len(self.blocks) or any(
                not any_of or max(any_of) >= i for i, any_of in zip(self.blocks, self.requires, strict=True))):
            raise ValueError(f"{self.rule_id}: requires must name, per block, one or more earlier blocks")


@dataclass(frozen=True, slots=True)
class Decision:
    """The resolver's verdict on one block, with the finding that won."""

    block: int
    keep: bool
    reason: Finding | None = None
    flags: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """A removed span of source text and why it went."""

    start: int
    end: int
    text: str
    rule_id: str
    category: str
    evidence: str
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Flag:
    """A block a flag-only rule matched; its text stays in the output."""

    start: int
    end: int
    text: str
    rule_id: str
    category: str
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Clean text plus a lossless account of what was removed.

    ``text`` is ``source_text`` with every removal cut out; the removals are sorted,
    do not overlap, and ``source_text[r.start:r.end] == r.text``.
    """

    text: str
    removals: tuple[Removal, ...]
    source_text: str
    kind: InputKind = "text"
    url: str | None = None
    flags: tuple[Flag, ...] = ()
    stats: Mapping[str, Any] = field(default_factory=dict)

    def removed_by_category(self) -> dict[str, int]:
        """Characters removed per category."""
        totals: dict[str, int] = {}
        for r in self.removals:
            totals[r.category] = totals.get(r.category, 0) + (r.end - r.start)
        return totals

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "url": self.url,
            "text": self.text,
            "removals": [r.to_dict() for r in self.removals],
            "flags": [f.to_dict() for f in self.flags],
            "stats": dict(self.stats),
        }


def reconstruct(text: str, removals: Iterable[Removal | Mapping[str, Any]]) -> str:
    """Rebuild the source from kept text and removals (the inverse of cleaning)."""
    parts: list[str] = []
    cursor = 0  # position in the source
    taken = 0  # position in the kept text
    for r in sorted(removals, key=lambda r: _get(r, "start")):
        start, end = _get(r, "start"), _get(r, "end")
        kept_len = start - cursor
        parts.append(text[taken : taken + kept_len])
        taken += kept_len
        parts.append(_get(r, "text"))
        cursor = end
    parts.append(text[taken:])
    return "".join(parts)


def _get(obj: Removal | Mapping[str, Any], key: str) -> Any:
    return obj[key] if isinstance(obj, Mapping) else getattr(obj, key)
