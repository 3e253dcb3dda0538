"""Where cleaner's HTML-mode time goes, per page, beside trafilatura's default in the same run.

For each page of ``../shared/eval/aeb`` and ``../shared/eval/wcxb-dev`` (see ``evalkit``) the
phases of ``Cleaner.clean`` are timed one by one: decoding, parsing and segmenting into blocks
(``html_document``); the first verdict on that tree (cleaner's prose-density stage, then
trafilatura's fast mode on the pages it declines, timed apart); the second opinion (trafilatura with
its fallbacks, asked only when the stage doubts the first verdict); the rest of the main-content
stage (alignment is inside the extractors' times; prose density, siblings, findings); the rules,
decisions and assembly. ``trafilatura.extract`` with default settings runs on the same page as the
anchor. The table gives ms/page per phase, how often trafilatura's fast mode and the second opinion
were asked, and cleaner's time as a multiple of trafilatura's.

    python -m bench.phases [--limit N] [--corpus aeb]
"""

from __future__ import annotations

import argparse
import logging
import time
import warnings
from dataclasses import dataclass, field, replace

from bench.evalkit import CORPORA, corpora_to_measure, load_corpus
from cleaner import Cleaner
from cleaner.extract import FirstAnswer, MainContent, MainContentExtractor
from cleaner.html import _extractors
from cleaner.html.pagetype import forum_thread
from cleaner.html.stage import stage_findings
from cleaner.model import Document
from cleaner.parse.html import html_document
from cleaner.parse.sniff import decode


@dataclass
class Timed:
    """A MainContentExtractor that adds the time it spends (and its calls) to a tally."""

    inner: MainContentExtractor
    tally: dict[str, float]
    key: str
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.inner.name

    def main_content(self, doc: Document) -> MainContent | None:
        start = time.perf_counter()
        try:
            return self.inner.main_content(doc)
        finally:
            self.tally[self.key] += time.perf_counter() - start
            self.tally[self.key + " calls"] += 1


PHASES = ("parse and segment", "prose density", "trafilatura fast", "second opinion", "rest of the stage",
          "rules and output")
EXTRACTORS = ("prose density", "trafilatura fast", "second opinion")


def timed_first(first: MainContentExtractor, tally: dict[str, float]) -> MainContentExtractor:
    """The first verdict with each of its extractors timed apart (prose density, then trafilatura)."""
    if isinstance(first, FirstAnswer):
        density, *rest = first.extractors
        return FirstAnswer(Timed(density, tally, "prose density"),
                           *(Timed(e, tally, "trafilatura fast") for e in rest))
    return Timed(first, tally, "trafilatura fast")


def measure(corpus: str, limit: int | None) -> tuple[int, dict[str, float]]:
    import trafilatura

    cleaner = Cleaner()
    tally: dict[str, float] = dict.fromkeys((*PHASES, *(f"{e} calls" for e in EXTRACTORS), "trafilatura"), 0.0)
    pages = 0
    for page in load_corpus(corpus, limit):
        pages += 1
        start = time.perf_counter()
        doc = html_document(decode(page.html), url=page.url or None)
        tally["parse and segment"] += time.perf_counter() - start
        first, second = _extractors(forum=forum_thread(doc.page.root))
        start = time.perf_counter()
        verdict, findings = stage_findings(doc, timed_first(first, tally),
                                           second=Timed(second, tally, "second opinion") if second else None)
        stage = time.perf_counter() - start
        start = time.perf_counter()
        judged = replace(doc, blocks=tuple(b.judged(verdict[b.index]) for b in doc.blocks))
        cleaner.clean_document(judged, findings)
        tally["rules and output"] += time.perf_counter() - start
        tally["rest of the stage"] += stage
        start = time.perf_counter()
        trafilatura.extract(page.html, url=page.url or None)
        tally["trafilatura"] += time.perf_counter() - start
    tally["rest of the stage"] -= sum(tally[e] for e in EXTRACTORS)
    return pages, tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="only this corpus (repeatable)")
    args = parser.parse_args(argv)
    corpora = corpora_to_measure(args.corpus, "phases")
    if not corpora:
        return 0
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    columns = ("corpus", "pages", *PHASES, "cleaner total", "trafilatura", "ratio", "trafilatura fast asked",
               "second opinion asked")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for corpus in corpora:
        pages, t = measure(corpus, args.limit)
        ms = {k: 1000 * v / max(pages, 1) for k, v in t.items()}
        total = sum(ms[p] for p in PHASES)
        cells = " | ".join(f"{ms[p]:.1f}" for p in PHASES)
        asked = [int(t[f"{e} calls"]) for e in ("trafilatura fast", "second opinion")]
        print(f"| {corpus} | {pages} | {cells} | {total:.1f} | {ms['trafilatura']:.1f} | "
              f"{total / ms['trafilatura']:.2f}× | "
              + " | ".join(f"{n} ({100 * n / max(pages, 1):.0f} %)" for n in asked) + " |")
    print("ms/page; ratio = cleaner's time over trafilatura's (default settings) on the same pages.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
