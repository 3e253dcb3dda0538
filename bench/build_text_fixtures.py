"""Rebuild the text fixtures in fixtures/text/ from real pages of ../shared/eval.

Each fixture is the text a scraper would hand cleaner: trafilatura's output (``traf``: it still
carries chrome) or the page's whole visible text (``page``), trimmed to ``max_lines`` lines.
Run: ``python bench/build_text_fixtures.py`` (needs ../shared/eval). Goldens are separate
(``pytest tests/test_text_fixtures.py --force-regen``) and are reviewed as diffs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.evalkit import EVAL_DIR, corpus_available, load_corpus

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "text"

# name → (corpus, page id, source, max lines). Chosen to cover every category and keep-cases.
CASES: dict[str, tuple[str, str, str, int]] = {
    "paywall_statnews": ("wcxb-dev", "0221", "traf", 80),
    "payment_store": ("wcxb-dev", "3054", "traf", 80),
    "ad_product": ("wcxb-dev", "0620", "traf", 80),
    "photo_credit_aljazeera": ("aeb", "7916ecca96", "traf", 80),
    "social_newsletter_paradigm": ("aeb", "0dd1357045", "traf", 80),
    "cookie_ifixit": ("wcxb-dev", "2981", "traf", 80),
    "newsletter_nj": ("aeb", "3f65af7b6b", "traf", 80),
    "legal_cbslocal": ("aeb", "c467d50755", "traf", 80),
    "legal_sciencealert": ("aeb", "359fee2285", "traf", 80),
    "newsletter_spokesman": ("aeb", "c13b9c0e04", "traf", 80),
    "forum_avforums": ("wcxb-dev", "0519", "traf", 60),
    "page_cbssports": ("aeb", "08f7937627", "page", 400),
    "page_aljazeera": ("aeb", "42aad16bde", "page", 400),
    "keep_plain_article": ("aeb", "042bb7b5fe", "traf", 60),
}


_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br", "section",
               "article", "header", "footer", "nav", "aside", "figure", "figcaption", "blockquote", "pre", "form",
               "table", "dt", "dd", "main", "button", "label", "option", "hr"}


def page_text(html: str) -> str:
    """Whole-page visible text, one block per line: lxml, without script/style/head, block tags
    as line breaks, whitespace collapsed inside each line."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//head|//svg|//*[@hidden]"):
        bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def main() -> int:
    if not all(corpus_available(c) for c in ("aeb", "wcxb-dev")):
        print(f"evaluation corpora not found under {EVAL_DIR}; nothing to build")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    wanted: dict[tuple[str, str], list[str]] = {}
    for name, (corpus, page_id, _, _) in CASES.items():
        wanted.setdefault((corpus, page_id), []).append(name)
    sources = ["# Sources of the text fixtures\n", "Built by `python bench/build_text_fixtures.py`.\n",
               "| fixture | corpus | page id | url | text |", "|---|---|---|---|---|"]
    for corpus in ("aeb", "wcxb-dev"):
        for page in load_corpus(corpus):
            names = [n for (c, pid), ns in wanted.items() if c == corpus and page.id.startswith(pid) for n in ns]
            for name in names:
                _, _, source, max_lines = CASES[name]
                html = page.html.decode("utf-8", "replace")
                text = trafilatura.extract(html, url=page.url) if source == "traf" else page_text(html)
                lines = (text or "").splitlines()[:max_lines]
                (OUT / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
                label = "trafilatura output" if source == "traf" else "whole-page text"
                sources.append(f"| {name} | {corpus} | {page.id} | {page.url} | {label}, first {max_lines} lines |")
    (OUT / "SOURCES.md").write_text("\n".join(sources) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} fixtures to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
