"""Rule packs: YAML data validated by a schema, loaded, selected and compiled."""

from cleaner.rulepack.loader import builtin_rules_dir, load_pack, load_packs
from cleaner.rulepack.registry import RuleSet, Selection
from cleaner.rulepack.schema import Examples, Pack, Rule

__all__ = [
    "Examples",
    "Pack",
    "Rule",
    "RuleSet",
    "Selection",
    "builtin_rules_dir",
    "load_pack",
    "load_packs",
]
