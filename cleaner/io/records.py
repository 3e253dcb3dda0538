"""The unit of batch work: a document record, and a JSON line not yet parsed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from cleaner.errors import InputError


@dataclass(slots=True)
class Record:
    """One document flowing through a batch: id, content, URL and pass-through metadata."""

    id: str
    content: str | bytes
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    kind: str = "auto"  # auto | text | html
    charset: str | None = None  # declared charset of bytes content (HTTP header)
    encodings: tuple[str, ...] = ()  # HTTP transfer/content encodings still to undo (WARC bodies)
    where: str = ""  # source position for error records: "file.jsonl:12", "crawl.warc.gz@4096"


@dataclass(slots=True)
class RawLine:
    """A JSON Lines line, parsed in a worker so the parent process stays light."""

    source: str
    lineno: int  # 1-based
    data: bytes

    @property
    def where(self) -> str:
        return f"{self.source}:{self.lineno}"


@dataclass(frozen=True, slots=True)
class JsonlKeys:
    """Which JSON keys hold the text, the HTML, the id and the URL; every other key is metadata."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"

    def parse(self, line: RawLine) -> Record:
        """A Record from one JSON line. Raises InputError naming what is wrong."""
        try:
            obj = json.loads(line.data)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-8 at byte {exc.start} of the line") from None
        except ValueError as exc:
            raise InputError(f"invalid JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise InputError(f"expected a JSON object, got {type(obj).__name__}")
        doc_id = obj.pop(self.id, None)
        doc_id = line.where if doc_id is None else str(doc_id)
        url = obj.pop(self.url, None)
        html, text = obj.pop(self.html, None), obj.pop(self.text, None)
        if isinstance(html, str) and html:
            content, kind = html, "html"
        elif isinstance(text, str):
            content, kind = text, "text"
        else:
            raise InputError(f"no string under {self.text!r} or {self.html!r}")
        meta = obj.pop("metadata", None)
        metadata = dict(meta) if isinstance(meta, dict) else ({} if meta is None else {"metadata": meta})
        metadata.update(obj)
        return Record(doc_id, content, url if isinstance(url, str) else None, metadata, kind, where=line.where)

    def recover_id(self, line: RawLine) -> str:
        """Best-effort id of a line that failed to parse (for the error record)."""
        try:
            obj = json.loads(line.data.decode("utf-8", "replace"))
            if isinstance(obj, dict) and obj.get(self.id) is not None:
                return str(obj[self.id])
        except ValueError:  # truncated or malformed: look for  "id": "…"  or  "id": 123
            found = re.search(rb'"' + re.escape(self.id.encode()) + rb'"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)', line.data)
            if found:
                try:
                    return str(json.loads(found.group(1).decode("utf-8", "replace")))
                except ValueError:
                    pass
        return line.where
