"""``cleaner check`` (snapshot goldens for CI) and ``cleaner report`` (an HTML review page).

Registered on the main app by ``register(app)`` at the bottom of ``cleaner/cli.py``. This module
imports ``cleaner.cli`` only inside the commands, so either module can be imported first.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from cleaner.review import CheckReport

RulesOpt = Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule pack (file or folder); repeatable.")]
SelectOpt = Annotated[list[str] | None, typer.Option("--select", help="Rule id, id prefix or category to run.")]
IgnoreOpt = Annotated[list[str] | None, typer.Option("--ignore", help="Rule id, id prefix or category to skip.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config (or pyproject.toml [tool.cleaner]).")]
NoSitesOpt = Annotated[bool, typer.Option("--no-site-packs", help="Generic rules only.")]


class Kind(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


def check(
    corpus: Annotated[Path, typer.Argument(help="Folder of .txt/.html files, a JSONL file (text|html, id, url), "
                                                "or one document.")],
    golden: Annotated[Path, typer.Option("--golden", help="Folder of golden JSON files, one per document.")],
    update: Annotated[bool, typer.Option("--update", help="Accept the changes: rewrite goldens, exit 0.")] = False,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a GitHub step summary here "
                                                  "(capped at 1 MiB).")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write the HTML review page of the changes here.")] = None,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    no_site_packs: NoSitesOpt = False,
) -> None:
    """Compare a corpus's cleaning with stored goldens; show which rule now removes or restores what.

    Exit 0 when identical (or after --update), 1 on any change or new/missing document, 2 on errors.
    """
    from cleaner.cli import build_cleaner, fail
    from cleaner.errors import CleanerError
    from cleaner.formats.markdown import render_check_markdown
    from cleaner.io.atomic import atomic_write_text
    from cleaner.review import render_report_text, run_check

    cleaner = build_cleaner(rules, select, ignore, config, no_site_packs)
    try:
        report = run_check(corpus, golden, cleaner, update=update)
    except (CleanerError, OSError) as exc:
        raise fail(str(exc)) from None
    sys.stdout.write(render_report_text(report))
    for line in [*report.errors, *(f"{d.id}: {d.error}" for d in report.docs if d.status == "error")]:
        typer.echo(f"cleaner: {line}", err=True)
    if markdown is not None:
        atomic_write_text(markdown, render_check_markdown(report, html_name=html.name if html else None))
    if html is not None:
        atomic_write_text(html, _changes_page(report, corpus))
    raise typer.Exit(report.exit_code)


def _changes_page(report: CheckReport, corpus: Path) -> str:
    from cleaner.formats.html_report import ReportDoc, render_html_report
    from cleaner.review import summary_line

    docs = [ReportDoc(d.id, d.result, tuple(d.changes), d.status, aligned=not d.source_changed)
            for d in report.differing if d.result is not None]
    missing = [d.id for d in report.docs if d.status == "missing"]
    note = summary_line(report) + (f". Missing from the corpus: {', '.join(missing)}" if missing else "")
    return render_html_report(docs, title=f"cleaner check: {corpus}", note=note)


def report(
    inputs: Annotated[list[Path], typer.Argument(help="Documents, folders or JSONL files to review.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the page here (default: stdout).")
                      ] = None,
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "cleaner review",
    url: Annotated[str | None, typer.Option("--url", help="Page URL for documents without one: selects site packs."
                                            )] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Input kind (default: by file suffix, else sniffed).")
                    ] = Kind.auto,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    no_site_packs: NoSitesOpt = False,
) -> None:
    """Clean documents and write one self-contained HTML review page of every removal."""
    from cleaner.cli import build_cleaner, fail
    from cleaner.errors import CleanerError
    from cleaner.formats.html_report import ReportDoc, render_html_report
    from cleaner.io.atomic import atomic_write_text
    from cleaner.review import ReviewError, load_corpus

    cleaner = build_cleaner(rules, select, ignore, config, no_site_packs)
    docs: list[ReportDoc] = []
    for path in inputs:
        try:
            for doc in load_corpus(path):
                doc_id = doc.id if path.is_dir() or path.suffix.lower() in {".jsonl", ".ndjson"} else str(path)
                try:
                    result = cleaner.clean(doc.content, url=doc.url or url,
                                           kind=doc.kind if kind is Kind.auto else kind.value)
                except CleanerError as exc:
                    raise fail(f"{doc_id}: {exc}") from None
                docs.append(ReportDoc(doc_id, result))
        except ReviewError as exc:
            raise fail(str(exc)) from None
    page = render_html_report(docs, title=title)
    if output is None:
        sys.stdout.write(page)
    else:
        atomic_write_text(output, page)


def register(app: typer.Typer) -> None:
    """Add ``check`` and ``report`` to the ``cleaner`` app."""
    app.command("check")(check)
    app.command("report")(report)
