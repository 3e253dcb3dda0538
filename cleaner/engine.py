"""The engine: input → Document → Findings → Decisions → CleanResult."""

from __future__ import annotations

import time
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
# The article is wiped out when what is kept falls under this share of the prose words (blocks of
# PROSE_WORDS words or more), on a document with at least MIN_PROSE of them.
WIPED_OUT_SHARE, PROSE_WORDS, MIN_PROSE = 0.05, 10, 100
_KINDS = ("auto", "text", "html")


class _Deadline:
    """The per-document time budget, checked between stages (parse, main content, each rule).

    A stage that is already running is not interrupted (batch workers do that with a signal), so a
    document overshoots by at most one stage.
    """

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.at = None if budget is None else time.monotonic() + budget

    def check(self, stage: str) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise LimitExceeded(f"time budget of {self.budget:g} s exceeded (after {stage})")


_NO_DEADLINE = _Deadline(None)


class Cleaner:
    """Compiles its rules once; ``clean`` is then safe to call from many threads.

    >>> Cleaner().clean("Headline\\n\\nBody text of the article.\\n\\nRead more").text
    'Headline\\n\\nBody text of the article.'
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
        if kind not in _KINDS:
            raise InputError(f"kind must be one of {', '.join(_KINDS)}, got {kind!r}")
        if isinstance(content, bytes):
            size = len(content)
        else:
            try:
                size = len(content.encode("utf-8"))
            except UnicodeEncodeError as exc:  # lone surrogates: not text that can be written anywhere
                raise InputError(f"input has an unpaired surrogate (U+{ord(content[exc.start]):04X}) at character "
                                 f"{exc.start}: not valid Unicode text") from None
        if size > self.config.limits.max_bytes:
            raise LimitExceeded(f"input is {size} bytes, over the limit of {self.config.limits.max_bytes}")
        text = decode(content) if isinstance(content, bytes) else content
        # Sniff the decoded text: bytes in UTF-16 or behind a BOM do not look like HTML as bytes.
        resolved: InputKind = sniff_kind(text) if kind == "auto" else kind
        return text, resolved

    def document(self, content: str | bytes, *, url: str | None = None, kind: KindArg = "auto"
                 ) -> tuple[Document, list[Finding]]:
        """Parse input into a Document, plus findings of the HTML main-content stage (if any)."""
        text, resolved = self._prepare(content, kind)
        if resolved == "html":
            from cleaner.html import analyse_html

            doc, stage = analyse_html(text, url=url, config=self.config)
        else:
            self._check_lines(text)
            doc, stage = text_document(text, url=url), []
        if len(doc.blocks) > self.config.limits.max_blocks:
            raise LimitExceeded(f"input has {len(doc.blocks)} blocks, over the limit of "
                                f"{self.config.limits.max_blocks}")
        return doc, stage

    def _check_lines(self, text: str) -> None:
        """Refuse text over ``max_blocks`` non-blank lines before building a block for each."""
        limit = self.config.limits.max_blocks
        if len(text) > limit:
            lines = sum(1 for line in text.splitlines() if line and not line.isspace())
            if lines > limit:
                raise LimitExceeded(f"input has {lines} blocks, over the limit of {limit}")

    # -- detection -----------------------------------------------------------------------
    def findings(self, doc: Document, rules: Iterable[CompiledRule] | None = None) -> Iterator[Finding]:
        """Run every applicable rule's detectors over the whole document (one pass)."""
        rules = rules if rules is not None else self.rules.rules_for(doc.kind, doc.url)
        return self._detect(DocView(doc), rules)

    @staticmethod
    def _detect(view: DocView, rules: Iterable[CompiledRule], contextual_only: bool = False,
                deadline: _Deadline = _NO_DEADLINE) -> Iterator[Finding]:
        for compiled in rules:
            rule = compiled.rule
            deadline.check(f"rule {rule.id}")
            for detector, contextual in zip(compiled.detectors, compiled.contextual, strict=True):
                if contextual_only and not contextual:
                    continue
                for hit in detector(view):
                    yield Finding(rule.id, rule.category, rule.action, tuple(view.index[i] for i in hit.blocks),
                                  rule.confidence if hit.confidence is None else hit.confidence, hit.evidence,
                                  tuple(tuple(view.index[i] for i in any_of) for any_of in hit.requires))

    def _first_pass(self, view: DocView, rules: list[CompiledRule], deadline: _Deadline) -> Iterator[Finding]:
        """Every rule over the document. On HTML whose main content was found, rules that also apply
        to text only look at the main content: what lies outside is already removed, with evidence, by
        the main-content stage. With ``Config.text_rules_outside_main`` they look at the blocks outside
        it too, as a document of their own, to label them further: a rule that reads a document's
        end or its regions sees the main content alone either way, so the clean text is the same."""
        doc = view.doc
        if doc.kind != "html":
            yield from self._detect(view, rules, deadline=deadline)
            return
        main = [b.index for b in doc.blocks if b.dom is None or b.dom.in_main is not False]
        if len(main) == len(doc.blocks):
            yield from self._detect(view, rules, deadline=deadline)
            return
        dom_only = [r for r in rules if "text" not in r.rule.applies_to]
        text_rules = [r for r in rules if "text" in r.rule.applies_to]
        yield from self._detect(view, dom_only, deadline=deadline)
        yield from self._detect(view.subview(main), text_rules, deadline=deadline)
        if self.config.text_rules_outside_main:
            main_set = set(main)
            outside = [b.index for b in doc.blocks if b.index not in main_set]
            yield from self._detect(view.subview(outside), text_rules, deadline=deadline)

    def _resolve(self, doc: Document, extra: Iterable[Finding], deadline: _Deadline = _NO_DEADLINE
                 ) -> tuple[list[Decision], int]:
        """Detect and decide, then ``_look_again``. When the findings between them wipe out the
        article (``_wiped_out``), the rules' findings that judged a run of blocks as a whole
        (article regions, sections to the end, record runs) are dropped and the blocks decided
        line by line: a region and a comment section can each be right about a page and still
        take all of it together (a Q&A page: the question outside the region, the answers under
        "Add a comment"). Returns the decisions and how many findings were dropped."""
        rules = self.rules.rules_for(doc.kind, doc.url)
        view = DocView(doc)
        stage = list(extra)
        found = list(self._first_pass(view, rules, deadline))
        decisions, found = self._look_again(doc, view, rules, found, stage, deadline)
        after, everything = [d.keep for d in decisions], [True] * len(doc.blocks)
        if not _wiped_out(view.words, everything, after):  # then not of the stage's prose either
            return decisions, 0
        before = [d.keep for d in decide(doc, stage, self.config.threshold)] if stage else everything
        if not _wiped_out(view.words, before, after):
            return decisions, 0
        local = [f for f in found if len(f.blocks) == 1]
        return decide(doc, [*local, *stage], self.config.threshold), len(found) - len(local)

    def _look_again(self, doc: Document, view: DocView, rules: list[CompiledRule], found: list[Finding],
                    stage: list[Finding], deadline: _Deadline) -> tuple[list[Decision], list[Finding]]:
        """Let contextual detectors look again at the blocks still kept, until nothing more is
        removed (at most ``MAX_PASSES``). Returns the decisions and every rule finding."""
        found = list(found)
        findings = [*found, *stage]
        decisions = decide(doc, findings, self.config.threshold)
        if not any(rules_contextual for r in rules for rules_contextual in r.contextual):
            return decisions, found
        seen = {(f.rule_id, f.blocks, f.requires) for f in findings}
        for _ in range(MAX_PASSES):
            kept = [d.block for d in decisions if d.keep]
            if len(kept) == len(doc.blocks):
                break
            removed = {d.block: d.reason.category for d in decisions if d.reason is not None}
            new = [f for f in self._detect(view.subview(kept, removed), rules, contextual_only=True, deadline=deadline)
                   if (f.rule_id, f.blocks, f.requires) not in seen]
            if not new:
                break
            seen.update((f.rule_id, f.blocks, f.requires) for f in new)
            findings.extend(new)
            found.extend(new)
            updated = decide(doc, findings, self.config.threshold)
            if [d.keep for d in updated] == [d.keep for d in decisions]:
                decisions = updated
                break
            decisions = updated
        return decisions, found

    # -- the whole pipeline --------------------------------------------------------------
    def clean(self, content: str | bytes, *, url: str | None = None, kind: KindArg = "auto") -> CleanResult:
        """Clean one document (text or HTML, str or bytes).

        Raises InputError for input that is not text (binary data, lone surrogates) and
        LimitExceeded for input over ``config.limits`` (size, blocks, HTML elements, time budget).
        """
        deadline = _Deadline(self.config.limits.time_budget_s)
        doc, stage = self.document(content, url=url, kind=kind)
        deadline.check("parsing" if doc.kind == "text" else "parsing and the main-content stage")
        return self._finish(doc, stage, deadline)

    def clean_many(self, items: Iterable, *, jobs: int | None = None, **options) -> Iterator[CleanResult]:
        """Clean many documents in worker processes, yielding results in input order (see cleaner.batch)."""
        from cleaner.batch import clean_many

        return clean_many(self, items, jobs=jobs, **options)

    def clean_document(self, doc: Document, extra_findings: Iterable[Finding] = ()) -> CleanResult:
        return self._finish(doc, extra_findings, _Deadline(self.config.limits.time_budget_s))

    def _finish(self, doc: Document, extra_findings: Iterable[Finding], deadline: _Deadline) -> CleanResult:
        decisions, dropped = self._resolve(doc, extra_findings, deadline)
        text, removals, flags = assemble(doc, decisions)
        removed = sum(r.end - r.start for r in removals)
        stats = {
            "blocks": len(doc.blocks),
            "blocks_removed": sum(not d.keep for d in decisions),
            "chars_in": len(doc.source_text),
            "chars_kept": len(text),
            "chars_removed": removed,
            "structural_findings_dropped": dropped,
        }
        return CleanResult(text=text, removals=removals, source_text=doc.source_text, kind=doc.kind,
                           url=doc.url, flags=flags, stats=stats)


def _wiped_out(words: list[int], before: list[bool], after: list[bool]) -> bool:
    """Whether the rules (``after``) keep next to nothing of the prose there was before them (the
    whole text, or on HTML what the main-content stage kept), when that was an article's worth."""
    prose = sum(w for w, k in zip(words, before, strict=True) if k and w >= PROSE_WORDS)
    kept = sum(w for w, k in zip(words, after, strict=True) if k)
    return prose >= MIN_PROSE and kept < WIPED_OUT_SHARE * prose


_DEFAULT: Cleaner | None = None


def clean(content: str | bytes, *, url: str | None = None, kind: KindArg = "auto") -> CleanResult:
    """Clean one document with the default rules (compiled once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(content, url=url, kind=kind)
