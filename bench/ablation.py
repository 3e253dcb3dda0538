"""Per-rule ablation: what each rule costs and gains, in text mode and in HTML mode.

For every page of the corpora and each input — (a) whole-page text and (b) trafilatura output of
``bench.accuracy_text`` (read from ``bench/.cache/``), cleaned in text mode, and (h) the page's
HTML — the page is cleaned with all rules, then, for each rule that removed something on it, again
with ``Cleaner(ignore=(rule_id,))``. On HTML the page is parsed and its main-content stage run
once (the stage does not depend on the rules); only the rules run again. The table gives, per
rule and input, how the corpus means would move if the rule were switched off: a positive ΔF1 or
Δwith, or a negative Δwithout, means the rule costs more than it gains.

    python -m bench.ablation [--limit N] [--input a|b|h] [--corpus aeb] [--rule ID] [--pages 5]

``--pages N`` lists, per rule, the N pages where switching it off would help F1 most.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from bench.accuracy_text import INPUTS
from bench.evalkit import CORPORA, bow_prf, corpus_available, load_corpus, snippet_rates
from cleaner.html.stage import OUTSIDE_ID, REPEAT_ID


def _scores(text: str, page) -> tuple[float, float | None, float | None]:
    w, wo = snippet_rates(text, page.with_, page.without)
    return bow_prf(text, page.body)[2], w, wo


HTML = "(h) HTML"
STAGE_IDS = {OUTSIDE_ID, REPEAT_ID}  # the main-content stage's removals: no rule to switch off


class _Page:
    """One input of one page, prepared once: its text, or its parsed document and stage findings."""

    def __init__(self, full, name: str, page) -> None:
        self.url = page.url or None
        if name == HTML:
            self.doc, self.stage = full.document(page.html, url=self.url, kind="html")
        else:
            self.text = INPUTS[name](page)

    def clean(self, cleaner):
        if hasattr(self, "doc"):
            return cleaner.clean_document(self.doc, self.stage)
        return cleaner.clean(self.text, kind="text", url=self.url)


def run(corpora: list[str], inputs: list[str], limit: int | None, only: str | None, show: int) -> str:
    from cleaner import Cleaner

    full = Cleaner()
    ablated: dict[str, Cleaner] = {}
    # (input, corpus) -> page count, count of pages having with/without snippets
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    # (rule, input, corpus) -> summed deltas of F1, with, without; pages fired; per-page F1 deltas
    deltas: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    per_page: dict[tuple[str, str, str], list[tuple[float, str, str]]] = defaultdict(list)
    for corpus in corpora:
        for page in load_corpus(corpus, limit):
            for name in inputs:
                prepared = _Page(full, name, page)
                c = counts[(name, corpus)]
                c[0] += 1
                c[1] += bool(page.with_)
                c[2] += bool(page.without)
                result = prepared.clean(full)
                f, w, wo = _scores(result.text, page)
                for rule in sorted({r.rule_id for r in result.removals} - STAGE_IDS):
                    if only and rule != only:
                        continue
                    if rule not in ablated:
                        ablated[rule] = Cleaner(ignore=(rule,))
                    out = prepared.clean(ablated[rule]).text
                    f2, w2, wo2 = _scores(out, page)
                    d = deltas[(rule, name, corpus)]
                    d[0] += f2 - f
                    d[1] += (w2 - w) if w is not None else 0.0
                    d[2] += (wo2 - wo) if wo is not None else 0.0
                    d[3] += 1
                    per_page[(rule, name, corpus)].append((f2 - f, page.id, page.url))
    lines = ["Switching one rule off: change of the corpus mean (positive ΔF1/Δwith, negative Δwithout: "
             "the rule costs more than it gains).", ""]
    header = "| rule | input | corpus | pages fired | ΔF1 | Δwith % | Δwithout % |"
    lines += [header, "|---|---|---|---|---|---|---|"]
    for (rule, name, corpus), d in sorted(deltas.items(), key=lambda kv: -kv[1][0] / counts[kv[0][1:]][0]):
        n, nw, nwo = counts[(name, corpus)]
        lines.append(f"| {rule} | {name[:3]} | {corpus} | {d[3]} | {d[0] / n:+.4f} | "
                     f"{100 * d[1] / max(nw, 1):+.2f} | {100 * d[2] / max(nwo, 1):+.2f} |")
    if show:
        for key, pages in sorted(per_page.items()):
            rule, name, corpus = key
            lines.append(f"\n{rule} / {name} / {corpus}: pages where switching it off helps most")
            lines += [f"  {d:+.3f}  {pid}  {url}" for d, pid, url in sorted(pages, reverse=True)[:show] if d > 0]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="only this corpus (repeatable)")
    parser.add_argument("--input", choices=("a", "b", "h"), action="append",
                        help="only this input (repeatable): a, b (text mode), h (HTML)")
    parser.add_argument("--rule", default=None, help="only this rule id")
    parser.add_argument("--pages", type=int, default=0, help="list the N pages each rule hurts most")
    args = parser.parse_args(argv)
    corpora = [c for c in (args.corpus or CORPORA) if corpus_available(c)]
    if not corpora:
        print("ablation: no evaluation corpora; nothing to measure.")
        return 0
    inputs = [n for n in (*INPUTS, HTML) if not args.input or n[1] in args.input]
    print(run(corpora, inputs, args.limit, args.rule, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
