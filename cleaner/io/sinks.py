"""Batch outputs: JSON Lines records (removals inline, as a dolma-style side-car, or none), text files in a
folder (paths that cannot escape it), and error records."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cleaner.io.records import Record
from cleaner.model import CleanResult

Removals = Literal["inline", "sidecar", "none"]
JSONL_OUT_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.zst", ".ndjson.gz", ".ndjson.zst")


def summary(result: CleanResult) -> dict[str, Any]:
    """The removal summary stored in a record's metadata under ``cleaner``."""
    rules: dict[str, int] = {}
    for r in result.removals:
        rules[r.rule_id] = rules.get(r.rule_id, 0) + 1
    return {
        "kind": result.kind,
        "chars_in": len(result.source_text),
        "chars_removed": sum(r.end - r.start for r in result.removals),
        "removed": result.removed_by_category(),
        "rules": rules,
    }


def dumps_line(obj: Any) -> bytes:
    """One JSON line, UTF-8. Lone surrogates (from broken input) raise UnicodeEncodeError."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class OutputSpec:
    """How a worker renders a cleaned record: keys of the output object and where removals go."""

    text_key: str = "text"
    id_key: str = "id"
    url_key: str = "url"
    removals: Removals = "inline"
    mode: Literal["jsonl", "text"] = "jsonl"

    def render(self, record: Record, result: CleanResult) -> tuple[bytes, bytes | None]:
        """The output line (or text file content) and the side-car line, if any."""
        if self.mode == "text":
            return result.text.encode("utf-8"), self._sidecar(record, result)
        meta = dict(record.metadata)
        info = summary(result)
        if self.removals == "inline":
            info["removals"] = [r.to_dict() for r in result.removals]
        meta["cleaner"] = info
        obj: dict[str, Any] = {self.id_key: record.id, self.text_key: result.text}
        if record.url is not None:
            obj[self.url_key] = record.url
        obj["metadata"] = meta
        return dumps_line(obj), self._sidecar(record, result)

    def _sidecar(self, record: Record, result: CleanResult) -> bytes | None:
        if self.removals != "sidecar":
            return None
        return dumps_line(sidecar_record(record.id, result))


def sidecar_record(doc_id: str, result: CleanResult) -> dict[str, Any]:
    """A dolma-style attributes record: ``cleaner__<category>`` → [[start, end, confidence], ...].

    Offsets are character offsets into the source text (the input text itself for text input,
    the page's visible text for HTML); ``removals`` adds each span's rule and evidence.
    """
    attributes: dict[str, list[list[float]]] = {}
    for r in result.removals:
        attributes.setdefault(f"cleaner__{r.category}", []).append([r.start, r.end, r.confidence])
    return {
        "id": doc_id,
        "source": "cleaner",
        "attributes": attributes,
        "removals": [{"start": r.start, "end": r.end, "rule_id": r.rule_id, "category": r.category,
                      "evidence": r.evidence} for r in result.removals],
    }


def error_line(doc_id: str, reason: str, *, index: int, where: str = "") -> bytes:
    return dumps_line({"id": doc_id, "reason": reason, "index": index, "where": where})


def is_jsonl_output(path: str) -> bool:
    return path == "-" or path.lower().endswith(JSONL_OUT_SUFFIXES)


def output_base(path: str) -> str:
    """``out.jsonl.gz`` → ``out``: the stem side files (errors, removals) are named after."""
    low = path.lower()
    for suffix in sorted(JSONL_OUT_SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return path[: -len(suffix)]
    return path.rstrip("/\\") or path


_UNSAFE = re.compile(r"[^\w.\-=+@,]+")


def safe_relpath(doc_id: str, suffix: str = ".txt") -> str:
    """A relative path for a document id that stays inside the output folder.

    Separators become folders; empty, ``.`` and ``..`` parts are dropped, drive letters and leading
    slashes go, odd characters become ``_`` and over-long parts are shortened with a hash.
    """
    parts = []
    for part in re.split(r"[\\/]+", doc_id):
        part = _UNSAFE.sub("_", part).strip(" .")
        if not part or part in (".", ".."):
            continue
        if len(part.encode("utf-8")) > 150:
            digest = hashlib.sha1(part.encode("utf-8")).hexdigest()[:12]
            part = part[:100] + "~" + digest
        parts.append(part)
    if not parts:
        parts = ["_" + hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]]
    return "/".join(parts) + suffix


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing anything that would resolve outside ``root``."""
    root = root.resolve()
    target = (root / rel).resolve()
    if os.path.commonpath([root, target]) != str(root):
        raise ValueError(f"output path {rel!r} escapes {root}")
    return target


class FolderNames:
    """Deterministic, collision-free file names for ids: a repeated name gets ``~<index>``."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def name(self, doc_id: str, index: int, suffix: str = ".txt") -> str:
        rel = safe_relpath(doc_id, suffix)
        if rel.lower() in self.used:
            rel = safe_relpath(doc_id, f"~{index}{suffix}")
        self.used.add(rel.lower())
        return rel
