"""The rule-pack schema. See rules/README.md for the documented format with examples."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cleaner.model import Action

RULE_ID = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"
CATEGORIES = (
    "paywall",
    "newsletter",
    "payment",
    "photo-credit",
    "cookie",
    "social",
    "navigation",
    "legal",
    "ad",
    "layout",
    "comments",
    "metadata",
    "headline",
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Examples(Strict):
    """Strings the rule must remove and strings it must keep. They run as tests.

    For text rules each string is a whole document; for HTML rules, an HTML snippet.
    """

    remove: list[str] = Field(default_factory=list)
    keep: list[str] = Field(default_factory=list)


class Rule(Strict):
    """One rule: what to find (matchers), what to do with it (action), and proof (examples)."""

    id: str = Field(pattern=RULE_ID)
    category: str
    description: str = Field(min_length=10)
    applies_to: list[Literal["text", "html"]] = Field(default_factory=lambda: ["text", "html"], min_length=1)
    action: Action = Action.REMOVE
    confidence: float = Field(default=0.9, ge=0.0, le=1.0)
    enabled: bool = True
    match: list[dict[str, Any]] = Field(min_length=1)
    examples: Examples = Field(default_factory=Examples)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r}; expected one of {', '.join(CATEGORIES)}")
        return value

    @field_validator("match")
    @classmethod
    def _matchers_have_kind(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, matcher in enumerate(value):
            if not isinstance(matcher, dict) or "kind" not in matcher:
                raise ValueError(f"matcher {i} needs a 'kind'")
        return value


class Pack(Strict):
    """A file of rules. A pack with ``domains`` is a site pack, applied only to those sites."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    description: str = ""
    domains: list[str] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)

    @property
    def is_site_pack(self) -> bool:
        return bool(self.domains)
