"""Text-mode accuracy: cleaner's text mode on real pages, with no DOM.

For each page of ``../shared/eval/aeb`` and ``../shared/eval/wcxb-dev`` (see ``evalkit``) two
inputs are cleaned with ``Cleaner().clean(text, kind="text", url=page.url)``:

(a) the page's whole visible text, one block per line, dumped by ``visible_text`` below (lxml;
    script/style/noscript/template/head and hidden elements dropped; one line per block element);
(b) trafilatura's output, ``trafilatura.extract(html, url=url)`` with default settings.

With ``--dumpers``, two more inputs show how text mode copes with other tools' whole-page text:
resiliparse's ``extract_plain_text(main_content=False)`` with its list bullets ("• Home", nested
items indented), the same text with html2text's and inscriptis' ``*`` bullets, and trafilatura's
Markdown output (``output_format="markdown"``, formatting kept, links left out).

Each input is scored unchanged, through a C4-style line filter (an anchor, see ``c4_filter``) and
through cleaner: mean bag-of-words P/R/F1 against ``articleBody`` and, on WCXB, the mean share of
``with`` snippets kept and of ``without`` snippets leaked (per page, over pages that have them).

    python -m bench.accuracy_text [--limit N] [--out FILE.md] [--corpus aeb] [--worst 10] [--dumpers]

Page texts and trafilatura outputs are cached under ``bench/.cache/`` (gitignored).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.evalkit import CORPORA, Page, bow_prf, corpora_to_measure, load_corpus, mean, snippet_rates

CACHE = Path(__file__).resolve().parent / ".cache"
DUMPER_VERSION = "v2"

# -- (a) the page's visible text ------------------------------------------------------------------

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "select", "button", "textarea", "legend",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"\s+")


def _hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def visible_text(html: bytes | str) -> str:
    """The page's visible text, one line per block element.

    lxml.html parses the page (as UTF-8, the corpora's encoding); ``script``, ``style``,
    ``noscript``, ``template``, ``head`` (and svg/iframe/object/embed/canvas) and elements marked
    hidden (``hidden``, ``aria-hidden=true``, inline ``display:none``/``visibility:hidden``) are dropped.
    Text of inline elements joins its block's line; every block element (p, div, li, h1–h6, td, br…) starts a line.
    Whitespace inside a line is collapsed; empty lines are dropped. No heuristics beyond that.
    """
    import lxml.html
    from lxml import etree

    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not data.strip():
        return ""
    try:
        root = lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comment or processing instruction: only its tail is text
            if el.tail:
                current.append(el.tail)
            return
        tag = tag.lower().rsplit("}", 1)[-1]
        if tag in _DROP or _hidden(el):
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return "\n".join(lines) + ("\n" if lines else "")


# -- the C4 anchor --------------------------------------------------------------------------------

_TERMINAL = (".", "!", "?", '"', "”", "»", "。")
_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def c4_filter(text: str) -> str:
    """C4's line rules (Raffel et al. 2020, tfds ``c4_utils``): keep lines that end in terminal
    punctuation and have at least 3 words, drop lines mentioning "javascript" or a cookie/terms
    policy. The page-level rules (fewer than 5 sentences, "lorem ipsum", "{") are not applied: here
    the filter is an anchor for line cleaning, not a page filter."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        low = line.lower()
        if not line.endswith(_TERMINAL) or len(line.split()) < 3:
            continue
        if "javascript" in low or any(p in low for p in _POLICY):
            continue
        kept.append(line)
    return "\n".join(kept)


# -- inputs, cached -------------------------------------------------------------------------------


def _cached(page: Page, name: str, make: Callable[[Page], str]) -> str:
    digest = hashlib.sha1(page.html).hexdigest()[:12]
    path = CACHE / page.corpus / name / f"{page.id}.{digest}.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    text = make(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


def page_text(page: Page) -> str:
    return _cached(page, f"page-{DUMPER_VERSION}", lambda p: visible_text(p.html))


def trafilatura_text(page: Page) -> str:
    def make(p: Page) -> str:
        import trafilatura

        return trafilatura.extract(p.html.decode("utf-8", "replace"), url=p.url or None) or ""

    return _cached(page, "trafilatura", make)


def resiliparse_text(page: Page) -> str:
    """The page's whole text as resiliparse dumps it: list items bulleted "• ", nested ones indented."""
    def make(p: Page) -> str:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        tree = HTMLTree.parse_from_bytes(p.html, "utf-8")
        return extract_plain_text(tree, main_content=False, preserve_formatting=True, list_bullets=True,
                                  alt_texts=False, links=False, form_fields=False, noscript=False)

    return _cached(page, "resiliparse-page", make)


_BULLET = re.compile(r"^(\s*)•", re.M)


def starred_text(page: Page) -> str:
    """resiliparse's whole-page text with ``*`` bullets, as html2text and inscriptis write lists."""
    return _BULLET.sub(r"\1*", resiliparse_text(page))


INPUTS: dict[str, Callable[[Page], str]] = {
    "(a) whole-page text": page_text,
    "(b) trafilatura output": trafilatura_text,
}
def trafilatura_markdown(page: Page) -> str:
    """trafilatura's output as Markdown, with formatting and without links (what LLM corpora take)."""
    def make(p: Page) -> str:
        import trafilatura

        return trafilatura.extract(p.html.decode("utf-8", "replace"), url=p.url or None, output_format="markdown",
                                   include_formatting=True, include_links=False) or ""

    return _cached(page, "trafilatura-markdown", make)


DUMPERS: dict[str, Callable[[Page], str]] = {
    "(a2) resiliparse whole-page text, • bullets": resiliparse_text,
    "(a3) the same, * bullets": starred_text,
    "(b2) trafilatura Markdown output": trafilatura_markdown,
}


# -- scoring --------------------------------------------------------------------------------------


class Scores:
    """Per-page figures for one (input, method, corpus)."""

    def __init__(self) -> None:
        self.p: list[float] = []
        self.r: list[float] = []
        self.f: list[float] = []
        self.with_: list[float] = []
        self.without: list[float] = []
        self.pages: list[tuple[float, str, str]] = []  # (f1, id, url)

    def add(self, page: Page, text: str) -> None:
        p, r, f = bow_prf(text, page.body)
        self.p.append(p)
        self.r.append(r)
        self.f.append(f)
        self.pages.append((f, page.id, page.url))
        w, wo = snippet_rates(text, page.with_, page.without)
        if w is not None:
            self.with_.append(w)
        if wo is not None:
            self.without.append(wo)

    def cells(self, snippets: bool) -> list[str]:
        out = [f"{mean(self.p):.3f}", f"{mean(self.r):.3f}", f"{mean(self.f):.3f}"]
        if snippets:
            out += [f"{100 * mean(self.with_):.1f}", f"{100 * mean(self.without):.1f}"]
        return out


def run(corpora: list[str], limit: int | None, worst: int, inputs: dict[str, Callable[[Page], str]] = INPUTS,
        ) -> tuple[str, str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    methods: dict[str, Callable[[str, Page], str]] = {
        "unchanged": lambda text, page: text,
        "C4-style line filter": lambda text, page: c4_filter(text),
        "cleaner text mode": lambda text, page: cleaner.clean(text, kind="text", url=page.url or None).text,
    }
    results: dict[tuple[str, str, str], Scores] = {}
    clean_time: dict[str, float] = {}  # input → seconds in cleaner's text mode
    clean_chars: dict[str, int] = {}
    n_pages: dict[str, int] = {}
    for corpus in corpora:
        for page in load_corpus(corpus, limit):
            n_pages[corpus] = n_pages.get(corpus, 0) + 1
            for input_name, make in inputs.items():
                text = make(page)
                for method, apply in methods.items():
                    t0 = time.perf_counter()
                    out = apply(text, page)
                    if method == "cleaner text mode":
                        clean_time[input_name] = clean_time.get(input_name, 0.0) + time.perf_counter() - t0
                        clean_chars[input_name] = clean_chars.get(input_name, 0) + len(text)
                    results.setdefault((input_name, method, corpus), Scores()).add(page, out)
    header = ["input", "method"]
    for corpus in corpora:
        name = "AEB" if corpus == "aeb" else "WCXB-dev"
        header += [f"{name} P", f"{name} R", f"{name} F1"]
        if corpus != "aeb":
            header += ["with %", "without %"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for input_name in inputs:
        for method in methods:
            cells = [input_name, method]
            for corpus in corpora:
                cells += results[(input_name, method, corpus)].cells(snippets=corpus != "aeb")
            rows.append("| " + " | ".join(cells) + " |")
    pages = ", ".join(f"{c} {n}" for c, n in n_pages.items())
    table = "\n".join(rows)
    docs = sum(n_pages.values())
    speed = "; ".join(f"{name.split(' ', 1)[0]} {1000 * t / docs:.1f} ms/doc ({clean_chars[name] / docs / 1000:.1f} kB)"
                      for name, t in clean_time.items())
    notes = (f"\nPages: {pages}. Cleaner text mode took {sum(clean_time.values()):.1f}s in all: {speed}.\n"
             "Mean over pages of bag-of-words P/R/F1 against articleBody; with %/without %: mean per page "
             "of WCXB snippets kept/leaked, over pages that have them.\n")
    detail = []
    if worst:
        for input_name in inputs:
            for corpus in corpora:
                s = results[(input_name, "cleaner text mode", corpus)]
                base = results[(input_name, "unchanged", corpus)]
                pairs = zip(s.pages, base.pages, strict=True)
                drops = sorted((f - b[0], pid, url) for (f, pid, url), b in pairs)[:worst]
                detail.append(f"\n{input_name} / {corpus}: largest F1 losses vs unchanged")
                detail += [f"  {d:+.3f}  {pid}  {url}" for d, pid, url in drops]
                low = sorted(s.pages)[:worst]
                detail.append(f"{input_name} / {corpus}: lowest F1 after cleaning")
                detail += [f"  {f:.3f}  {pid}  {url}" for f, pid, url in low]
    return table + notes, "\n".join(detail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--out", type=Path, default=None, help="also write the Markdown table here")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="only this corpus (repeatable)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages cleaning hurt most")
    parser.add_argument("--dumpers", action="store_true",
                        help="also clean resiliparse's whole-page text (• and * bullets) and trafilatura's Markdown")
    args = parser.parse_args(argv)
    corpora = corpora_to_measure(args.corpus, "accuracy_text")
    if not corpora:
        return 0
    inputs = {**INPUTS, **DUMPERS} if args.dumpers else INPUTS
    table, detail = run(corpora, args.limit, args.worst, inputs)
    print(table)
    if detail:
        print(detail)
    if args.out:
        cmd = "python -m bench.accuracy_text" + (f" --limit {args.limit}" if args.limit else "") + (
            " --dumpers" if args.dumpers else "")
        args.out.write_text(f"# Text-mode accuracy\n\n`{cmd}`\n\n{table}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
