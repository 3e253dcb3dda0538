"""GitHub-flavoured Markdown: a summary of one result, and of a ``cleaner check`` run.

The check summary is meant for ``$GITHUB_STEP_SUMMARY``, which GitHub caps at 1 MiB: it is cut
to ``limit`` bytes, whole sections at a time, and ends with a note of what was left out.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from cleaner.model import CleanResult

if TYPE_CHECKING:
    from cleaner.review import CheckReport, DocReport

STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes; GitHub refuses a larger step summary
_RESERVE = 4096  # room kept for the closing note
MAX_ROWS_PER_DOC = 30
TEXT_LIMIT = 200

# Characters that could start Markdown syntax or break a table cell, as HTML entities (GFM
# decodes them to the literal character, so the text shows as it was and never as markup).
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]<>|~#!&$"})


def md_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Text for a table cell or HTML block: one line, shortened, nothing taken as markup."""
    flat = " ".join(text.strip().replace("\r", "").replace("\n", " ⏎ ").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat.translate(_ESCAPES) or "&#8203;"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    aligns = [("---:" if a == "r" else "---") for a in (align or "l" * len(header))]
    return [f"| {' | '.join(header)} |", f"| {' | '.join(aligns)} |", *(f"| {' | '.join(r)} |" for r in rows)]


def render_markdown(result: CleanResult, *, title: str = "cleaner") -> str:
    """A short GFM summary of one result: characters per category, then every removal."""
    total = len(result.source_text) or 1
    by_cat = result.removed_by_category()
    counts = Counter(r.category for r in result.removals)
    lines = [f"### {md_text(title, 120)}", ""]
    rows = [[md_text(cat), str(counts[cat]), str(n), f"{100 * n / total:.1f}%"] for cat, n in sorted(by_cat.items())]
    rows.append(["**kept**", "", str(len(result.text)), f"{100 * len(result.text) / total:.1f}%"])
    lines += _table(["Category", "Removals", "Characters", "Share"], rows, "lrrr")
    if result.removals or result.flags:
        lines += ["", *_table(["Rule", "Category", "Action", "Text"], [
            *([md_text(r.rule_id), md_text(r.category), "removed", md_text(r.text)] for r in result.removals),
            *([md_text(f.rule_id), md_text(f.category), "flagged", md_text(f.text)] for f in result.flags),
        ])]
    return "\n".join(lines) + "\n"


# -- cleaner check --------------------------------------------------------------------------------

_ORDER = {"error": 0, "changed": 1, "new": 2, "missing": 3}


def _doc_row(d: DocReport) -> list[str]:
    rules = ", ".join(md_text(r, 60) for r in d.rules[:4]) + (" …" if len(d.rules) > 4 else "")
    if d.status == "new" and d.result is not None:
        rules = f"{len(d.result.removals)} removals"
    return [f"<code>{md_text(d.id, 100)}</code>", d.status, str(d.removed_chars), str(d.restored_chars), rules or "—"]


def _details(d: DocReport) -> list[str]:
    from cleaner.review import describe_flag

    visible = [c for c in d.changes if not c.whitespace_only]
    summary = (f"<code>{md_text(d.id, 100)}</code> — {len(visible)} change{'s' * (len(visible) != 1)}: "
               f"+{d.removed_chars} removed / −{d.restored_chars} restored characters")
    if d.source_changed:
        summary += " (input changed)"
    rows = []
    for c in visible[:MAX_ROWS_PER_DOC]:
        was = f"{md_text(c.before[0], 60)} [{md_text(c.before[1], 30)}]" if c.before else "kept"
        now = f"{md_text(c.after[0], 60)} [{md_text(c.after[1], 30)}]" if c.after else "kept"
        verb = {"removed": "now removed", "restored": "restored", "reassigned": "other rule"}[c.kind]
        rows.append([verb, now, was, md_text(c.text)])
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    lines += _table(["Change", "Now", "Before", "Text"], rows) if rows else ["Whitespace-only changes."]
    if len(visible) > MAX_ROWS_PER_DOC:
        lines += ["", f"… and {len(visible) - MAX_ROWS_PER_DOC} more changes (see the HTML report)."]
    if d.flag_changes:
        lines += ["", *(f"- {md_text(describe_flag(f), 300)}" for f in d.flag_changes[:MAX_ROWS_PER_DOC])]
    return [*lines, "", "</details>", ""]


def render_check_markdown(report: CheckReport, *, limit: int = STEP_SUMMARY_LIMIT,
                          html_name: str | None = None) -> str:
    """The step summary of a check: counts, one table row per differing document, and a
    ``<details>`` block per changed document, cut to ``limit`` bytes with a note of what was cut."""
    from cleaner.review import summary_line

    differing = sorted(report.differing + [d for d in report.docs if d.status == "error"],
                       key=lambda d: (_ORDER.get(d.status, 9), d.id))
    verdict = "no changes" if not differing else f"{len(differing)} document(s) differ"
    head = [f"## cleaner check: {verdict}", "", md_text(summary_line(report), 400), ""]
    head += _table(["Status", "Documents"], [[s, str(report.count(s))] for s in
                                             ("changed", "new", "missing", "error", "same")], "lr")
    if html_name:
        head += ["", f"The full review page is in the artifact <code>{md_text(html_name, 200)}</code>."]
    if report.updated:
        head += ["", f"Goldens updated: {len(report.written)} written, {len(report.deleted)} deleted."]
    parts = ["\n".join(head) + "\n"]
    size = len(parts[0].encode())
    budget = limit - _RESERVE
    if not differing:
        return parts[0]

    def add(chunk: str, cap: int) -> bool:
        nonlocal size
        n = len(chunk.encode())
        if size + n > cap:
            return False
        parts.append(chunk)
        size += n
        return True

    rows_shown = 0
    header = "\n".join(["", *_table(["Document", "Status", "Now removed", "Restored", "Rules"], [], "llrrl")]) + "\n"
    if add(header, budget // 2):
        for d in differing:  # the table may take half the budget; the details get the rest
            if not add("| " + " | ".join(_doc_row(d)) + " |\n", budget // 2):
                break
            rows_shown += 1
    add("\n", budget)
    detailed = [d for d in differing if d.status == "changed"]
    shown = 0
    for d in detailed:
        if not add("\n".join(_details(d)) + "\n", budget):
            break
        shown += 1
    out = "".join(parts)
    cut = []
    if rows_shown < len(differing):
        cut.append(f"{len(differing) - rows_shown} of {len(differing)} table rows")
    if shown < len(detailed):
        cut.append(f"the details of {len(detailed) - shown} of {len(detailed)} changed documents")
    if cut:
        where = f"the HTML review page{f' ({md_text(html_name, 200)})' if html_name else ''} or "
        out += (f"\n> [!NOTE]\n> Cut to stay under GitHub's {limit // 1024} KiB step-summary limit: "
                f"{' and '.join(cut)} left out. See {where}the output of <code>cleaner check</code>.\n")
    return out
