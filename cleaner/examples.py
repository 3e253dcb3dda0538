"""Rule examples as tests: every 'remove' example must be found by its rule, every 'keep' not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExampleCase:
    rule_id: str
    expect: str  # "remove" or "keep"
    text: str
    kind: str  # "text" or "html"


@dataclass(frozen=True)
class ExampleOutcome:
    case: ExampleCase
    found: bool

    @property
    def ok(self) -> bool:
        return self.found == (self.case.expect == "remove")

    def __str__(self) -> str:
        verb = "was not found" if self.case.expect == "remove" else "was wrongly found"
        return f"{self.case.rule_id}: {self.case.expect} example {verb}: {self.case.text[:100]!r}"


def _example_cleaner(packs: list[Path] | None):
    from cleaner.engine import Cleaner
    from cleaner.rulepack.loader import load_packs

    loaded = load_packs(list(packs or []), builtin=not packs)
    every = tuple(r.id for lp in loaded for r in lp.pack.rules)
    return Cleaner(rule_paths=tuple(map(str, packs or ())), builtin_rules=not packs, select=every)


def run_examples(packs: list[Path] | None = None) -> Iterator[ExampleOutcome]:
    """Run each rule alone on each of its examples (text rules as text, HTML-only rules as HTML; an
    example of a rule for both that is an HTML page runs as HTML).

    A rule whose detectors read what other rules removed (``DetectorKind.reads_removals``) cannot
    find anything alone: its examples run through the whole engine with every rule of the packs,
    and count as found when the rule removes some of the example.
    """
    from cleaner.detectors import KINDS
    from cleaner.parse.sniff import sniff_kind

    cleaner = _example_cleaner(packs)
    for compiled in cleaner.rules.all_rules():
        rule = compiled.rule
        in_context = any(KINDS[m["kind"]].reads_removals for m in rule.match)
        for expect, texts in (("remove", rule.examples.remove), ("keep", rule.examples.keep)):
            for text in texts:
                kind = "text" if "text" in rule.applies_to else "html"
                if kind == "text" and "html" in rule.applies_to and sniff_kind(text) == "html":
                    kind = "html"
                if in_context:
                    found = any(r.rule_id == rule.id for r in cleaner.clean(text, kind=kind).removals)
                else:
                    doc, _ = cleaner.document(text, kind=kind)
                    found = next(cleaner.findings(doc, rules=[compiled]), None) is not None
                yield ExampleOutcome(ExampleCase(rule.id, expect, text, kind), found)


def check_examples(packs: list[Path] | None = None) -> tuple[list[ExampleOutcome], int]:
    """Failures and the number of examples run."""
    outcomes = list(run_examples(packs))
    return [o for o in outcomes if not o.ok], len(outcomes)
