"""Configuration: which rules run, how they are overridden, and the limits on input."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError


@dataclass(frozen=True)
class Limits:
    """Input limits. Over ``max_bytes`` an input is refused (LimitExceeded), never truncated:
    a silently shortened document would break lossless accounting."""

    max_bytes: int = 64 * 1024 * 1024
    max_blocks: int = 200_000
    time_budget_s: float | None = None  # per document, enforced by batch workers


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
    limits: Limits = field(default_factory=Limits)

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
        limits = Limits(**data.pop("limits", {}))
        if "rules" in data:
            data["rule_paths"] = data.pop("rules")
        for key in ("select", "ignore", "rule_paths"):
            if key in data:
                data[key] = tuple(data[key])
        return cls(limits=limits, **data)
