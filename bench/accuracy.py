"""HTML accuracy benchmark: cleaner against trafilatura, readability-lxml and resiliparse.

All extractors run in one process, page by page, on ``../shared/eval/aeb`` and
``../shared/eval/wcxb-dev``. Reported per extractor and corpus: mean bag-of-words P/R/F1 against
``articleBody``; on AEB the benchmark's 4-gram shingle metric (mean P, mean R, F1 of the means);
on WCXB the share of ``with`` snippets found and of ``without`` snippets leaked; pages/s.
``cleaner-no-headline`` is cleaner configured to leave the page's headline out (it keeps it by
default), which is how AEB's references are written. ``cleaner-trafilatura-stage`` is cleaner with
trafilatura's fast mode as the main-content stage's first verdict on every page (before the
prose-density stage became the default).

    python -m bench.accuracy --out bench/accuracy.md            # full run
    python -m bench.accuracy --limit 100 --only cleaner,trafilatura --worst 10

Exits 0 with a message when the corpora are absent.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.evalkit import (
    CORPORA,
    EVAL_DIR,
    Page,
    bow_prf,
    corpus_available,
    load_corpus,
    mean,
    mean_f1,
    shingle_pr,
    snippet_rates,
)

Extract = Callable[[Page], str]


def _text(page: Page) -> str:
    return page.html.decode("utf-8", errors="replace")


def make_extractors(names: set[str] | None) -> dict[str, Extract]:
    """Extractor name → function(page) → text. Each is built once, outside the timed loop."""
    out: dict[str, Extract] = {}

    def want(name: str) -> bool:
        return names is None or name in names

    if want("cleaner"):
        from cleaner.engine import Cleaner

        cleaner = Cleaner()
        out["cleaner"] = lambda p: cleaner.clean(p.html, url=p.url or None, kind="html").text
    if want("cleaner-no-headline"):  # the headline left out (``keep_headline=False``), as AEB's references do
        from cleaner.engine import Cleaner

        bare = Cleaner(keep_headline=False)
        out["cleaner-no-headline"] = lambda p: bare.clean(p.html, url=p.url or None, kind="html").text
    if want("cleaner-trafilatura-stage"):  # trafilatura's fast mode as the first verdict on every page
        from cleaner.engine import Cleaner

        staged = Cleaner(main_content_stage="trafilatura")
        out["cleaner-trafilatura-stage"] = lambda p: staged.clean(p.html, url=p.url or None, kind="html").text
    import trafilatura

    if want("trafilatura"):
        out["trafilatura"] = lambda p: trafilatura.extract(_text(p), url=p.url or None) or ""
    if want("trafilatura-precision"):
        out["trafilatura-precision"] = lambda p: trafilatura.extract(_text(p), url=p.url or None,
                                                                     favor_precision=True) or ""
    if want("readability"):
        try:
            import lxml.html
            from readability import Document as Readability

            def readability(p: Page) -> str:
                summary = Readability(_text(p)).summary(html_partial=True)
                root = lxml.html.fromstring(summary)
                return "\n".join(t.strip() for t in root.itertext() if t.strip())

            out["readability"] = readability
        except ImportError:
            print("readability-lxml not installed: skipped", file=sys.stderr)
    if want("resiliparse"):
        try:
            from resiliparse.extract.html2text import extract_plain_text

            out["resiliparse"] = lambda p: extract_plain_text(_text(p), main_content=True)
        except ImportError:
            print("resiliparse not installed: skipped", file=sys.stderr)
    return out


@dataclass
class Score:
    bow_p: list[float] = field(default_factory=list)
    bow_r: list[float] = field(default_factory=list)
    bow_f: list[float] = field(default_factory=list)
    sh_p: list[float] = field(default_factory=list)
    sh_r: list[float] = field(default_factory=list)
    with_: list[float] = field(default_factory=list)
    without: list[float] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0
    errors: int = 0
    per_page: list[tuple[float, str, str]] = field(default_factory=list)  # (f1, id, url)

    def row(self, corpus: str, name: str) -> list[str]:
        def pct(values: list[float]) -> str:
            return f"{100 * mean(values):.1f}" if values else "–"

        shingle = f"{mean(self.sh_p):.3f} / {mean(self.sh_r):.3f} / {mean_f1(self.sh_p, self.sh_r):.3f}" \
            if self.sh_p else "–"
        speed = f"{self.pages / self.seconds:.0f}" if self.seconds else "–"
        return [corpus, name, f"{mean(self.bow_p):.3f}", f"{mean(self.bow_r):.3f}", f"**{mean(self.bow_f):.3f}**",
                shingle, pct(self.with_), pct(self.without), speed, str(self.errors)]


HEADER = ["corpus", "extractor", "BoW P", "BoW R", "BoW F1", "shingle-4 P / R / F1", "with %", "without %",
          "pages/s", "errors"]


def run(corpus: str, extractors: dict[str, Extract], limit: int | None) -> dict[str, Score]:
    scores = {name: Score() for name in extractors}
    order = list(extractors.items())
    for n, page in enumerate(load_corpus(corpus, limit)):
        # each page starts with the next extractor in turn: the first to read a page pays for its
        # cold caches (and a cleaner variant run after another finds its memos warm), so a fixed
        # order would favour the extractors listed last
        k = n % len(order)
        for name, extract in order[k:] + order[:k]:
            s = scores[name]
            t0 = time.perf_counter()
            try:
                text = extract(page) or ""
            except Exception as exc:  # an extractor's crash is a score of zero, not a stop
                text = ""
                s.errors += 1
                print(f"{name} failed on {corpus}/{page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            s.seconds += time.perf_counter() - t0
            s.pages += 1
            p, r, f = bow_prf(text, page.body)
            s.bow_p.append(p)
            s.bow_r.append(r)
            s.bow_f.append(f)
            s.per_page.append((f, page.id, page.url))
            if corpus == "aeb":
                sp, sr = shingle_pr(text, page.body)
                s.sh_p.append(sp)
                s.sh_r.append(sr)
            w, wo = snippet_rates(text, page.with_, page.without)
            if w is not None:
                s.with_.append(w)
            if wo is not None:
                s.without.append(wo)
    return scores


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    ap.add_argument("--corpus", action="append", choices=CORPORA, help="corpus to run (default: all)")
    ap.add_argument("--only", default=None, help="comma-separated extractors (default: all)")
    ap.add_argument("--out", default=None, help="write the Markdown table to this file")
    ap.add_argument("--worst", type=int, default=0, help="list cleaner's N worst pages per corpus")
    args = ap.parse_args(argv)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    corpora = [c for c in (args.corpus or CORPORA) if corpus_available(c)]
    if not corpora:
        print(f"no evaluation corpora under {EVAL_DIR}: nothing to benchmark")
        return 0
    extractors = make_extractors(set(args.only.split(",")) if args.only else None)
    rows: list[list[str]] = []
    for corpus in corpora:
        scores = run(corpus, extractors, args.limit)
        for name, s in scores.items():
            rows.append(s.row(corpus, name))
        if args.worst and "cleaner" in scores:
            for f, pid, url in sorted(scores["cleaner"].per_page)[: args.worst]:
                print(f"worst {corpus}/{pid} F1={f:.3f} {url}", file=sys.stderr)
    out = table(rows)
    print(out)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(f"Command: `python -m bench.accuracy{' ' + ' '.join(argv or sys.argv[1:])}`\n\n{out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
