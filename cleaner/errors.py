"""Typed errors. Every error names what was wrong in one line."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class InputError(CleanerError):
    """The input cannot be read or decoded."""


class LimitExceeded(InputError):
    """The input is over a configured limit (size, depth, time)."""


class RulePackError(CleanerError):
    """A rule pack is invalid. The message names the file, the rule and the field."""

    def __init__(self, message: str, *, path: str | None = None, rule_id: str | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(
            part for part in (
                f"file {path}" if path else "",
                f"rule {rule_id}" if rule_id else "",
                f"field {field}" if field else "",
            ) if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.path, self.rule_id, self.field = path, rule_id, field
