"""Seconds per hostile input, with the default limits, against a stated bound.

Bound: every hostile input is answered — a clean result or a typed error — within ``BOUND_S``
seconds on one core (the unit tests in tests/test_hostile.py assert *what* the answer is; this
measures *how fast*). Inputs at the limits (a page just under ``max_elements``, a text just under
``max_bytes``) are included: they are the slowest documents the defaults accept.

    python -m bench.hostile            # exit 1 when any input is over the bound
"""

from __future__ import annotations

import gzip
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

BOUND_S = 30.0
ARTICLE = "<p>The minister said on Tuesday that the plan would go ahead despite the protests.</p>"


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>T</title></head><body>{body}</body></html>"


def cases(tmp: Path) -> list[tuple[str, Callable[[], object]]]:
    from cleaner import Cleaner
    from cleaner.config import Limits

    c = Cleaner()
    wide = Cleaner(limits=Limits(max_bytes=64 * 1024 * 1024, max_elements=2_000_000, max_blocks=2_000_000))
    para = ARTICLE + "\n"
    evil = tmp / "evil.yaml"
    evil.write_text(textwrap.dedent("""\
        name: evil
        rules:
          - id: evil.nested
            category: ad
            description: Nested quantifiers that backtrack exponentially in a backtracking engine.
            match: [{kind: regex, patterns: ['^(a+)+$', '(x+x+)+y', '(.*a){12}', '(\\w+\\s?)*$']}]
        """), encoding="utf-8")
    deep_yaml = tmp / "deep.yaml"
    deep_yaml.write_text("[" * 1_000_000, encoding="utf-8")
    return [
        ("empty", lambda: c.clean("")),
        ("whitespace only (1 MB)", lambda: c.clean(" \n\t" * 350_000)),
        ("PNG-like binary (1 MB)", lambda: c.clean(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4096)),
        ("gzip (1 MB of HTML)", lambda: c.clean(gzip.compress(page(para * 10_000).encode()))),
        ("NUL-filled (1 MB)", lambda: c.clean(b"\x00" * 1_000_000)),
        ("invalid UTF-8 (4 MB, one line)", lambda: c.clean(b"caf\xe9 \xff\xfe na\xefve \xc3\x28 " * 200_000)),
        ("UTF-16 HTML with BOM (2 MB)", lambda: c.clean(page(para * 10_000).encode("utf-16"))),
        ("50 MB page (refused)", lambda: c.clean(page(para * 600_000).encode())),
        ("16 MB page (at the size limit, 19,000 long paragraphs)",
         lambda: c.clean(page(("<p>" + "The minister said on Tuesday that the plan would go ahead. " * 14 + "</p>\n")
                              * 19_000).encode())),
        ("50 MB page (64 MB limit, accepted)", lambda: wide.clean(page(("<p>" + "word " * 2000 + "</p>")
                                                                         * 5_000).encode())),
        ("100,000-deep nested tags", lambda: c.clean(page("<div>" * 100_000 + ARTICLE + "</div>" * 100_000))),
        ("100,000 unclosed tags", lambda: c.clean(page("<span><b>" * 50_000 + "text"))),
        ("single 10 MB line (text)", lambda: c.clean("word " * 2_000_000, kind="text")),
        ("single 10 MB line (HTML)", lambda: c.clean(page("<p>" + "word " * 2_000_000 + "</p>"))),
        ("1,000,000 tiny elements (refused)", lambda: c.clean(page("<p>a</p>" * 1_000_000))),
        ("1,000,000 tiny spans (refused)", lambda: c.clean(page("<span>a</span>" * 1_000_000))),
        ("199,000 tiny elements (refused: blocks)", lambda: c.clean(page("<p>a</p>" * 199_000))),
        ("49,000 paragraphs (at the block limit)", lambda: c.clean(page("<p>Short paragraph.</p>" * 49_000))),
        ("1,000,000 lines (refused)", lambda: c.clean("a\n" * 1_000_000)),
        ("49,000 lines (at the block limit)", lambda: c.clean("Share\n" * 49_000)),
        ("entity flood &amp; (10 MB)", lambda: c.clean(page("<p>" + "&amp;" * 2_000_000 + "</p>"))),
        ("entity flood &#x1F600; (9 MB)", lambda: c.clean(page("<p>" + "&#x1F600;" * 1_000_000 + "</p>"))),
        ("bogus entities (6 MB)", lambda: c.clean(page("<p>" + "&bogus;&#99999999;&#0;" * 250_000 + "</p>"))),
        ("catastrophic regexes, 1 MB of a's", lambda: Cleaner(rule_paths=(str(evil),), select=("evil",)).clean(
            ("a" * 100_000 + "!\n") * 10)),
        ("YAML nesting bomb (1 MB rule file)", lambda: Cleaner(rule_paths=(str(deep_yaml),))),
    ]


def main() -> int:
    from cleaner.errors import CleanerError

    worst = 0.0
    with TemporaryDirectory() as tmp:
        todo = cases(Path(tmp))
        todo[0][1]()  # warm up: rules compiled, modules imported
        import cleaner.html  # noqa: F401 - trafilatura imported before timing

        print(f"{'hostile input':42} {'seconds':>8}  outcome")
        for name, run in todo:
            started = time.perf_counter()
            try:
                result = run()
                outcome = (f"cleaned: {len(getattr(result, 'source_text', ''))} chars, "
                           f"{len(getattr(result, 'removals', ()))} removals") if hasattr(result, "text") else "ok"
            except CleanerError as exc:
                outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
            seconds = time.perf_counter() - started
            worst = max(worst, seconds)
            print(f"{name:42} {seconds:8.2f}  {outcome}", flush=True)
    print(f"slowest: {worst:.2f} s; bound {BOUND_S:.0f} s: {'ok' if worst <= BOUND_S else 'OVER'}")
    return 0 if worst <= BOUND_S else 1


if __name__ == "__main__":
    sys.exit(main())
