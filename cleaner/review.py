"""Snapshot review: clean a corpus, compare with stored goldens, explain what changed.

A golden is one JSON file per document (sorted keys, indented, kept text one line per list item),
so a pull request shows a readable diff. It records *what* each rule removes: kept text, and each
removal's offsets, text, rule id and category. Evidence and confidence are left out on purpose:
they are explanations, and rewording them should not churn every golden.

A change is told per span of the source: which rule now removes which text, which text is now
kept ("restored"), and which text another rule now takes. When the input document itself changed,
spans cannot be lined up, and the change is told as removals gained and lost, by rule and text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cleaner.errors import CleanerError
from cleaner.model import CleanResult, reconstruct

if TYPE_CHECKING:
    from cleaner.engine import Cleaner

GOLDEN_FORMAT = 1
CORPUS_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
Status = Literal["same", "changed", "new", "missing", "error"]
Label = tuple[str, str]  # (rule_id, category)


class ReviewError(CleanerError):
    """The corpus or the golden folder cannot be read."""


# -- corpus -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One document of a review corpus."""

    id: str
    content: str | bytes
    kind: Literal["auto", "text", "html"] = "auto"
    url: str | None = None


def load_corpus(path: Path) -> Iterator[CorpusDoc]:
    """Documents of a folder (``.txt``/``.html`` files, recursively), a JSONL file (fields
    ``text`` or ``html``, ``id``, ``url``) or a single file. Ids are unique and stable."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES)
        for p in files:
            yield CorpusDoc(p.relative_to(path).as_posix(), _read_bytes(p), CORPUS_SUFFIXES[p.suffix.lower()])
    elif path.suffix.lower() in {".jsonl", ".ndjson"}:
        yield from _load_jsonl(path)
    elif path.is_file():
        yield CorpusDoc(path.name, _read_bytes(path), CORPUS_SUFFIXES.get(path.suffix.lower(), "auto"))
    else:
        raise ReviewError(f"{path}: no such corpus (a folder, a .jsonl file or a document)")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReviewError(f"{path}: {exc.strerror or exc}") from None


def _load_jsonl(path: Path) -> Iterator[CorpusDoc]:
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("html", obj.get("text")), str):
            raise ReviewError(f"{path}:{n}: a record needs a string field 'text' or 'html'")
        doc_id = str(obj.get("id") or f"line-{n}")
        if doc_id in seen:
            raise ReviewError(f"{path}:{n}: duplicate id {doc_id!r}")
        seen.add(doc_id)
        kind: Literal["text", "html"] = "html" if isinstance(obj.get("html"), str) else "text"
        yield CorpusDoc(doc_id, obj[kind], kind, obj.get("url") or None)


# -- goldens ------------------------------------------------------------------------------------

def golden_of(doc_id: str, result: CleanResult) -> dict[str, Any]:
    """The golden record of one cleaned document."""
    def span(x: Any) -> dict[str, Any]:
        return {"start": x.start, "end": x.end, "text": x.text, "rule_id": x.rule_id, "category": x.category}

    return {
        "cleaner_golden": GOLDEN_FORMAT,
        "id": doc_id,
        "kind": result.kind,
        "url": result.url,
        "kept": result.text.split("\n"),
        "removals": [span(r) for r in result.removals],
        "flags": [span(f) for f in result.flags],
    }


def dump_golden(golden: dict[str, Any]) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 kept readable, newline at the end."""
    return json.dumps(golden, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def golden_filename(doc_id: str) -> str:
    """A file name for a document id; ids that are not plain names get a short hash suffix."""
    slug = re.sub(r"[^\w.-]+", "_", doc_id).strip("._") or "doc"
    if slug != doc_id or len(slug) > 150:
        slug = f"{slug[:150]}-{hashlib.sha1(doc_id.encode()).hexdigest()[:8]}"
    return slug + ".json"


def read_goldens(folder: Path) -> tuple[dict[str, tuple[Path, dict[str, Any]]], list[str]]:
    """Goldens by document id, and one error line per unreadable golden file."""
    goldens: dict[str, tuple[Path, dict[str, Any]]] = {}
    errors: list[str] = []
    if not folder.exists():
        return goldens, errors
    if not folder.is_dir():
        raise ReviewError(f"{folder}: the golden folder is a file")
    for p in sorted(folder.glob("*.json")):
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("cleaner_golden") != GOLDEN_FORMAT:
                raise ValueError(f"not a cleaner golden (format {GOLDEN_FORMAT})")
            goldens[str(data["id"])] = (p, data)
        except (OSError, ValueError, KeyError) as exc:
            errors.append(f"{p}: {exc}")
    return goldens, errors


# -- comparison ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Change:
    """A span whose fate differs from the golden: ``before``/``after`` are (rule, category),
    or None where the text was/is kept."""

    start: int
    end: int
    text: str
    before: Label | None
    after: Label | None

    @property
    def kind(self) -> Literal["removed", "restored", "reassigned"]:
        if self.before is None:
            return "removed"
        return "restored" if self.after is None else "reassigned"

    @property
    def rule(self) -> str:
        """The rule a reviewer should look at: the new one, or the one that let go."""
        label = self.after or self.before
        return label[0] if label else ""

    @property
    def whitespace_only(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class FlagChange:
    """A flag-only rule now flags (``added``) or no longer flags a span."""

    rule_id: str
    category: str
    text: str
    added: bool


@dataclass(slots=True)
class DocReport:
    """How one document compares with its golden."""

    id: str
    status: Status
    changes: list[Change] = field(default_factory=list)
    flag_changes: list[FlagChange] = field(default_factory=list)
    source_changed: bool = False
    result: CleanResult | None = None
    golden: dict[str, Any] | None = None
    error: str | None = None

    @property
    def removed_chars(self) -> int:
        return sum(c.end - c.start for c in self.changes if c.kind == "removed")

    @property
    def restored_chars(self) -> int:
        return sum(c.end - c.start for c in self.changes if c.kind == "restored")

    @property
    def rules(self) -> list[str]:
        """Rules involved in the changes, most characters first."""
        weight: Counter[str] = Counter()
        for c in self.changes:
            weight[c.rule] += c.end - c.start
        for f in self.flag_changes:
            weight[f.rule_id] += len(f.text)
        return [rule for rule, _ in weight.most_common()]


def _spans(items: Iterable[Any]) -> list[tuple[int, int, Label]]:
    def get(x: Any, key: str) -> Any:
        return x[key] if isinstance(x, dict) else getattr(x, key)

    return sorted((get(x, "start"), get(x, "end"), (get(x, "rule_id"), get(x, "category"))) for x in items)


def span_changes(source: str, before: Sequence[Any], after: Sequence[Any]) -> list[Change]:
    """Spans of ``source`` removed differently by two sets of non-overlapping removals."""
    old, new = _spans(before), _spans(after)
    cuts = sorted({0, len(source), *(s for s, _, _ in old + new), *(e for _, e, _ in old + new)})
    out: list[Change] = []
    i = j = 0
    for a, b in pairwise(cuts):
        while i < len(old) and old[i][1] <= a:
            i += 1
        while j < len(new) and new[j][1] <= a:
            j += 1
        lo = old[i][2] if i < len(old) and old[i][0] <= a else None
        ln = new[j][2] if j < len(new) and new[j][0] <= a else None
        if lo == ln:
            continue
        if out and out[-1].end == a and (out[-1].before, out[-1].after) == (lo, ln):
            prev = out.pop()
            out.append(Change(prev.start, b, source[prev.start:b], lo, ln))
        else:
            out.append(Change(a, b, source[a:b], lo, ln))
    return out


def _multiset_changes(before: Sequence[dict[str, Any]], result: CleanResult) -> list[Change]:
    """When the input changed: removals gained and lost, matched by rule and text."""
    old = Counter((r["rule_id"], r["category"], r["text"]) for r in before)
    new = Counter((r.rule_id, r.category, r.text) for r in result.removals)
    out = [Change(r.start, r.end, r.text, None, (r.rule_id, r.category))
           for r in result.removals if _take(new, old, (r.rule_id, r.category, r.text))]
    out += [Change(r["start"], r["end"], r["text"], (r["rule_id"], r["category"]), None)
            for r in before if _take(old, new, (r["rule_id"], r["category"], r["text"]))]
    return out


def _take(mine: Counter, other: Counter, key: tuple[str, str, str]) -> bool:
    """True for the occurrences of ``key`` in ``mine`` beyond those in ``other``."""
    if mine[key] > other[key]:
        mine[key] -= 1
        return True
    return False


def compare(doc_id: str, result: CleanResult, golden: dict[str, Any]) -> DocReport:
    """Compare one fresh result with its golden."""
    kept_old = "\n".join(golden.get("kept", []))
    old_removals = golden.get("removals", [])
    try:
        old_source = reconstruct(kept_old, old_removals)
    except (KeyError, TypeError) as exc:
        return DocReport(doc_id, "error", result=result, golden=golden, error=f"malformed golden: {exc}")
    source_changed = old_source != result.source_text
    if source_changed:
        changes = _multiset_changes(old_removals, result)
    else:
        changes = span_changes(result.source_text, old_removals, result.removals)
    old_flags = Counter((f["rule_id"], f["category"], f["text"]) for f in golden.get("flags", []))
    new_flags = Counter((f.rule_id, f.category, f.text) for f in result.flags)
    flag_changes = [FlagChange(*k, added=True) for k in (new_flags - old_flags).elements()]
    flag_changes += [FlagChange(*k, added=False) for k in (old_flags - new_flags).elements()]
    same = not changes and not flag_changes and not source_changed and kept_old == result.text
    return DocReport(doc_id, "same" if same else "changed", changes, flag_changes, source_changed,
                     result=result, golden=golden)


# -- the whole check ----------------------------------------------------------------------------

@dataclass(slots=True)
class CheckReport:
    """Every document's comparison, plus files written by ``update``."""

    docs: list[DocReport]
    errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    updated: bool = False

    def count(self, status: Status) -> int:
        return sum(d.status == status for d in self.docs)

    @property
    def differing(self) -> list[DocReport]:
        """Documents a reviewer must look at: changed, new, missing."""
        return [d for d in self.docs if d.status in ("changed", "new", "missing")]

    @property
    def exit_code(self) -> int:
        """0 identical (or accepted with --update), 1 some document differs, 2 errors."""
        if self.errors or self.count("error"):
            return 2
        return 0 if self.updated or not self.differing else 1


def run_check(corpus: Path, golden_dir: Path, cleaner: Cleaner, *, update: bool = False) -> CheckReport:
    """Clean every document of ``corpus`` and compare with the goldens in ``golden_dir``.

    With ``update``, write the goldens of changed and new documents and delete those of missing
    ones (only when no document failed)."""
    from cleaner.io.atomic import atomic_write_text

    goldens, errors = read_goldens(golden_dir)
    docs: list[DocReport] = []
    seen: set[str] = set()
    for doc in load_corpus(corpus):
        seen.add(doc.id)
        try:
            result = cleaner.clean(doc.content, url=doc.url, kind=doc.kind)
        except CleanerError as exc:
            docs.append(DocReport(doc.id, "error", error=str(exc)))
            continue
        if doc.id in goldens:
            docs.append(compare(doc.id, result, goldens[doc.id][1]))
        else:
            docs.append(DocReport(doc.id, "new", result=result))
    docs += [DocReport(doc_id, "missing", golden=data) for doc_id, (_, data) in sorted(goldens.items())
             if doc_id not in seen]
    report = CheckReport(docs, errors)
    if update and report.exit_code != 2:
        for d in docs:
            if d.status in ("changed", "new") and d.result is not None:
                path = goldens[d.id][0] if d.id in goldens else golden_dir / golden_filename(d.id)
                atomic_write_text(path, dump_golden(golden_of(d.id, d.result)))
                report.written.append(path)
            elif d.status == "missing":
                goldens[d.id][0].unlink()
                report.deleted.append(goldens[d.id][0])
        report.updated = True
    return report


# -- the reviewer's diff as plain text ------------------------------------------------------------

def show(text: str, limit: int = 160) -> str:
    """A span's text on one line, quoted and shortened: newlines shown as ⏎."""
    flat = text.strip().replace("\r", "").replace("\n", " ⏎ ")
    flat = re.sub(r"[ \t]+", " ", flat)
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{flat}”"


def describe(change: Change) -> str:
    """One line: which rule now removes or restores which text."""
    if change.kind == "removed":
        rule, cat = change.after  # type: ignore[misc]
        return f"+ {rule} [{cat}] now removes {show(change.text)}"
    if change.kind == "restored":
        rule, cat = change.before  # type: ignore[misc]
        return f"- {rule} [{cat}] no longer removes {show(change.text)} (now kept)"
    (r0, c0), (r1, c1) = change.before, change.after  # type: ignore[misc]
    return f"~ {r1} [{c1}] now removes {show(change.text)}, before {r0} [{c0}]"


def describe_flag(change: FlagChange) -> str:
    verb = "now flags" if change.added else "no longer flags"
    return f"{'+' if change.added else '-'} {change.rule_id} [{change.category}] {verb} {show(change.text)} (flag only)"


def doc_lines(d: DocReport, max_changes: int = 50) -> list[str]:
    """The reviewer's diff of one document, as indented lines (empty when it is unchanged)."""
    if d.status == "error":
        return [f"error    {d.id}: {d.error}"]
    if d.status == "missing":
        n = len((d.golden or {}).get("removals", []))
        return [f"missing  {d.id}: has a golden ({n} removals) but is not in the corpus"]
    if d.status == "new":
        assert d.result is not None
        cats = ", ".join(f"{c} {n}" for c, n in sorted(Counter(r.category for r in d.result.removals).items()))
        return [f"new      {d.id}: no golden yet; {len(d.result.removals)} removals ({cats or 'none'})"]
    if d.status == "same":
        return []
    head = f"changed  {d.id}"
    if d.source_changed:
        head += " (the input document changed: removals matched by rule and text)"
    lines = [head]
    visible = [c for c in d.changes if not c.whitespace_only]
    lines += ["    " + describe(c) for c in visible[:max_changes]]
    if len(visible) > max_changes:
        lines.append(f"    … and {len(visible) - max_changes} more changes")
    if blank := len(d.changes) - len(visible):
        lines.append(f"    ({blank} whitespace-only change{'s' * (blank != 1)})")
    lines += ["    " + describe_flag(f) for f in d.flag_changes[:max_changes]]
    return lines


def summary_line(report: CheckReport) -> str:
    n = len(report.docs)
    parts = [f"{report.count(s)} {s}" for s in ("changed", "new", "missing", "error") if report.count(s)]
    parts.append(f"{report.count('same')} unchanged")
    return f"{n} document{'s' * (n != 1)}: " + ", ".join(parts)


def render_report_text(report: CheckReport) -> str:
    """What ``cleaner check`` prints: each differing document's changes, then a summary."""
    lines: list[str] = []
    for d in report.docs:
        lines += doc_lines(d)
    lines.append(summary_line(report) + (f", {len(report.errors)} unreadable golden(s)" if report.errors else ""))
    if report.updated:
        lines.append(f"updated goldens: {len(report.written)} written, {len(report.deleted)} deleted")
    elif report.exit_code == 1:
        lines.append("review the changes above; accept them with --update")
    return "\n".join(lines) + "\n"
