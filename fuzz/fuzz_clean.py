"""Atheris harness for cleaner's entry points, checking the core invariants on every input.

Entry points (``CLEANER_FUZZ_ENTRY``: ``text``, ``html`` or ``all``; the first input byte picks
one of the selected):

* ``text-str``  – ``Cleaner.clean(str, kind="text")``: lossless, source_text is the input, and
  cleaning the clean text again changes nothing (idempotence);
* ``text-bytes`` – ``Cleaner.clean(bytes)`` with kind sniffing and decoding;
* ``html-bytes`` – ``Cleaner.clean(bytes, kind="html")`` on raw fuzzed bytes;
* ``html-gen``  – HTML built from the input (nested tags, attributes, entities, chrome phrases).

Every result must reconstruct its source from kept text plus removals, removals must be sorted,
disjoint, non-empty, inside the source and exact. Refusals are allowed only as ``InputError``
(which includes ``LimitExceeded``); anything else is a crash. Run (see docs/reliability.md)::

    CLEANER_FUZZ_ENTRY=text python fuzz/fuzz_clean.py -atheris_runs=700000 -timeout=20 \
        -max_total_time=3000 -dict=fuzz/html.dict fuzz/corpus/text
"""

from __future__ import annotations

import os
import sys

import atheris

# CLEANER_FUZZ_INSTRUMENT=0 skips coverage instrumentation of cleaner's Python code: mutation is
# then unguided, but several times faster (how the long runs in docs/reliability.md were made).
if os.environ.get("CLEANER_FUZZ_INSTRUMENT", "1") == "1":
    with atheris.instrument_imports(include=["cleaner"]):
        from cleaner import Cleaner
        from cleaner.config import Limits
        from cleaner.errors import InputError
        from cleaner.model import reconstruct
else:
    from cleaner import Cleaner
    from cleaner.config import Limits
    from cleaner.errors import InputError
    from cleaner.model import reconstruct

# Small limits keep every input fast; the limits themselves are part of what is fuzzed.
CLEANER = Cleaner(limits=Limits(max_bytes=256 * 1024, max_blocks=5_000, max_elements=20_000, max_depth=64))
ENTRY = os.environ.get("CLEANER_FUZZ_ENTRY", "all")
MODES = {"text": ("text-str", "text-bytes"), "html": ("html-bytes", "html-gen"),
         "all": ("text-str", "text-bytes", "html-bytes", "html-gen")}[ENTRY]

TAGS = ["div", "p", "span", "a", "li", "ul", "nav", "footer", "header", "aside", "section", "article", "figure",
        "figcaption", "form", "button", "h1", "h2", "table", "tr", "td", "br", "img", "script", "style", "pre",
        "b", "i", "font", "main", "label", "input", "template", "svg", "noscript", "iframe", "dialog", "blockquote"]
ATTRS = ['class="share"', 'class="newsletter signup"', 'id="cookie-banner"', 'hidden', 'aria-hidden="true"',
         'style="display:none"', 'role="navigation"', 'role="dialog"', 'href="/a"', 'type="email"', 'class="ad"',
         'class="caption credit"', 'id="main"', 'role="main"']
WORDS = ["Read more", "Share", "Sign up for our newsletter", "Subscribe", "Advertisement", "Photo: Reuters",
         "We use cookies.", "Accept", "Support us", "Donate", "Once", "Monthly", "$5", "© 2024 Example",
         "Privacy Policy", "The minister said on Tuesday that the plan would go ahead despite the protests.",
         "&amp;", "&nbsp;", "&#x1F600;", "&bogus;", "&#0;", "<!-- c -->", "\u200b", "\r\n", "\n\n", "\t", " ",
         "日本語の記事本文です。", "Lesen Sie mehr", "Suscríbete", "\x00", "<![CDATA[x]]>", "]]>", "<", ">", "&"]


def check(result, source: str | None) -> None:
    src = result.source_text
    if source is not None:
        assert src == source, "text mode: source_text differs from the input"
    previous = 0
    for r in result.removals:
        assert 0 <= previous <= r.start < r.end <= len(src), f"removal out of order or outside the source: {r}"
        assert src[r.start:r.end] == r.text, f"removal text differs from the source span: {r}"
        previous = r.end
    assert len(result.text) + sum(r.end - r.start for r in result.removals) == len(src), "lengths do not add up"
    assert reconstruct(result.text, result.removals) == src, "kept text plus removals is not the source"
    for f in result.flags:
        assert 0 <= f.start <= f.end <= len(src) and src[f.start:f.end] == f.text, f"bad flag offsets: {f}"


def generated_html(fdp: atheris.FuzzedDataProvider) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(fdp.ConsumeIntInRange(0, 200)):
        op = fdp.ConsumeIntInRange(0, 5)
        if op == 0 or op == 1:
            tag = TAGS[fdp.ConsumeIntInRange(0, len(TAGS) - 1)]
            n_attrs = fdp.ConsumeIntInRange(0, 2)
            attrs = " ".join(ATTRS[fdp.ConsumeIntInRange(0, len(ATTRS) - 1)] for _ in range(n_attrs))
            out.append(f"<{tag}{' ' + attrs if attrs else ''}>")
            open_tags.append(tag)
        elif op == 2 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        elif op == 3:
            out.append(WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)])
        elif op == 4:
            out.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40)))
        else:
            out.append(f"</{TAGS[fdp.ConsumeIntInRange(0, len(TAGS) - 1)]}>")  # stray or misnested end tag
    head = ["", "<!doctype html>", "<html><head><title>T</title></head><body>"][fdp.ConsumeIntInRange(0, 2)]
    return head + "".join(out)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode = MODES[data[0] % len(MODES)]
    fdp = atheris.FuzzedDataProvider(data[1:])
    try:
        if mode == "text-str":
            text = fdp.ConsumeUnicodeNoSurrogates(len(data))
            result = CLEANER.clean(text, kind="text")
            check(result, text)
            if result.removals:  # nothing removed: the output is the input, trivially a fixed point
                again = CLEANER.clean(result.text, kind="text")
                assert again.text == result.text, "text mode is not idempotent on its own output"
        elif mode == "text-bytes":
            result = CLEANER.clean(data[1:])
            check(result, None)
        elif mode == "html-bytes":
            result = CLEANER.clean(data[1:], kind="html")
            check(result, None)
        else:
            result = CLEANER.clean(generated_html(fdp), kind="html")
            check(result, None)
    except InputError:
        return


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
