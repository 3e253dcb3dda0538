"""The main-content stage: the extractor's verdict per block, turned into findings with evidence."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.extract import MainContent, MainContentExtractor
from cleaner.model import Action, Block, Document, Finding

OUTSIDE_ID = "layout.outside-main"
HEADLINE_ID = "headline.kept"
CONFIDENCE = 0.7
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "dialog"})


def _fallback(doc: Document) -> list[bool]:
    """No verdict from the extractor: keep prose outside page chrome."""
    out = []
    for b in doc.blocks:
        d = b.dom
        out.append(d is None or (not d.hidden and not (d.inside & _CHROME) and d.link_density < 0.5))
    return out


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
    if main is None:
        verdict = _fallback(doc)
        why = f"{extractor.name} found no main content; outside the page's prose (chrome or links)"
    else:
        verdict = [main.inside(i) for i in range(len(doc.blocks))]
        why = f"outside the main content that {main.source} extracted"
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
