"""The main-content stage: the extractor's verdict per block, turned into findings with evidence."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.extract import MainContent, MainContentExtractor
from cleaner.html.prose import prose_blocks, words
from cleaner.model import Action, Block, Document, Finding

OUTSIDE_ID = "layout.outside-main"
HEADLINE_ID = "headline.kept"
CONFIDENCE = 0.7
RESCUE_SHARE = 0.3  # the extractor under-delivers below this share of the page's prose words
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "dialog"})


def _where(blocks: Sequence[Block]) -> str:
    places: dict[str, int] = {}
    for b in blocks:
        if b.dom is not None:
            for name in b.dom.inside & (_CHROME | {"figure", "figcaption"}):
                places[name] = places.get(name, 0) + 1
    links = sum(1 for b in blocks if b.dom is not None and b.dom.link_density >= 0.5)
    parts = [f"in <{k}>" for k, _ in sorted(places.items(), key=lambda kv: -kv[1])[:3]]
    if links:
        parts.append(f"{links} link block(s)")
    return ", ".join(parts)


def stage_findings(doc: Document, extractor: MainContentExtractor, *, keep_headline: bool = True
                   ) -> tuple[list[bool], list[Finding]]:
    """Per block, whether it is main content; and the findings that remove the rest."""
    main: MainContent | None = extractor.main_content(doc)
    prose = prose_blocks(doc.blocks)
    if main is None:
        verdict = prose
        why = f"{extractor.name} found no main content; not prose (short, link-dense or page chrome)"
    else:
        verdict = [main.inside(i) for i in range(len(doc.blocks))]
        why = f"outside the main content that {main.source} extracted"
        if words(doc.blocks, verdict) < RESCUE_SHARE * words(doc.blocks, prose):
            verdict = [v or p for v, p in zip(verdict, prose, strict=True)]
            why = (f"outside the main content ({main.source} kept little of the page's prose, so prose density "
                   "added the rest); not prose")
    findings: list[Finding] = []
    headline = getattr(doc.page, "headline", None)
    if keep_headline and headline is not None:
        verdict[headline] = True
        findings.append(Finding(HEADLINE_ID, "headline", Action.KEEP, (headline,), 1.0,
                                "the page's headline (<h1> matching the title)"))
    run: list[int] = []
    for i in range(len(doc.blocks) + 1):
        if i < len(doc.blocks) and not verdict[i]:
            run.append(i)
            continue
        if run:
            where = _where([doc.blocks[j] for j in run])
            findings.append(Finding(OUTSIDE_ID, "layout", Action.REMOVE, tuple(run), CONFIDENCE,
                                    f"{why}; {len(run)} block(s){'; ' + where if where else ''}"))
            run = []
    return verdict, findings
