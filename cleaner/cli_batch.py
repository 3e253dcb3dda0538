"""``cleaner batch``: clean folders, JSON Lines and WARC files in parallel, resumably, with progress."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli import ConfigOpt, IgnoreOpt, NoSitesOpt, RulesOpt, SelectOpt, app, build_cleaner, fail
from cleaner.pool import RECYCLE_AFTER

DEFAULT_TIME_LIMIT_S = 60.0


class InputFormat(StrEnum):
    auto = "auto"
    files = "files"
    jsonl = "jsonl"
    warc = "warc"


class RemovalsMode(StrEnum):
    inline = "inline"
    sidecar = "sidecar"
    none = "none"


class BatchKind(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


class RichProgress:
    """A rich progress bar on stderr: documents, docs/s, and the bar and ETA by input bytes read."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.fields[docs]:>9,} docs"), TextColumn("[red]{task.fields[failed]:,} failed"),
            TextColumn("{task.fields[rate]:>7.1f} docs/s"), BarColumn(), TaskProgressColumn(),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False, refresh_per_second=4,
        )
        self.task = None
        self._t0 = self._last = 0.0
        self._resumed = 0

    def start(self, total_bytes: int | None, resumed: int) -> None:
        self.progress.start()
        self._resumed = resumed
        self.task = self.progress.add_task("clean", total=total_bytes, docs=resumed, failed=0, rate=0.0)
        self._t0 = time.monotonic()

    def update(self, done: int, failed: int, bytes_read: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        rate = (done - self._resumed) / max(now - self._t0, 1e-9)
        self.progress.update(self.task, completed=bytes_read, docs=done, failed=failed, rate=rate)

    def stop(self) -> None:
        self.progress.stop()


@app.command("batch")
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output: a .jsonl[.gz|.zst] file, - for stdout, "
                                        "or a folder (one .txt per document).")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
                    ] = None,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help="Input format (auto: by file name; "
                                                      "stdin: by content).")] = InputFormat.auto,
    text_key: Annotated[str, typer.Option("--text-key", help="JSONL key holding text (output text key too).")
                        ] = "text",
    html_key: Annotated[str, typer.Option("--html-key", help="JSONL key holding HTML (used when present).")
                        ] = "html",
    id_key: Annotated[str, typer.Option("--id-key", help="JSONL key holding the document id.")] = "id",
    url_key: Annotated[str, typer.Option("--url-key", help="JSONL key holding the page URL.")] = "url",
    errors: Annotated[Path | None, typer.Option("--errors", help="Error records file (default: "
                                                "<output>.errors.jsonl).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents an interrupted run already finished.")
                      ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = False,
    removals: Annotated[RemovalsMode, typer.Option("--removals", help="Removals in each record's metadata "
                                                   "(inline), in <output>.removals.jsonl (sidecar), or none.")
                        ] = RemovalsMode.inline,
    kind: Annotated[BatchKind, typer.Option("--kind", help="Force text or html (auto: JSONL html key → html, "
                                            "text key → text, WARC → html, files sniffed).")] = BatchKind.auto,
    glob: Annotated[str | None, typer.Option("--glob", help="Only files under folders matching this pattern.")
                    ] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Follow symbolic links found under "
                                                  "input folders (skipped by default).")] = False,
    time_limit: Annotated[float | None, typer.Option("--time-limit", min=0.0, help="Seconds per document before "
                                                     f"it is an error (default: config, else {DEFAULT_TIME_LIMIT_S:g})."
                                                     " 0: none.")] = None,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    no_site_packs: NoSitesOpt = False,
    checkpoint_every: Annotated[int, typer.Option("--checkpoint-every", min=1, hidden=True)] = 1000,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, hidden=True)] = 8,
    recycle_after: Annotated[int, typer.Option("--recycle-after", min=0, help="Replace each worker process after "
                                               "this many documents, which keeps memory flat. 0: never.")
                             ] = RECYCLE_AFTER,
) -> None:
    """Clean many documents in parallel into JSON Lines (or a folder), with an errors file and --resume.

    Exit codes: 0 all documents cleaned; 1 some documents failed (see the errors file); 2 usage error.
    """
    from dataclasses import replace

    from cleaner.batch import BatchOptions, run_batch
    from cleaner.errors import CleanerError
    from cleaner.io.records import JsonlKeys

    cleaner = build_cleaner(rules, select, ignore, config, no_site_packs)
    cfg = cleaner.config
    budget = time_limit if time_limit is not None else (cfg.limits.time_budget_s or DEFAULT_TIME_LIMIT_S)
    cfg = replace(cfg, limits=replace(cfg.limits, time_budget_s=budget or None))
    opts = BatchOptions(
        inputs=list(inputs), output=output, format=input_format.value,  # type: ignore[arg-type]
        keys=JsonlKeys(text_key, html_key, id_key, url_key), removals=removals.value,  # type: ignore[arg-type]
        errors=str(errors) if errors else None, resume=resume, jobs=jobs,
        kind=None if kind is BatchKind.auto else kind.value, pattern=glob, follow_symlinks=follow_symlinks,
        checkpoint_every=checkpoint_every, chunk_size=chunk_size, recycle_after=recycle_after,
    )
    show = not quiet and sys.stderr.isatty()
    progress = RichProgress() if show else None
    try:
        summary = run_batch(opts, cfg, progress=progress)
    except (CleanerError, RuntimeError) as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted; committed work is kept, run again with --resume", 130) from None
    finally:
        if progress is not None:
            progress.stop()
    if not quiet:
        resumed = f", {summary.resumed:,} done by an earlier run" if summary.resumed else ""
        where = f"; errors in {summary.errors}" if summary.failed else ""
        typer.echo(f"cleaner: {summary.total:,} documents: {summary.ok:,} ok, {summary.failed:,} failed{resumed} "
                   f"in {summary.seconds:.1f} s ({summary.docs_per_s:,.1f} docs/s) → {summary.output}{where}",
                   err=True)
    if summary.failed:
        raise typer.Exit(1)
