"""Line-oriented views of the removal diff: a labelled unified diff and inline markers."""

from __future__ import annotations

import difflib
from bisect import bisect_right

from cleaner.model import CleanResult


def _range(start: int, stop: int) -> str:
    """Unified-diff range ``l,n`` (as difflib writes it)."""
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def render_diff(result: CleanResult, *, source_name: str = "source", clean_name: str = "clean",
                context: int = 1) -> str:
    """A unified diff of source vs clean text (applies with ``patch``); each hunk is labelled
    after its ``@@`` marker, where git puts a function name, with the rules that removed it."""
    src_lines = result.source_text.splitlines(keepends=True)
    new_lines = result.text.splitlines(keepends=True)
    offsets = [0]
    for line in src_lines:
        offsets.append(offsets[-1] + len(line))
    starts = [r.start for r in result.removals]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, src_lines, new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        a0, a1, b0, b1 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        lo, hi = offsets[a0], offsets[a1]
        labels: list[str] = []
        for r in result.removals[max(bisect_right(starts, lo) - 1, 0):]:
            if r.start >= hi:
                break
            if r.end > lo and r.text.strip():
                label = f"{r.rule_id} [{r.category}]"
                if label not in labels:
                    labels.append(label)
        out.append(f"@@ -{_range(a0, a1)} +{_range(b0, b1)} @@ {'; '.join(labels)}".rstrip() + "\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_diff_lines(" ", src_lines[i1:i2]))
                continue
            out.extend(_diff_lines("-", src_lines[i1:i2]))
            out.extend(_diff_lines("+", new_lines[j1:j2]))
    if not out:
        return ""
    return f"--- {source_name}\n+++ {clean_name}\n" + "".join(out)


def _diff_lines(prefix: str, lines: list[str]) -> list[str]:
    return [prefix + line if line.endswith("\n") else prefix + line + "\n\\ No newline at end of file\n"
            for line in lines]


def render_marked(result: CleanResult) -> str:
    """The source with each removal inline: ``[-removed text-]{rule.id}``."""
    src = result.source_text
    out: list[str] = []
    cursor = 0
    for r in result.removals:
        out.append(src[cursor:r.start])
        body = r.text
        stripped = body.strip()
        lead = body[: len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()):]
        out.append(f"{lead}[-{stripped}-]{{{r.rule_id}}}{trail}" if stripped else body)
        cursor = r.end
    out.append(src[cursor:])
    return "".join(out)
