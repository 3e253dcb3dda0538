"""What every detector shares: the per-document view, hits, and the kind registry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from cleaner.model import Block, Document

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Casefold, NFKC, punctuation to spaces, collapsed; padded with one space each side.

    Matching phrases against the padded form gives word boundaries in every script.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " " + " ".join(_NON_WORD.sub(" ", folded).split()) + " "


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's raw result: which blocks, why, and optionally how sure."""

    blocks: tuple[int, ...]
    evidence: str
    confidence: float | None = None


class DocView:
    """A document plus per-block derived values, computed once and shared by all detectors."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.blocks: tuple[Block, ...] = doc.blocks

    @cached_property
    def norm(self) -> list[str]:
        return [normalise(b.text) for b in self.blocks]

    @cached_property
    def words(self) -> list[int]:
        return [len(n.split()) for n in self.norm]


class Params(BaseModel):
    """Base of each detector's parameter model: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str


class Detector(Protocol):
    def __call__(self, view: DocView) -> Iterable[Hit]: ...


@dataclass(frozen=True)
class DetectorKind:
    name: str
    params: type[Params]
    build: Callable[[Params], Detector]
    applies_to: tuple[str, ...] = ("text", "html")


KINDS: dict[str, DetectorKind] = {}


def register(name: str, params: type[Params], *, applies_to: tuple[str, ...] = ("text", "html")):
    """Class or function decorator: ``build(params) -> detector`` for matcher kind ``name``."""

    def wrap(build: Callable[[Params], Detector]) -> Callable[[Params], Detector]:
        KINDS[name] = DetectorKind(name, params, build, applies_to)
        return build

    return wrap
