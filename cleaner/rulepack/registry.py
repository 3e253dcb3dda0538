"""Select and compile rules: select/ignore by id or category prefix, overrides, site packs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from cleaner.detectors.base import KINDS, Detector
from cleaner.errors import RulePackError
from cleaner.rulepack.loader import LoadedPack, validate_matchers
from cleaner.rulepack.schema import Rule


@dataclass(frozen=True)
class Selection:
    """Which rules run. Selectors are ``ALL``, a category (``newsletter``), a rule id or an id
    prefix (``paywall.appeal``). As in ruff, the most specific matching selector wins; on a tie,
    ``ignore`` wins. Rules with ``enabled: false`` run only when selected explicitly."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _specificity(selector: str, rule: Rule) -> int:
        if selector == "ALL":
            return 0
        if selector == rule.category:
            return 1
        if rule.id == selector:
            return 1000
        if rule.id.startswith(selector + "."):
            return 2 + selector.count(".")
        return -1

    def chooses(self, rule: Rule) -> bool:
        best_select = max((self._specificity(s, rule) for s in self.select), default=-1)
        best_ignore = max((self._specificity(s, rule) for s in self.ignore), default=-1)
        if best_select < 0 or best_select <= best_ignore:
            return False
        return rule.enabled or best_select > 0


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its detectors built once."""

    rule: Rule
    pack: str
    detectors: tuple[Detector, ...]
    contextual: tuple[bool, ...]  # per detector: judged by neighbours, re-run on kept blocks

    @property
    def id(self) -> str:
        return self.rule.id


def _apply_override(rule: Rule, override: Mapping[str, Any]) -> Rule:
    allowed = {"action", "confidence", "enabled", "match"}
    unknown = set(override) - allowed
    if unknown:
        raise RulePackError(f"cannot override {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}",
                            rule_id=rule.id, field="overrides")
    data = rule.model_dump()
    for key in ("action", "confidence", "enabled"):
        if key in override:
            data[key] = override[key]
    if "match" in override:
        patches = override["match"]
        if not isinstance(patches, list) or len(patches) > len(data["match"]):
            raise RulePackError("match override must be a list no longer than the rule's matchers",
                                rule_id=rule.id, field="overrides.match")
        padded = [*patches, *[{}] * (len(data["match"]) - len(patches))]
        data["match"] = [{**m, **(p or {})} for m, p in zip(data["match"], padded, strict=True)]
    try:
        return Rule.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise RulePackError(err["msg"], rule_id=rule.id,
                            field="overrides." + ".".join(str(p) for p in err["loc"])) from None



def host_of(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.lower().removeprefix("www.")


@dataclass
class RuleSet:
    """Compiled generic rules plus site packs keyed by domain."""

    generic: list[CompiledRule] = field(default_factory=list)
    sites: dict[str, list[CompiledRule]] = field(default_factory=dict)

    @classmethod
    def build(cls, packs: Iterable[LoadedPack], selection: Selection = Selection(), *,
              overrides: Mapping[str, Mapping[str, Any]] | None = None, site_packs: bool = True) -> RuleSet:
        overrides = dict(overrides or {})
        known = {r.id for lp in packs for r in lp.pack.rules}
        missing = set(overrides) - known
        if missing:
            raise RulePackError(f"override for unknown rule(s): {', '.join(sorted(missing))}", field="overrides")
        out = cls()
        for loaded in packs:
            pack = loaded.pack
            if pack.is_site_pack and not site_packs:
                continue
            for rule in pack.rules:
                if rule.id in overrides:
                    rule = _apply_override(rule, overrides[rule.id])
                if not selection.chooses(rule):
                    continue
                params = loaded.matchers[rule.id] if rule.id not in overrides else validate_matchers(rule, loaded.path)
                compiled = CompiledRule(rule, pack.name, tuple(KINDS[p.kind].build(p) for p in params),
                                        tuple(KINDS[p.kind].contextual or p.counts_other_blocks() for p in params))
                if pack.is_site_pack:
                    for domain in pack.domains:
                        out.sites.setdefault(domain.lower().removeprefix("www."), []).append(compiled)
                else:
                    out.generic.append(compiled)
        return out

    def rules_for(self, kind: str, url: str | None = None) -> list[CompiledRule]:
        """Rules that apply to a document of ``kind`` from ``url`` (site packs by domain suffix)."""
        rules = [r for r in self.generic if kind in r.rule.applies_to]
        host = host_of(url)
        while host:
            rules.extend(r for r in self.sites.get(host, ()) if kind in r.rule.applies_to)
            host = host.partition(".")[2] if "." in host else ""
        return rules

    def all_rules(self) -> list[CompiledRule]:
        return self.generic + [r for rs in self.sites.values() for r in rs]

    def find(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.all_rules() if r.id == rule_id), None)


