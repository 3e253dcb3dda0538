"""Findings → Decisions → Removals: who wins on each block, and the exact spans removed.

Span rule (what makes accounting lossless and the output tidy): a maximal run of removed blocks
takes the whitespace *before* it when a kept block precedes it, else the whitespace *after* it.
Every character of the source is then kept or inside exactly one removal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleaner.model import Action, Decision, Document, Finding, Flag, Removal


def decide(doc: Document, findings: Iterable[Finding], threshold: float = 0.5) -> list[Decision]:
    """Per block: removed when its strongest removing finding reaches ``threshold`` and beats
    every keeping finding. Flag findings never remove; they ride along on the decision. A finding
    with ``requires`` counts on a block only if one of the earlier blocks it requires there is
    kept, so blocks are decided in order."""
    claims: list[list[tuple[Finding, tuple[int, ...]]]] = [[] for _ in doc.blocks]
    for f in findings:
        for i, any_of in zip(f.blocks, f.requires or ((),) * len(f.blocks), strict=True):
            claims[i].append((f, any_of))
    out: list[Decision] = []
    for i, on_block in enumerate(claims):
        winner: Finding | None = None
        keeping = 0.0
        flags: list[Finding] = []
        for f, any_of in on_block:
            if f.action is Action.REMOVE:
                if any_of and not any(out[k].keep for k in any_of):
                    continue
                if f.confidence >= threshold and (winner is None or f.confidence > winner.confidence):
                    winner = f
            elif f.action is Action.KEEP:
                keeping = max(keeping, f.confidence)
            elif all(g.rule_id != f.rule_id for g in flags):
                flags.append(f)
        if winner is not None and winner.confidence <= keeping:
            winner = None
        out.append(Decision(block=i, keep=winner is None, reason=winner, flags=tuple(flags)))
    return out


def _block_spans(doc: Document, decisions: Sequence[Decision]) -> list[tuple[int, int]]:
    """The span each block owns when removed (block text plus the whitespace it takes)."""
    blocks, n, size = doc.blocks, len(doc.blocks), len(doc.source_text)
    spans: list[tuple[int, int]] = []
    run_start = 0  # first block of the run of removed blocks that ends just before block i
    for i, block in enumerate(blocks):
        if i == 0 or decisions[i - 1].keep:
            run_start = i
        if run_start > 0:  # a kept block precedes the run: take the whitespace before
            spans.append((blocks[i - 1].end, block.end))
        else:  # run at the document start: take leading and following whitespace
            start = 0 if i == 0 else spans[-1][1]
            end = blocks[i + 1].start if i + 1 < n else size
            spans.append((start, end))
    return spans


def assemble(doc: Document, decisions: Sequence[Decision]) -> tuple[str, tuple[Removal, ...], tuple[Flag, ...]]:
    """Kept text, removals (adjacent blocks of one finding merged) and flags."""
    spans = _block_spans(doc, decisions)
    src = doc.source_text
    runs: list[tuple[int, int, Finding]] = []  # removed spans, a run of blocks of one finding each
    flags: list[Flag] = []
    last_reason: Finding | None = None
    for d, (start, end) in zip(decisions, spans, strict=True):
        block = doc.blocks[d.block]
        for f in d.flags:
            flags.append(Flag(block.start, block.end, block.text, f.rule_id, f.category, f.evidence))
        if d.keep:
            last_reason = None
            continue
        r = d.reason
        assert r is not None
        if runs and last_reason is r and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end, r)
        else:
            runs.append((start, end, r))
        last_reason = r
    removals = [Removal(start, end, src[start:end], r.rule_id, r.category, r.evidence, r.confidence)
                for start, end, r in runs]
    kept: list[str] = []
    cursor = 0
    for r in removals:
        kept.append(src[cursor:r.start])
        cursor = r.end
    kept.append(src[cursor:])
    return "".join(kept), tuple(removals), tuple(flags)
