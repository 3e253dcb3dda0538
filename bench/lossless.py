"""Lossless accounting over every page of the evaluation corpora, in both modes.

For each page of ``aeb`` and ``wcxb-dev`` (``../shared/eval``, see bench/evalkit.py):

* ``html``: ``Cleaner.clean(page_bytes, kind="html")``;
* ``text:trafilatura``: text mode on trafilatura's output for the page;
* ``text:visible``: text mode on the page's visible text (bench/accuracy_text.py's dumper).

A document passes when kept text plus removals rebuilds ``source_text`` exactly, removals are sorted,
disjoint, non-empty, inside the source and equal to their span, and (text mode) ``source_text`` is
the input itself. Prints the share per corpus and mode and every failure; exits 1 on any failure,
0 when all reconstruct or when the corpora are absent.

    python -m bench.lossless [--corpus aeb] [--limit N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from multiprocessing import Pool

from bench.evalkit import CORPORA, Page, corpus_available, load_corpus

MODES = ("html", "text:trafilatura", "text:visible")
_CLEANER = None


def problems(result, source: str | None) -> list[str]:
    """What is wrong with a result's accounting (empty when it is lossless)."""
    from cleaner.model import reconstruct

    src = result.source_text
    out = []
    if source is not None and src != source:
        out.append("source_text is not the input")
    previous = 0
    for r in result.removals:
        if not (previous <= r.start < r.end <= len(src)):
            out.append(f"removal {r.start}-{r.end} out of order, empty or outside the source ({len(src)})")
        elif src[r.start:r.end] != r.text:
            out.append(f"removal {r.start}-{r.end} text differs from the source")
        previous = max(previous, r.end)
    if len(result.text) + sum(r.end - r.start for r in result.removals) != len(src):
        out.append("kept + removed length is not the source length")
    if reconstruct(result.text, result.removals) != src:
        out.append("kept text plus removals does not rebuild the source")
    return out


def check_page(page: Page) -> list[tuple[str, str, str, list[str]]]:
    """(corpus, id, mode, problems) per mode for one page."""
    global _CLEANER
    from bench.accuracy_text import page_text, trafilatura_text
    from cleaner import Cleaner
    from cleaner.errors import CleanerError

    if _CLEANER is None:
        _CLEANER = Cleaner()
    rows = []
    for mode in MODES:
        try:
            if mode == "html":
                result, source = _CLEANER.clean(page.html, url=page.url or None, kind="html"), None
            else:
                source = trafilatura_text(page) if mode == "text:trafilatura" else page_text(page)
                result = _CLEANER.clean(source, url=page.url or None, kind="text")
            found = problems(result, source)
        except CleanerError as exc:
            found = [f"refused: {exc}"]
        except Exception as exc:  # a crash is a failure too, reported with the page
            found = [f"crash: {type(exc).__name__}: {exc}"]
        rows.append((page.corpus, page.id, mode, found))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    corpora = [c for c in (args.corpus or CORPORA) if corpus_available(c)]
    if not corpora:
        print("lossless: evaluation corpora not found (../shared/eval or CLEANER_EVAL_DIR); nothing to check")
        return 0
    started = time.perf_counter()
    pages = (p for c in corpora for p in load_corpus(c, args.limit))
    total: Counter = Counter()
    ok: Counter = Counter()
    failures = []
    with Pool(args.jobs) as pool:
        for rows in pool.imap_unordered(check_page, pages, chunksize=4):
            for corpus, page_id, mode, found in rows:
                total[corpus, mode] += 1
                if found:
                    failures.append((corpus, page_id, mode, found))
                else:
                    ok[corpus, mode] += 1
    print(f"lossless accounting, {time.perf_counter() - started:.0f} s")
    print(f"{'corpus':10} {'mode':18} {'pages':>6} {'lossless':>9} {'share':>8}")
    for corpus in corpora:
        for mode in MODES:
            n = total[corpus, mode]
            print(f"{corpus:10} {mode:18} {n:6d} {ok[corpus, mode]:9d} {ok[corpus, mode] / max(n, 1):8.2%}")
    for corpus, page_id, mode, found in sorted(failures):
        print(f"FAIL {corpus}/{page_id} [{mode}]: {'; '.join(found)[:300]}")
    print(f"{sum(ok.values())}/{sum(total.values())} documents reconstruct")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
