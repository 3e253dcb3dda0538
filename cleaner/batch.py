"""Batch cleaning: inputs → ordered parallel workers → checkpointed outputs, errors file and a summary.

``run_batch`` is what ``cleaner batch`` runs; ``clean_many`` is the library's streaming map
(``Cleaner.clean_many`` delegates here). The machinery lives in ``cleaner.pool`` (workers, time
limits, crash recovery) and ``cleaner.io`` (sources, sinks, checkpoints).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from cleaner.config import Config
from cleaner.errors import CleanerError, InputError
from cleaner.io.atomic import atomic_open
from cleaner.io.checkpoint import Checkpointer, work_dir_for
from cleaner.io.records import JsonlKeys, RawLine, Record
from cleaner.io.sinks import FolderNames, OutputSpec, Removals, error_line, inside, is_jsonl_output, output_base
from cleaner.io.sources import Format, Inputs, expand
from cleaner.pool import RECYCLE_AFTER, Item, Job, ordered_map

__all__ = ["BatchOptions", "BatchSummary", "DocumentFailed", "clean_many", "run_batch"]


class DocumentFailed(CleanerError):
    """A document of ``clean_many`` could not be cleaned; ``index``, ``id`` and ``reason`` say which and why."""

    def __init__(self, index: int, doc_id: str, reason: str) -> None:
        super().__init__(f"document {index} ({doc_id}): {reason}")
        self.index, self.id, self.reason = index, doc_id, reason


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# -- library ----------------------------------------------------------------------------------
def clean_many(cleaner: Any, items: Iterable[str | bytes | Record], *, jobs: int | None = None,
               kind: str = "auto", errors: Literal["raise", "return"] = "raise", chunk_size: int = 8,
               recycle_after: int = RECYCLE_AFTER) -> Iterator[Any]:
    """Clean documents in parallel, yielding CleanResults in input order, streaming.

    ``items`` are str/bytes (kind ``kind``) or Records (id, content, url). ``jobs`` worker processes
    (default: all cores; ``1`` runs in this process with ``cleaner`` itself). A failing document raises
    DocumentFailed at its position (``errors="raise"``) or is yielded as a DocumentFailed instance
    (``errors="return"``). The per-document time limit is ``config.limits.time_budget_s``. Worker
    processes are replaced after ``recycle_after`` documents each (0: never), which keeps memory flat.
    """
    jobs = default_jobs() if jobs is None else jobs

    def pairs() -> Iterator[tuple[int, Item]]:
        for i, item in enumerate(items):
            yield i, item if isinstance(item, Record) else Record(str(i), item, kind=kind)

    factory = None if type(cleaner).__module__ == "cleaner.engine" else type(cleaner)
    job = Job(cleaner.config, kind=None, factory=factory)
    for out in ordered_map(pairs(), job, jobs=jobs, isolate=jobs > 1, chunk_size=chunk_size,
                           recycle_after=recycle_after, cleaner=cleaner):
        if out.ok:
            yield out.result
        elif errors == "return":
            yield DocumentFailed(out.index, out.id, out.error or "")
        else:
            raise DocumentFailed(out.index, out.id, out.error or "")


# -- command-line batches -----------------------------------------------------------------------
@dataclass
class BatchOptions:
    inputs: list[str]
    output: str
    format: Format = "auto"
    keys: JsonlKeys = field(default_factory=JsonlKeys)
    removals: Removals = "inline"
    errors: str | None = None  # default: <output base>.errors.jsonl
    resume: bool = False
    jobs: int | None = None
    kind: str | None = None  # force text/html
    pattern: str | None = None  # fnmatch filter for files under folders
    follow_symlinks: bool = False  # symbolic links under input folders are skipped unless asked
    checkpoint_every: int = 1000
    chunk_size: int = 8
    recycle_after: int = RECYCLE_AFTER  # documents per worker process before it is replaced; 0: never


@dataclass
class BatchSummary:
    ok: int = 0
    failed: int = 0
    resumed: int = 0  # documents finished by an earlier, interrupted run
    seconds: float = 0.0
    output: str = ""
    errors: str = ""
    sidecar: str | None = None

    @property
    def total(self) -> int:
        return self.ok + self.failed

    @property
    def docs_per_s(self) -> float:
        return (self.total - self.resumed) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total, "docs_per_s": round(self.docs_per_s, 2)}


class Progress(Protocol):
    """Told the input size once, then the counts as documents finish."""

    def start(self, total_bytes: int | None, resumed: int) -> None: ...

    def update(self, done: int, failed: int, bytes_read: int) -> None: ...


def side_paths(opts: BatchOptions) -> tuple[str, str | None]:
    """The errors file and the side-car removals file of a batch."""
    base = output_base(opts.output)
    errors = opts.errors or ("-" if opts.output == "-" else f"{base}.errors.jsonl")
    sidecar = None
    if opts.removals == "sidecar":
        sidecar = "cleaner.removals.jsonl" if opts.output == "-" else f"{base}.removals.jsonl"
    return errors, sidecar


def run_batch(opts: BatchOptions, config: Config, *, progress: Progress | None = None,
              factory: Callable[[Config], Any] | None = None) -> BatchSummary:
    """Clean every document of ``opts.inputs`` into ``opts.output``; see ``cleaner batch --help``.

    Raises InputError for unusable inputs or options (before any work starts).
    """
    started = time.monotonic()
    inputs = Inputs(expand(opts.inputs, pattern=opts.pattern, follow_symlinks=opts.follow_symlinks), opts.format)
    jsonl = is_jsonl_output(opts.output)
    if opts.output == "-" and opts.resume:
        raise InputError("--resume needs an output file or folder, not stdout")
    errors_path, sidecar_path = side_paths(opts)
    spec = OutputSpec(opts.keys.text, opts.keys.id, opts.keys.url, opts.removals, "jsonl" if jsonl else "text")
    job = Job(config, opts.keys, spec, opts.kind, factory)
    sink = _open_sink(opts, inputs, config, errors_path, sidecar_path)
    summary = BatchSummary(resumed=sink.start, output=opts.output, errors=errors_path, sidecar=sidecar_path)
    summary.ok, summary.failed = sink.counts["ok"], sink.counts["failed"]
    folder = None if jsonl else Path(opts.output)
    names = FolderNames() if folder is not None else None

    if progress is not None:
        progress.start(inputs.total_bytes, sink.start)

    def pairs() -> Iterator[tuple[int, Item]]:
        for i, item in enumerate(inputs.items()):
            if i >= sink.start:
                yield i, item
            elif names is not None:  # resumed: re-derive the names earlier documents took
                names.name(_item_id(item, opts.keys), i)

    try:
        for out in ordered_map(pairs(), job, jobs=opts.jobs or default_jobs(), chunk_size=opts.chunk_size,
                               recycle_after=opts.recycle_after):
            if out.ok and folder is not None and names is not None:
                try:
                    target = inside(folder, names.name(out.id, out.index))
                    with atomic_open(target, "wb") as handle:
                        handle.write(out.result)
                except (OSError, ValueError) as exc:
                    out.ok, out.error = False, f"cannot write output: {exc}"
            elif names is not None:
                names.name(out.id, out.index)
            if out.ok:
                if folder is None:
                    sink.write("out", out.result)
                if out.sidecar is not None:
                    sink.write("sidecar", out.sidecar)
                summary.ok += 1
            else:
                sink.write("errors", error_line(out.id, out.error or "", index=out.index, where=out.where))
                summary.failed += 1
            sink.done(out.ok)
            if progress is not None:
                progress.update(summary.total, summary.failed, inputs.bytes_read)
    except BaseException:
        sink.abort()
        raise
    sink.finish()
    summary.seconds = time.monotonic() - started
    return summary


def _item_id(item: Item, keys: JsonlKeys) -> str:
    if isinstance(item, RawLine):
        try:
            return keys.parse(item).id
        except CleanerError:
            return keys.recover_id(item)
    return item.id


def _open_sink(opts: BatchOptions, inputs: Inputs, config: Config, errors: str, sidecar: str | None):
    if opts.output == "-":
        return _StdoutSink(errors, sidecar)
    finals = {"errors": Path(errors)} if errors != "-" else {}
    if is_jsonl_output(opts.output):
        finals["out"] = Path(opts.output)
    else:
        Path(opts.output).mkdir(parents=True, exist_ok=True)
    if sidecar:
        finals["sidecar"] = Path(sidecar)
    fingerprint = {"inputs": inputs.fingerprint(), "keys": asdict(opts.keys), "removals": opts.removals,
                   "kind": opts.kind, "format": opts.format, "pattern": opts.pattern,
                   "finals": {k: str(v) for k, v in finals.items()}, "config": repr(config)}
    ckpt = Checkpointer(work_dir_for(opts.output), finals, fingerprint=fingerprint, resume=opts.resume,
                        every=opts.checkpoint_every)
    return _CheckpointSink(ckpt)


class _CheckpointSink:
    def __init__(self, ckpt: Checkpointer) -> None:
        self.ckpt, self.start, self.counts = ckpt, ckpt.index, dict(ckpt.counts)
        self.write, self.done, self.finish, self.abort = ckpt.write, ckpt.done, ckpt.finish, ckpt.abort


class _StdoutSink:
    """JSON Lines to stdout as results come; errors and side-car written atomically at the end."""

    def __init__(self, errors: str, sidecar: str | None) -> None:
        self.start, self.counts = 0, {"ok": 0, "failed": 0}
        self._files: dict[str, Any] = {}
        self._paths = {"errors": errors, "sidecar": sidecar}

    def write(self, stream: str, data: bytes) -> None:
        if stream == "out":
            sys.stdout.buffer.write(data)
        elif stream == "errors" and self._paths["errors"] == "-":
            sys.stderr.buffer.write(data)
        else:
            if stream not in self._files:
                ctx = atomic_open(self._paths[stream], "wb")  # type: ignore[arg-type]
                self._files[stream] = (ctx, ctx.__enter__())
            self._files[stream][1].write(data)

    def done(self, ok: bool) -> None:
        pass

    def finish(self) -> None:
        sys.stdout.buffer.flush()
        for ctx, _ in self._files.values():
            ctx.__exit__(None, None, None)

    def abort(self) -> None:
        for ctx, _ in self._files.values():
            ctx.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)


