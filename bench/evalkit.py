"""Shared evaluation kit: corpus loading and the metrics the benchmarks report.

Corpora are read from ``../shared/eval`` (override with ``CLEANER_EVAL_DIR``). When absent, the
benchmarks say so and exit 0; tests never need them.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EVAL_DIR = Path(os.environ.get("CLEANER_EVAL_DIR", Path(__file__).resolve().parent.parent.parent / "shared" / "eval"))
CORPORA = ("aeb", "wcxb-dev")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    corpus: str
    id: str
    url: str
    html: bytes
    body: str  # the labelled articleBody
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    page_type: str = "article"


def corpus_available(name: str) -> bool:
    return (EVAL_DIR / name / "ground-truth.json").is_file()


def corpora_to_measure(requested: list[str] | None, tool: str) -> list[str]:
    """The requested corpora (all by default) that are present; says so when none is."""
    found = [c for c in (requested or CORPORA) if corpus_available(c)]
    if not found:
        print(f"{tool}: no evaluation corpora under {EVAL_DIR}; nothing to measure.")
    return found


def load_corpus(name: str, limit: int | None = None) -> Iterator[Page]:
    """Pages of ``aeb`` or ``wcxb-dev`` in id order."""
    root = EVAL_DIR / name
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for n, page_id in enumerate(sorted(truth)):
        if limit is not None and n >= limit:
            return
        entry = truth[page_id]
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        yield Page(name, page_id, entry.get("url", ""), html, entry.get("articleBody", ""),
                   tuple(entry.get("with", ())), tuple(entry.get("without", ())), entry.get("page_type", "article"))


def _prf(tp: float, n_pred: float, n_true: float) -> tuple[float, float, float]:
    if n_pred == 0 and n_true == 0:
        return 1.0, 1.0, 1.0
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bow_prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision/recall/F1 (lower-cased ``\\w+`` tokens, multiset overlap)."""
    pred = Counter(t.lower() for t in _WORD.findall(predicted))
    true = Counter(t.lower() for t in _WORD.findall(truth))
    tp = sum((pred & true).values())
    return _prf(tp, sum(pred.values()), sum(true.values()))


def shingle_counts(text: str, n: int = 4) -> Counter:
    tokens = _WORD.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def shingle_pr(predicted: str, truth: str) -> tuple[float, float]:
    """AEB's metric per document: case-sensitive ``\\w+`` 4-gram shingles, precision and recall.

    The benchmark averages P and R over documents, then takes F1 of the means (see ``mean_f1``).
    """
    pred, true = shingle_counts(predicted), shingle_counts(truth)
    tp = sum((pred & true).values())
    p, r, _ = _prf(tp, sum(pred.values()), sum(true.values()))
    return p, r


def snippet_rates(text: str, with_: tuple[str, ...], without: tuple[str, ...]) -> tuple[float | None, float | None]:
    """Share of ``with`` snippets present and of ``without`` snippets leaked (whitespace-normalised)."""
    hay = _SPACE.sub(" ", text)
    found = [(_SPACE.sub(" ", s).strip() in hay) for s in with_ if s.strip()]
    leaked = [(_SPACE.sub(" ", s).strip() in hay) for s in without if s.strip()]
    return (sum(found) / len(found) if found else None, sum(leaked) / len(leaked) if leaked else None)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def mean_f1(ps: list[float], rs: list[float]) -> float:
    p, r = mean(ps), mean(rs)
    return 2 * p * r / (p + r) if p + r else 0.0
