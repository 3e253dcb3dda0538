"""The engine: input → Document → Findings → Decisions → CleanResult."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from cleaner.config import Config
from cleaner.detectors import DocView
from cleaner.errors import InputError, LimitExceeded
from cleaner.model import CleanResult, Decision, Document, Finding, InputKind
from cleaner.parse.sniff import decode, sniff_kind
from cleaner.parse.text import text_document
from cleaner.resolve import assemble, decide
from cleaner.rulepack.loader import load_packs
from cleaner.rulepack.registry import CompiledRule, RuleSet, Selection

KindArg = Literal["auto", "text", "html"]
MAX_PASSES = 3


class Cleaner:
    """Compiles its rules once; ``clean`` is then safe to call from many threads.

    >>> Cleaner().clean("Headline\\n\\nBody text of the article.\\n\\nRead more").text
    'Headline\\n\\nBody text of the article.\\n'
    """

    def __init__(self, config: Config | None = None, **changes) -> None:
        self.config = (config or Config()).with_(**changes)
        cfg = self.config
        self.packs = load_packs(list(cfg.rule_paths), builtin=cfg.builtin_rules)
        self.rules = RuleSet.build(self.packs, Selection(tuple(cfg.select), tuple(cfg.ignore)),
                                   overrides=cfg.overrides, site_packs=cfg.site_packs)

    # -- input ---------------------------------------------------------------------------
    def _prepare(self, content: str | bytes, kind: KindArg) -> tuple[str, InputKind]:
        if not isinstance(content, str | bytes):
            raise InputError(f"expected str or bytes, got {type(content).__name__}")
        size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
        if size > self.config.limits.max_bytes:
            raise LimitExceeded(f"input is {size} bytes, over the limit of {self.config.limits.max_bytes}")
        resolved: InputKind = sniff_kind(content) if kind == "auto" else kind
        text = decode(content) if isinstance(content, bytes) else content
        return text, resolved

    def document(self, content: str | bytes, *, url: str | None = None, kind: KindArg = "auto"
                 ) -> tuple[Document, list[Finding]]:
        """Parse input into a Document, plus findings of the HTML main-content stage (if any)."""
        text, resolved = self._prepare(content, kind)
        if resolved == "html":
            from cleaner.html import analyse_html

            doc, stage = analyse_html(text, url=url, config=self.config)
        else:
            doc, stage = text_document(text, url=url), []
        if len(doc.blocks) > self.config.limits.max_blocks:
            raise LimitExceeded(f"input has {len(doc.blocks)} blocks, over the limit of "
                                f"{self.config.limits.max_blocks}")
        return doc, stage

    # -- detection -----------------------------------------------------------------------
    def findings(self, doc: Document, rules: Iterable[CompiledRule] | None = None) -> Iterator[Finding]:
        """Run every applicable rule's detectors over the whole document (one pass)."""
        rules = rules if rules is not None else self.rules.rules_for(doc.kind, doc.url)
        return self._detect(DocView(doc), rules)

    @staticmethod
    def _detect(view: DocView, rules: Iterable[CompiledRule], contextual_only: bool = False) -> Iterator[Finding]:
        for compiled in rules:
            rule = compiled.rule
            for detector, contextual in zip(compiled.detectors, compiled.contextual, strict=True):
                if contextual_only and not contextual:
                    continue
                for hit in detector(view):
                    yield Finding(rule.id, rule.category, rule.action, tuple(view.index[i] for i in hit.blocks),
                                  rule.confidence if hit.confidence is None else hit.confidence, hit.evidence)

    def _resolve(self, doc: Document, extra: Iterable[Finding]) -> list[Decision]:
        """Detect and decide; then let contextual detectors look again at the blocks still kept,
        until nothing more is removed (at most ``MAX_PASSES``)."""
        rules = self.rules.rules_for(doc.kind, doc.url)
        view = DocView(doc)
        findings = [*self._detect(view, rules), *extra]
        decisions = decide(doc, findings, self.config.threshold)
        if not any(rules_contextual for r in rules for rules_contextual in r.contextual):
            return decisions
        seen = {(f.rule_id, f.blocks) for f in findings}
        for _ in range(MAX_PASSES):
            kept = [d.block for d in decisions if d.keep]
            if len(kept) == len(doc.blocks):
                break
            new = [f for f in self._detect(view.subview(kept), rules, contextual_only=True)
                   if (f.rule_id, f.blocks) not in seen]
            if not new:
                break
            seen.update((f.rule_id, f.blocks) for f in new)
            findings.extend(new)
            updated = decide(doc, findings, self.config.threshold)
            if [d.keep for d in updated] == [d.keep for d in decisions]:
                decisions = updated
                break
            decisions = updated
        return decisions

    # -- the whole pipeline --------------------------------------------------------------
    def clean(self, content: str | bytes, *, url: str | None = None, kind: KindArg = "auto") -> CleanResult:
        """Clean one document (text or HTML, str or bytes)."""
        doc, stage = self.document(content, url=url, kind=kind)
        return self.clean_document(doc, stage)

    def clean_many(self, items: Iterable, *, jobs: int | None = None, **options) -> Iterator[CleanResult]:
        """Clean many documents in worker processes, yielding results in input order (see cleaner.batch)."""
        from cleaner.batch import clean_many

        return clean_many(self, items, jobs=jobs, **options)

    def clean_document(self, doc: Document, extra_findings: Iterable[Finding] = ()) -> CleanResult:
        decisions = self._resolve(doc, extra_findings)
        text, removals, flags = assemble(doc, decisions)
        removed = sum(r.end - r.start for r in removals)
        stats = {
            "blocks": len(doc.blocks),
            "blocks_removed": sum(not d.keep for d in decisions),
            "chars_in": len(doc.source_text),
            "chars_kept": len(text),
            "chars_removed": removed,
        }
        return CleanResult(text=text, removals=removals, source_text=doc.source_text, kind=doc.kind,
                           url=doc.url, flags=flags, stats=stats)


_DEFAULT: Cleaner | None = None


def clean(content: str | bytes, *, url: str | None = None, kind: KindArg = "auto") -> CleanResult:
    """Clean one document with the default rules (compiled once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(content, url=url, kind=kind)
