"""A datatrove pipeline step that cleans ``Document.text`` (HTML or text).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor([JsonlReader("in/"), CleanerStep(ignore=("social",)), JsonlWriter("out/")],
                          tasks=8, workers=4).run()

The step pickles small (config only); the Cleaner is built lazily, once per worker process, on the first
document. The removal summary goes to ``metadata["cleaner"]`` (with every removal span when
``removals="inline"``). Install with ``pip install 'cleaner[datatrove]'``.
"""

from __future__ import annotations

import pickle
from typing import Any, Literal

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'") from exc

from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.io.sinks import summary

_CLEANERS: dict[bytes, Any] = {}  # one Cleaner per configuration per process


def _cleaner_for(config: Config) -> Any:
    key = pickle.dumps(config)
    cleaner = _CLEANERS.get(key)
    if cleaner is None:
        from cleaner.engine import Cleaner

        cleaner = _CLEANERS[key] = Cleaner(config)
    return cleaner


class CleanerStep(PipelineStep):
    """Clean each document's text; record what was removed in ``metadata[metadata_key]``.

    Args:
        config: a cleaner Config (default rules); keyword ``changes`` (select, ignore, rule_paths,
            site_packs, …) are applied on top.
        kind: "auto" (sniff HTML vs text), "text" or "html".
        url_key: metadata key holding the page URL (selects site packs).
        removals: "summary" (counts per category and rule) or "inline" (plus every removed span).
        on_error: "keep" the document unchanged with ``metadata[key]["error"]``, or "drop" it.
        drop_empty: drop documents whose clean text is empty.
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None, *, kind: Literal["auto", "text", "html"] = "auto",
                 url_key: str = "url", removals: Literal["summary", "inline"] = "summary",
                 metadata_key: str = "cleaner", on_error: Literal["keep", "drop"] = "keep",
                 drop_empty: bool = False, **changes: Any) -> None:
        super().__init__()
        self.config = (config or Config()).with_(**changes)
        self.kind, self.url_key, self.removals = kind, url_key, removals
        self.metadata_key, self.on_error, self.drop_empty = metadata_key, on_error, drop_empty

    @property
    def cleaner(self) -> Any:
        return _cleaner_for(self.config)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from cleaner.pool import time_limit

        if not data:
            return
        cleaner = self.cleaner
        budget = self.config.limits.time_budget_s
        for doc in data:
            self.stat_update("documents")
            url = doc.metadata.get(self.url_key)
            try:
                with self.track_time(), time_limit(budget):
                    result = cleaner.clean(doc.text, url=url if isinstance(url, str) else None, kind=self.kind)
            except CleanerError as exc:
                self.stat_update("failed")
                if self.on_error == "drop":
                    continue
                doc.metadata[self.metadata_key] = {"error": str(exc)}
                yield doc
                continue
            info = summary(result)
            if self.removals == "inline":
                info["removals"] = [r.to_dict() for r in result.removals]
            doc.metadata[self.metadata_key] = info
            doc.text = result.text
            self.stat_update("chars_removed", value=info["chars_removed"])
            if self.drop_empty and not result.text.strip():
                self.stat_update("dropped_empty")
                continue
            self.update_doc_stats(doc)
            yield doc


__all__ = ["CleanerStep"]
