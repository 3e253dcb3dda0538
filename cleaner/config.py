"""Configuration: which rules run, how they are overridden, and the limits on input."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError


@dataclass(frozen=True)
class Limits:
    """Input limits (see docs/reliability.md). An input over a limit is refused with
    ``LimitExceeded``, never truncated: a silently shortened document would break lossless
    accounting. Nesting deeper than ``max_depth`` is the one exception: the structure below it is
    flattened and the text kept."""

    max_bytes: int = 16 * 1024 * 1024  # input size (UTF-8 bytes for str input)
    max_blocks: int = 50_000  # text lines / HTML blocks (each costs ~1 ms through the HTML pipeline)
    max_elements: int = 200_000  # HTML elements in the parsed page
    max_depth: int = 1024  # HTML nesting kept as structure when the page is deeper than the parser holds
    time_budget_s: float | None = None  # per document: batch workers interrupt; Cleaner.clean checks between stages

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_blocks", "max_elements", "max_depth"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise CleanerError(f"limits.{name} must be a positive integer, got {value!r}")
        if self.max_depth > 2000:
            raise CleanerError(f"limits.max_depth must be at most 2000 (the HTML parser's ceiling), "
                               f"got {self.max_depth}")
        budget = self.time_budget_s
        if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int | float) or budget <= 0):
            raise CleanerError(f"limits.time_budget_s must be a positive number of seconds, got {budget!r}")


@dataclass(frozen=True)
class Config:
    """Everything a Cleaner is built from. Load from TOML with ``Config.from_toml``."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    rule_paths: tuple[str, ...] = ()
    builtin_rules: bool = True
    site_packs: bool = True
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    threshold: float = 0.5
    keep_headline: bool = True
    main_content: bool = True  # HTML: run the main-content stage
    # HTML: "density" (cleaner's prose-density stage, trafilatura on the pages it declines) or
    # "trafilatura" (trafilatura's fast mode on every page: slower, AEB's F1 a little higher)
    main_content_stage: str = "density"
    # HTML: text-mode rules also look at blocks the main-content stage already removed (finer labels
    # in the removal diff for them, the same clean text, more time). DOM rules always see every block.
    text_rules_outside_main: bool = False
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        from cleaner.extract import STAGES

        if self.main_content_stage not in STAGES:
            raise CleanerError(f"main_content_stage must be one of {', '.join(STAGES)}, "
                               f"got {self.main_content_stage!r}")

    def with_(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        """Read ``[tool.cleaner]`` from a pyproject.toml, or the top level of any other TOML file."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CleanerError(f"config {path}: {exc}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("cleaner", {})
        known = {f.name for f in fields(cls)} | {"rules"}
        unknown = set(data) - known
        if unknown:
            raise CleanerError(f"config {path}: unknown key(s) {', '.join(sorted(unknown))}")
        raw_limits = data.pop("limits", {})
        unknown_limits = set(raw_limits) - {f.name for f in fields(Limits)} if isinstance(raw_limits, dict) else set()
        if not isinstance(raw_limits, dict) or unknown_limits:
            raise CleanerError(f"config {path}: unknown key(s) in [limits]: {', '.join(sorted(unknown_limits))}"
                               if unknown_limits else f"config {path}: [limits] must be a table")
        try:
            limits = Limits(**raw_limits)
        except CleanerError as exc:
            raise CleanerError(f"config {path}: {exc}") from None
        if "rules" in data:
            data["rule_paths"] = data.pop("rules")
        for key in ("select", "ignore", "rule_paths"):
            if key in data:
                data[key] = tuple(data[key])
        return cls(limits=limits, **data)
