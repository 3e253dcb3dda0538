"""The ``cleaner`` command line. Exit codes: 0 ok, 1 a check failed, 2 usage/input/rule errors."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cleaner import __version__

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Strip boilerplate from web articles (HTML or scraped text) and account for every removal.")
rules_app = typer.Typer(no_args_is_help=True, help="List, explain, test and validate rule packs.")
app.add_typer(rules_app, name="rules")


class Format(StrEnum):
    text = "text"
    json = "json"
    diff = "diff"
    marked = "marked"
    html = "html"
    markdown = "markdown"


class Kind(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line reason on stderr and return the Exit to raise."""
    typer.echo(f"cleaner: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """cleaner: boilerplate-stripping with a removal diff."""


RulesOpt = Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule pack (file or folder); repeatable.")]
SelectOpt = Annotated[list[str] | None, typer.Option("--select", help="Rule id, id prefix or category to run.")]
IgnoreOpt = Annotated[list[str] | None, typer.Option("--ignore", help="Rule id, id prefix or category to skip.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config (or pyproject.toml [tool.cleaner]).")]
NoSitesOpt = Annotated[bool, typer.Option("--no-site-packs", help="Generic rules only.")]


def build_cleaner(rules: list[Path] | None, select: list[str] | None, ignore: list[str] | None,
                  config: Path | None, no_site_packs: bool = False):
    """A Cleaner from CLI options, or exit 2 with the reason."""
    from cleaner.config import Config
    from cleaner.engine import Cleaner
    from cleaner.errors import CleanerError

    try:
        base = Config.from_toml(config) if config else Config()
        changes: dict = {}
        if rules:
            changes["rule_paths"] = (*base.rule_paths, *map(str, rules))
        if select:
            changes["select"] = tuple(select)
        if ignore:
            changes["ignore"] = (*base.ignore, *ignore)
        if no_site_packs:
            changes["site_packs"] = False
        return Cleaner(base, **changes)
    except CleanerError as exc:
        raise fail(str(exc)) from None


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise fail(f"{path}: is a folder; use `cleaner batch` for folders")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise fail(f"{path}: {exc.strerror or exc}") from None


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(help="Files to clean, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here atomically, not stdout.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Page URL: selects site packs.")] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Input kind.")] = Kind.auto,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    no_site_packs: NoSitesOpt = False,
) -> None:
    """Clean documents and print the clean text (or the removal diff in another format)."""
    from cleaner.errors import CleanerError
    from cleaner.formats import render
    from cleaner.io.atomic import atomic_write_text

    cleaner = build_cleaner(rules, select, ignore, config, no_site_packs)
    pieces = []
    for path in paths:
        data = _read_input(path)
        try:
            result = cleaner.clean(data, url=url, kind=kind.value)
        except CleanerError as exc:
            raise fail(f"{path}: {exc}") from None
        pieces.append(render(result, fmt.value))
    text = "".join(pieces) if len(pieces) == 1 else "\n".join(p.rstrip("\n") + "\n" for p in pieces)
    if output is not None:
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)
        if fmt is Format.text and text and not text.endswith("\n"):
            sys.stdout.write("\n")


@rules_app.command("list")
def rules_list(rules: RulesOpt = None, select: SelectOpt = None, ignore: IgnoreOpt = None,
               config: ConfigOpt = None) -> None:
    """List the selected rules: id, category, action, pack."""
    cleaner = build_cleaner(rules, select, ignore, config)
    for compiled in cleaner.rules.all_rules():
        r = compiled.rule
        typer.echo(f"{r.id:40} {r.category:13} {r.action.value:7} {compiled.pack}")


@rules_app.command("explain")
def rules_explain(rule_id: str, rules: RulesOpt = None) -> None:
    """Show what a rule removes, why, how it matches, and its examples."""
    import yaml

    cleaner = build_cleaner(rules, ["ALL", rule_id], None, None)
    compiled = cleaner.rules.find(rule_id)
    if compiled is None:
        raise fail(f"no rule {rule_id!r}; see `cleaner rules list`")
    r = compiled.rule
    typer.echo(f"{r.id}  [{r.category}]  action={r.action.value}  confidence={r.confidence}  pack={compiled.pack}\n")
    typer.echo(f"What it does\n  {r.description}\n")
    typer.echo("How it matches")
    typer.echo("  " + yaml.safe_dump(r.match, allow_unicode=True, sort_keys=False, width=100).replace("\n", "\n  "))
    typer.echo("Examples removed")
    for ex in r.examples.remove:
        typer.echo(f"  - {ex!r}")
    typer.echo("Examples kept")
    for ex in r.examples.keep:
        typer.echo(f"  - {ex!r}")


@rules_app.command("test")
def rules_test(packs: Annotated[list[Path] | None, typer.Argument(help="Packs to test (default: built-in).")] = None
               ) -> None:
    """Run every rule's examples: each 'remove' example must be removed, each 'keep' kept. Exit 1 on failure."""
    from cleaner.errors import CleanerError
    from cleaner.examples import check_examples

    try:
        failures, total = check_examples(packs or None)
    except CleanerError as exc:
        raise fail(str(exc)) from None
    for failure in failures:
        typer.echo(f"FAIL {failure}")
    typer.echo(f"{total - len(failures)}/{total} examples pass")
    if failures:
        raise typer.Exit(1)


@rules_app.command("validate")
def rules_validate(packs: Annotated[list[Path], typer.Argument(help="Pack files or folders.")]) -> None:
    """Validate packs against the schema; exit 2 with file, rule and field on the first error."""
    from cleaner.errors import CleanerError
    from cleaner.rulepack.loader import load_packs

    try:
        loaded = load_packs(list(packs), builtin=False)
    except CleanerError as exc:
        raise fail(str(exc)) from None
    n = sum(len(lp.pack.rules) for lp in loaded)
    typer.echo(f"ok: {len(loaded)} pack(s), {n} rule(s)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()


from cleaner import cli_batch  # noqa: E402,F401  (registers `cleaner batch`)
from cleaner.cli_review import register as _register_review  # noqa: E402  (`cleaner check`, `cleaner report`)

_register_review(app)
