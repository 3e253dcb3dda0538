"""Load rule packs from YAML with a safe loader, and report errors by file, rule and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cleaner.detectors.base import KINDS, Params
from cleaner.errors import RulePackError
from cleaner.rulepack.schema import Pack, Rule

_PACKAGE = Path(__file__).resolve().parent.parent
MAX_YAML_DEPTH = 100  # rule packs nest a few levels; deeper input would recurse (and scan) without end


class _SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no Python tags, no code) with a nesting limit (PyYAML composes nodes
    recursively, so a file of ``[[[[…`` would end in RecursionError after a quadratic scan) and
    no duplicate keys."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nesting deeper than {MAX_YAML_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        """A key given twice in one mapping is an error, not a silent overwrite (a second ``fr:``
        list would replace the first without a word)."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def builtin_rules_dir() -> Path:
    """The shipped packs: ``cleaner/_rules`` in a wheel, ``rules/`` in a source checkout."""
    wheel = _PACKAGE / "_rules"
    return wheel if wheel.is_dir() else _PACKAGE.parent / "rules"


@dataclass(frozen=True)
class LoadedPack:
    pack: Pack
    path: Path
    matchers: dict[str, tuple[Params, ...]]  # rule id → validated matcher params


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"cannot read: {exc}", path=str(path)) from None
    try:
        return yaml.load(text, Loader=_SafeLoader)  # a SafeLoader subclass: no Python tags
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise RulePackError(f"invalid YAML{where}: {getattr(exc, 'problem', exc)}", path=str(path)) from None


def _pydantic_error(exc: ValidationError, data: Any, path: Path) -> RulePackError:
    first = exc.errors()[0]
    loc = list(first["loc"])
    rule_id = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            rule_id = data["rules"][loc[1]].get("id") or f"#{loc[1]}"
        except (KeyError, IndexError, TypeError, AttributeError):
            rule_id = f"#{loc[1]}"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc) or None
    return RulePackError(first["msg"], path=str(path), rule_id=rule_id, field=field)


def validate_matchers(rule: Rule, path: Path | str) -> tuple[Params, ...]:
    """Validate each matcher against its detector kind's parameter model."""
    out = []
    for i, raw in enumerate(rule.match):
        kind = KINDS.get(raw["kind"])
        if kind is None:
            raise RulePackError(f"unknown matcher kind {raw['kind']!r}; known: {', '.join(sorted(KINDS))}",
                                path=str(path), rule_id=rule.id, field=f"match.{i}.kind")
        try:
            out.append(kind.params.model_validate(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            sub = ".".join(str(p) for p in err["loc"])
            raise RulePackError(err["msg"], path=str(path), rule_id=rule.id,
                                field=f"match.{i}.{sub}" if sub else f"match.{i}") from None
    return tuple(out)


def load_pack(path: str | Path) -> LoadedPack:
    """Read, validate and check one pack file."""
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RulePackError("a pack must be a mapping with 'name' and 'rules'", path=str(path))
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise _pydantic_error(exc, data, path) from None
    seen: set[str] = set()
    matchers: dict[str, tuple[Params, ...]] = {}
    for rule in pack.rules:
        if rule.id in seen:
            raise RulePackError("duplicate rule id", path=str(path), rule_id=rule.id, field="id")
        seen.add(rule.id)
        matchers[rule.id] = validate_matchers(rule, path)
    return LoadedPack(pack, path, matchers)


def pack_files(root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` pack under ``root`` (or ``root`` itself), in a stable order."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise RulePackError("no such file or folder", path=str(root))
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_packs(paths: list[str | Path] | None = None, *, builtin: bool = True) -> list[LoadedPack]:
    """The built-in packs (unless ``builtin=False``) plus packs at ``paths``; ids must be unique."""
    files: list[Path] = pack_files(builtin_rules_dir()) if builtin else []
    for p in paths or []:
        files.extend(pack_files(Path(p)))
    packs = [load_pack(f) for f in files]
    owner: dict[str, Path] = {}
    for loaded in packs:
        for rule in loaded.pack.rules:
            if rule.id in owner:
                raise RulePackError(f"duplicate rule id, also defined in {owner[rule.id]}",
                                    path=str(loaded.path), rule_id=rule.id, field="id")
            owner[rule.id] = loaded.path
    return packs
