"""Core invariants as properties over generated HTML (text-mode properties over generated text are
in test_accounting.py): lossless accounting, removals sorted, disjoint and inside the source, block
offsets exact, bytes and str agree; text mode on a page's visible text is lossless and idempotent;
flattening deep markup keeps every word."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.config import Limits
from cleaner.parse.depth import flatten
from cleaner.parse.html import html_document
from tests.conftest import assert_lossless

CLEANER = Cleaner()
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = ["div", "p", "span", "a", "li", "ul", "nav", "footer", "header", "aside", "section", "article", "figure",
        "figcaption", "form", "button", "h1", "h2", "td", "b", "i", "font", "main", "label", "blockquote", "pre"]
HIDDEN = ["script", "style", "template", "noscript"]
ATTRS = ['class="share"', 'class="newsletter signup"', 'id="cookie-banner"', "hidden", 'aria-hidden="true"',
         'style="display:none"', 'role="navigation"', 'role="dialog"', 'href="/a"', 'class="ad"',
         'class="caption credit"', 'id="main"', 'class="article-body"']
PHRASES = ["Read more", "Share", "Sign up for our newsletter", "Subscribe", "Advertisement", "Photo: Reuters",
           "We use cookies to improve your experience.", "Accept", "Support us", "Monthly", "$5", "© 2024 Example",
           "Privacy Policy", "Home › News › World", "Once", "Dear readers,"]
PROSE = ["The minister said on Tuesday that the plan would go ahead despite the protests.",
         "Researchers found that the river had risen by two metres over the past decade.",
         "Le gouvernement a annoncé mardi un nouveau plan pour les transports publics.",
         "Die Regierung hat am Dienstag einen neuen Plan vorgestellt.", "日本の研究者は新しい方法を発表した。"]
TEXT = st.one_of(
    st.sampled_from(PHRASES), st.sampled_from(PROSE),
    st.sampled_from(["&amp;", "&nbsp;", "&#x1F600;", "&lt;b&gt;", " ", "\n", "\t", "\u200b", "&bogus;"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="<&"),
            max_size=30),
)


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw) -> str:
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.lists(st.sampled_from(ATTRS), max_size=2, unique=True))
        inner = "".join(draw(st.lists(children, max_size=4)))
        close = draw(st.sampled_from([f"</{tag}>"] * 4 + [""]))  # sometimes left open
        return f"<{tag}{''.join(' ' + a for a in attrs)}>{inner}{close}"
    return build()


NODE = st.recursive(TEXT, lambda inner: st.one_of(element(inner), st.sampled_from(
    [f"<{t}>var x = '<p>hidden</p>';</{t}>" for t in HIDDEN] + ["<br>", "<img src=x>", "<!-- a comment -->"])),
    max_leaves=25)


def bodies() -> st.SearchStrategy[str]:
    return st.lists(NODE, max_size=8).map("".join)


@st.composite
def pages(draw) -> str:
    body = draw(bodies())
    title = draw(st.sampled_from(["", "<title>The plan goes ahead</title>"]))
    head = draw(st.sampled_from(["<!doctype html><html><head>{t}</head><body>", "<html><body>", "{t}"]))
    return head.format(t=title) + body + draw(st.sampled_from(["</body></html>", ""]))


def check_offsets(result) -> None:
    """Removals and flags are inside the source and exact; removals never overlap."""
    src = result.source_text
    spans = sorted((r.start, r.end) for r in result.removals)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    for item in (*result.removals, *result.flags):
        assert 0 <= item.start <= item.end <= len(src)
        assert src[item.start:item.end] == item.text


@FAST
@given(pages())
def test_html_mode_is_lossless(html):
    result = CLEANER.clean(html, kind="html")
    assert result.kind == "html"
    assert_lossless(result)
    check_offsets(result)


@FAST
@given(pages())
def test_html_blocks_are_exact_lines_of_the_visible_text(html):
    doc = html_document(html)
    src = doc.source_text
    previous = -1
    for block in doc.blocks:
        assert previous < block.start < block.end <= len(src) or (previous < 0 and block.start == 0)
        assert src[block.start:block.end] == block.text == block.text.strip() != ""
        assert "\n" not in block.text
        previous = block.end
    assert src == "\n".join(b.text for b in doc.blocks)


@FAST
@given(pages())
def test_html_bytes_and_str_give_the_same_result(html):
    as_str = CLEANER.clean(html, kind="html")
    as_bytes = CLEANER.clean(html.encode("utf-8"), kind="html")
    assert as_bytes.source_text == as_str.source_text
    assert as_bytes.removals == as_str.removals


@FAST
@given(pages())
def test_text_mode_on_a_pages_visible_text_is_lossless_and_idempotent(html):
    visible = CLEANER.clean(html, kind="html").source_text
    once = CLEANER.clean(visible, kind="text")
    assert once.source_text == visible
    assert_lossless(once)
    check_offsets(once)
    assert CLEANER.clean(once.text, kind="text").text == once.text


@FAST
@given(pages(), st.integers(min_value=1, max_value=4))
def test_flattening_deep_markup_keeps_every_word(html, depth):
    """What the parser's depth fallback does to a page: structure below ``depth`` goes, the text
    stays, in order. (Where markup is mis-nested, "<span><div>a</span>b", the parser and the
    flattened page may put a block boundary in different places, so only the characters between
    whitespace are compared, not the word boundaries.)"""
    before = "".join(html_document(html).source_text.split())
    after = "".join(html_document(flatten(html, depth)).source_text.split())
    assert after == before


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.integers(min_value=2050, max_value=2200))
def test_pages_nested_past_the_parser_ceiling_lose_no_words(html, depth):
    """Every character of the page's text survives the depth fallback, in order. (Word boundaries
    may differ: libxml2 ignores an end tag that does not match the open element, "<footer><div>a
    </footer>b" reads "ab", while the flattened page puts a space where the unwrapped tag was.)"""
    deep = "<div>" * depth + html + "</div>" * depth
    tight = Cleaner(limits=Limits(max_depth=64))
    result = tight.clean("<html><body><p>Start.</p>" + deep + "<p>End.</p></body></html>", kind="html")
    assert_lossless(result)
    expected = "Start." + "".join(html_document("<html><body>" + html).source_text.split()) + "End."
    assert "".join(result.source_text.split()) == expected


LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
                               "\u2029"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(st.sampled_from(PHRASES), st.sampled_from(PROSE), st.just("")), LINE_BREAKS),
                max_size=25))
def test_text_mode_with_every_unicode_line_break_is_lossless_and_idempotent(lines):
    doc = "".join(line + brk for line, brk in lines)
    once = CLEANER.clean(doc, kind="text")
    assert once.source_text == doc
    assert_lossless(once)
    check_offsets(once)
    assert CLEANER.clean(once.text, kind="text").text == once.text
