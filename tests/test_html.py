"""HTML input: parsing into blocks with DOM context, decoding, kind sniffing, the main-content
stage, DOM matchers and lossless accounting."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.engine import Cleaner
from cleaner.extract import MainContent, TrafilaturaExtractor, align
from cleaner.html import analyse_html
from cleaner.model import Action, Document, reconstruct
from cleaner.parse.html import html_document
from cleaner.parse.sniff import decode, sniff_kind

ARTICLE = """<!doctype html><html><head><title>Council approves the new bridge | Gazette</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main><article>
<h1>Council approves the new bridge</h1>
<p>The city council voted on Tuesday to approve the construction of a new bridge over the river, ending a debate
that has lasted more than ten years and divided residents of both banks.</p>
<p>The bridge will carry cyclists and pedestrians only. Work is expected to begin next spring and to last two years,
according to the mayor, who called the vote a turning point for the city.</p>
<p>Opponents said the cost, estimated at forty million euros, was too high for a city of this size, and that the
money would be better spent on schools and on repairing existing roads.</p>
<figure><img src="b.jpg"><figcaption>The river at dusk. <span class="credit">Photo: Jane Doe</span>
</figcaption></figure>
<p>The council will publish the final plans in January, after a last round of consultation with residents and
local businesses on both sides of the river.</p>
<div class="newsletter-box"><h3>Get our daily newsletter</h3><form><input type="email" name="email">
<button>Sign up</button></form><p>You can unsubscribe at any time.</p></div>
</article></main>
<footer><a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a><p>© 2024 Gazette Media</p></footer>
</body></html>"""


def _doc(html: str) -> Document:
    return html_document(html)


def test_blocks_are_lines_of_visible_text() -> None:
    doc = _doc(ARTICLE)
    assert doc.kind == "html"
    assert all(doc.source_text[b.start:b.end] == b.text for b in doc.blocks)
    assert doc.source_text == "\n".join(b.text for b in doc.blocks)
    texts = [b.text for b in doc.blocks]
    assert "Home" in texts and "Council approves the new bridge" in texts
    assert not any("<" in t or "\n" in t for t in texts)
    assert doc.title == "Council approves the new bridge | Gazette"


def test_scripts_styles_and_comments_are_not_text() -> None:
    doc = _doc("<html><head><style>p{}</style></head><body><script>var x = 1;</script><!-- note -->"
               "<p>Visible <b>bold</b> text</p></body></html>")
    assert [b.text for b in doc.blocks] == ["Visible bold text"]


def test_noscript_is_hidden_text() -> None:
    """What a reader without JavaScript sees (a forum's crawler view) is text, marked hidden: kept when
    it is the main content, removed otherwise; the JavaScript notice goes in any case."""
    posts = "".join(f"<div class='crawler-post'><p>{PARA.format(n=n)}</p></div>" for n in range(3))
    doc = _doc(f"<html><body><p>Visible text</p><noscript>enable js<div>{posts}</div></noscript></body></html>")
    assert [b.text for b in doc.blocks][:2] == ["Visible text", "enable js"]
    assert all(b.dom.hidden for b in doc.blocks[1:]) and not doc.blocks[0].dom.hidden
    page = (f"<html><body><div id='app'></div><noscript><p>You need to enable JavaScript to run this app.</p>"
            f"<div id='main-outlet'>{posts}</div></noscript></body></html>")
    result = Cleaner().clean(page, kind="html")
    assert result.text.split("\n") == [PARA.format(n=n) for n in range(3)]
    # the prose-density stage leaves the notice outside the main content: hidden text there goes
    assert [(r.rule_id, r.text.strip()) for r in result.removals] == [
        ("layout.hidden", "You need to enable JavaScript to run this app.")]
    # trafilatura keeps it with the posts, and the notice's own rule removes it
    result = Cleaner(main_content_stage="trafilatura").clean(page, kind="html")
    assert result.text.split("\n") == [PARA.format(n=n) for n in range(3)]
    assert [r.rule_id for r in result.removals] == ["layout.javascript-notice"]


def test_br_splits_blocks_and_whitespace_collapses() -> None:
    doc = _doc("<p>one\n   two<br>three</p><pre>a  b\nc</pre>")
    assert [b.text for b in doc.blocks] == ["one two", "three", "a b", "c"]


def test_dom_context() -> None:
    doc = _doc(ARTICLE)
    by_text = {b.text: b for b in doc.blocks}
    home = by_text["Home"].dom
    assert home.tag == "li" and {"nav", "header"} <= home.inside and home.link_density == 1.0
    caption = next(b for b in doc.blocks if b.text.startswith("The river")).dom
    assert {"figure", "figcaption"} <= caption.inside
    assert "Photo: Jane Doe" not in by_text  # the credit is inline: part of the caption block
    sign = by_text["Get our daily newsletter"].dom
    assert "newsletter-box" in sign.tokens
    button = by_text["Sign up"].dom
    assert "form" in button.inside and "email" in button.inputs
    para = next(b for b in doc.blocks if b.text.startswith("The city council")).dom
    assert para.link_density == 0.0 and para.path[-2:] == ("article", "p")


def test_inline_element_holding_the_text_gives_its_tokens() -> None:
    doc = _doc('<figure><img src="a.jpg"><span class="image-credit">Jane Doe/Reuters</span></figure>')
    assert "image-credit" in doc.blocks[0].dom.own_tokens


def test_hidden_and_links() -> None:
    doc = _doc('<div style="display: none"><p>secret</p></div><p hidden>gone</p><p aria-hidden="true">seen</p>'
               '<p>See <a href="/x">this long linked phrase</a> here</p><a href="/y"><div>card title</div></a>')
    hidden = {b.text: b.dom.hidden for b in doc.blocks}
    assert hidden == {"secret": True, "gone": True, "seen": False, "See this long linked phrase here": False,
                      "card title": False}
    assert 0.5 < doc.blocks[3].dom.link_density < 1.0
    assert doc.blocks[4].dom.link_density == 1.0  # a block inside a link is all link


def test_deep_nesting_does_not_recurse() -> None:
    html = "<div>" * 1500 + "<p>deep text</p>" + "</div>" * 1500 + "<p>after</p>"  # deeper than Python recursion
    doc = _doc(html)
    assert [b.text for b in doc.blocks][-2:] == ["deep text", "after"]


def test_broken_markup_and_empty_input() -> None:
    doc = _doc("<p>unclosed <b>bold <i>both</p><div>next</span></div></td>")
    assert [b.text for b in doc.blocks] == ["unclosed bold both", "next"]
    assert _doc("").blocks == () and _doc("   ").blocks == ()


def test_text_after_a_premature_closing_html_tag_is_in_the_body() -> None:
    """A template that closes the document before the article (``</body></html>``, then the
    story, then ``</body></html>`` again): browsers show what follows in the body, and so does
    cleaner; libxml2 alone would put it beside the root, where no walk finds it."""
    html = ("<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
            "Bridge approved<div class='story'><p>The council approved the bridge on Tuesday.</p></div>"
            "<body><p>It will open next year.</p></body><footer>Contact</footer></body></html>")
    doc = html_document(html)
    assert [b.text for b in doc.blocks] == ["Home", "Bridge approved", "The council approved the bridge on Tuesday.",
                                            "It will open next year.", "Contact"]
    assert doc.blocks[2].dom.tokens >= {"story"}
    result = Cleaner(main_content=False).clean(html)
    assert reconstruct(result.text, result.removals) == result.source_text
    assert "The council approved the bridge on Tuesday." in result.text


def test_decode_bom_meta_and_declared_charset() -> None:
    page = "<html><head><meta charset='windows-1251'></head><body><p>Привет</p></body></html>"
    assert "Привет" in decode(page.encode("cp1251"))
    assert decode("\ufeff<p>café</p>".encode()) == "<p>café</p>"
    assert decode("<p>é</p>".encode("utf-16"))[:4] == "<p>é"
    assert decode("<p>naïve</p>".encode("latin-1"), declared="iso-8859-1") == "<p>naïve</p>"
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>' + "мир".encode("koi8-r")
    assert "мир" in decode(http_equiv)


def test_kind_sniffing() -> None:
    assert sniff_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind(b"<html><body>x</body></html>") == "html"
    assert sniff_kind("If a < b and b > c then a < c. Use <b> for bold, they said.") == "text"
    assert sniff_kind("Plain article text.\n\nSecond paragraph.") == "text"
    # markup a plugin put before the page's own start, with too few tags to be dense (a long script)
    script = "<script>\n" + "document.querySelectorAll('input').forEach(fill);\n" * 400 + "</script>\n"
    assert sniff_kind(script + "<!DOCTYPE html>\n<html><body><p>x</p></body></html>") == "html"
    assert sniff_kind("<style>\n" + "p { margin: 0 }\n" * 900 + "</style>\n<html><body>x</body></html>") == "html"
    assert sniff_kind("Write <html> at the top of the page and <body> below it.") == "text"


def test_align_maps_kept_text_onto_blocks_in_order() -> None:
    from cleaner.detectors.base import normalise

    blocks = ["Share", "A teaser: the council voted on Tuesday to approve", "Headline",
              "The council voted on Tuesday to approve the bridge over the river.", "Share", "Read more"]
    kept = "Headline\nThe council voted on Tuesday to approve the bridge over the river.\nShare"
    cover = align([normalise(b) for b in blocks], kept)
    assert [c >= 0.5 for c in cover] == [False, False, True, True, True, False]


class _Fixed:
    """An extractor that keeps a fixed text, for testing the stage."""

    name = "fixed"

    def __init__(self, kept: str | None) -> None:
        self.kept = kept

    def main_content(self, doc: Document) -> MainContent | None:
        if self.kept is None:
            return None
        from cleaner.detectors.base import normalise

        return MainContent(tuple(align([normalise(b.text) for b in doc.blocks], self.kept)), self.name)


def test_main_content_stage_findings_and_headline() -> None:
    body = next(b.text for b in _doc(ARTICLE).blocks if b.text.startswith("The city council"))
    doc, stage = analyse_html(ARTICLE, extractor=_Fixed(body))
    outside = [f for f in stage if f.rule_id == "layout.outside-main"]
    assert outside and all(f.category == "layout" and f.action is Action.REMOVE and f.evidence for f in outside)
    removed = {i for f in outside for i in f.blocks}
    headline = next(b.index for b in doc.blocks if b.text == "Council approves the new bridge" and b.kind == "h1")
    assert headline not in removed
    assert any(f.rule_id == "headline.kept" and f.blocks == (headline,) for f in stage)
    kept_body = next(b for b in doc.blocks if b.text == body)
    assert kept_body.index not in removed and kept_body.dom.in_main is True
    assert all(doc.blocks[i].dom.in_main is False for i in removed)


def test_headline_not_kept_when_configured() -> None:
    from cleaner.config import Config

    _, stage = analyse_html(ARTICLE, config=Config(keep_headline=False), extractor=_Fixed("nothing here at all"))
    assert not any(f.rule_id == "headline.kept" for f in stage)


def test_main_content_toggle() -> None:
    from cleaner.config import Config

    doc, stage = analyse_html(ARTICLE, config=Config(main_content=False))
    assert stage == [] and all(b.dom.in_main is None for b in doc.blocks)


def test_trafilatura_stage_keeps_article_and_drops_chrome() -> None:
    result = Cleaner().clean(ARTICLE)
    assert result.kind == "html"
    assert "ending a debate that has lasted more than ten years" in result.text
    assert "Council approves the new bridge" in result.text
    categories = {r.category for r in result.removals}
    assert "newsletter" in categories and ({"navigation", "layout"} & categories)
    assert "Get our daily newsletter" not in result.text
    assert reconstruct(result.text, result.removals) == result.source_text
    assert TrafilaturaExtractor().main_content(html_document("")) is None


def test_bytes_in_text_out() -> None:
    page = ARTICLE.replace("<head>", "<head><meta charset='iso-8859-1'>").replace("euros", "€uros")
    result = Cleaner().clean(page.encode("cp1252"))
    assert result.kind == "html" and "forty million €uros" in result.text


_TAGS = st.sampled_from(["p", "div", "span", "a", "li", "ul", "h2", "nav", "footer", "figure", "figcaption", "b",
                         "form", "aside", "section", "br", "td"])
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@st.composite
def _html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        tag = draw(_TAGS)
        text = draw(_WORDS).replace("<", " ").replace("&", " ")
        parts.append(f"<{tag}>{text}" + ("" if draw(st.booleans()) else f"</{tag}>"))
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html())
def test_lossless_accounting_on_html(html: str) -> None:
    result = Cleaner().clean(html, kind="html")
    src = result.source_text
    assert reconstruct(result.text, result.removals) == src
    cursor = 0
    for r in result.removals:
        assert src[r.start:r.end] == r.text and r.start >= cursor
        cursor = r.end


def test_judged_copies_every_field():
    """``judged`` is ``dataclasses.replace`` unrolled for speed: a field added later must not be dropped."""
    import dataclasses

    from cleaner.model import Block, DomContext

    dom = DomContext(*[f"value {i}" for i, _ in enumerate(dataclasses.fields(DomContext))])
    assert dom.judged(True) == dataclasses.replace(dom, in_main=True)
    block = Block(*[f"value {i}" for i, _ in enumerate(dataclasses.fields(Block)[:-1])], dom=dom)
    assert block.judged(False) == dataclasses.replace(block, dom=dataclasses.replace(dom, in_main=False))


MENU = " ".join(f"Section{n}" for n in range(80))
BIG_MENU = ARTICLE.replace('<li><a href="/sport">Sport</a></li>',
                           "".join(f'<li><a href="/s{n}">Section{n}</a></li>' for n in range(80)))


def test_a_verdict_of_menus_is_replaced_by_the_second_opinion() -> None:
    from cleaner.html.stage import stage_findings

    doc = _doc(BIG_MENU)
    article = " ".join(b.text for b in doc.blocks if b.kind == "p" and b.dom.link_density == 0)
    verdict, findings = stage_findings(doc, _Fixed(MENU), second=_Fixed(article))
    kept = " ".join(b.text for b, v in zip(doc.blocks, verdict, strict=True) if v)
    assert "ending a debate" in kept and "Section40" not in kept
    assert any("kept mostly link lists" in f.evidence and "fixed" in f.evidence for f in findings)
    # a second opinion that is no better leaves the first verdict standing
    verdict, _ = stage_findings(doc, _Fixed(MENU), second=_Fixed(MENU))
    kept = " ".join(b.text for b, v in zip(doc.blocks, verdict, strict=True) if v)
    assert "Section40" in kept and "ending a debate" not in kept


PARA = ("The committee heard evidence from engineers, residents and the builders of the old bridge, who said that "
        "the structure had been repaired many times since it opened and that a new crossing was long overdue, "
        "whatever the cost of the work turned out to be in the end {n}.")
CHUNKED = ("<html><body><div class='chunks'>" + "".join(
    f"<div class='row'><div class='chunk body'><p>{PARA.format(n=n)}</p></div><aside class='ad'>Ad</aside></div>"
    for n in range(3)) + "</div><div class='teasers'>" + "".join(
    f"<div class='card'><h3><a href='/t{n}'>Other story {n}</a></h3><p>A short line of summary for the story.</p>"
    "</div>" for n in range(3)) + "</div></body></html>")


def test_article_chunks_beside_the_extracted_one_are_kept() -> None:
    """An article body split into same-class chunks: an extractor that kept only the first chunk gets
    the others back (readability's sibling rule); teaser cards and ads do not come with them."""
    from cleaner.html.stage import stage_findings

    doc = _doc(CHUNKED)
    verdict, _ = stage_findings(doc, _Fixed(PARA.format(n=0)), keep_headline=False)
    kept = [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v]
    assert kept == [PARA.format(n=n) for n in range(3)]


TEASER = ("<li><a href='/t{n}'>Other story {n}</a> A summary of another story on this site, long enough to read as "
          "prose to a density measure, about the weather, the markets and the football results of the week...</li>")
TICKER = "<ul class='ticker'>" + "".join(TEASER.format(n=n) for n in range(8)) + "</ul>"
REPEATED = f"<html><body>{TICKER}<article><p>{PARA.format(n=0)}</p></article>{TICKER}</body></html>"


def test_prose_rescue_skips_teasers_printed_twice() -> None:
    """When the extractor kept little of the page's prose, prose density adds the rest, except linked
    paragraphs the page prints twice (a ticker repeated in a sidebar)."""
    from cleaner.html.stage import stage_findings

    doc = _doc(REPEATED)
    verdict, findings = stage_findings(doc, _Fixed(PARA.format(n=0)), keep_headline=False)
    kept = [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v]
    assert kept == [PARA.format(n=0)]
    assert any("prose density added the rest" in f.evidence for f in findings)
    once = f"<html><body>{TICKER}<article><p>{PARA.format(n=0)}</p></article></body></html>"
    doc = _doc(once)
    verdict, _ = stage_findings(doc, _Fixed(PARA.format(n=0)), keep_headline=False)
    assert sum(verdict) == 9  # printed once, the same paragraphs are added


def test_a_verdict_with_under_half_the_prose_is_replaced_by_a_fuller_second_opinion() -> None:
    """The fast extractor took the first post of a thread (a third of the page's prose): the second
    opinion, which keeps every post and is not in doubt itself, replaces it."""
    from cleaner.html.stage import stage_findings

    thread = ("<html><body>" + "".join(f"<div class='post-{n}'><p>{PARA.format(n=n)}</p></div>" for n in range(3))
              + "</body></html>")
    doc = _doc(thread)
    every = " ".join(PARA.format(n=n) for n in range(3))
    verdict, findings = stage_findings(doc, _Fixed(PARA.format(n=0)), keep_headline=False, second=_Fixed(every))
    assert all(verdict)
    verdict, findings = stage_findings(doc, _Fixed(PARA.format(n=0)), keep_headline=False, second=_Fixed(None))
    assert verdict == [True, False, False]
    assert any("outside the main content that fixed extracted" in f.evidence for f in findings)


def test_headline_is_the_story_not_the_logo() -> None:
    page = ("<html><head><title>Council approves the new bridge | Gazette</title></head><body>"
            "<header><h1><a href='/'>Gazette</a></h1></header><article><h1>Council approves the new bridge</h1>"
            f"<p>{PARA.format(n=0)}</p></article></body></html>")
    doc = _doc(page)
    assert doc.blocks[doc.page.headline].text == "Council approves the new bridge"
    logo_only = page.replace("<h1>Council approves the new bridge</h1>", "<h2>Council approves the new bridge</h2>")
    assert _doc(logo_only).page.headline is None


def test_a_site_name_h1_in_the_page_frame_is_not_forced_as_headline() -> None:
    # no <h1> matches the title: the first one is the headline unless it sits in the page's frame
    page = ("<html><head><title>A story about bridges</title></head><body>"
            "<div class='site-logo'><h1>The Gazette</h1></div><article><h2>Council approves the new bridge</h2>"
            f"<p>{PARA.format(n=0)}</p></article></body></html>")
    assert _doc(page).page.headline is None
    in_nav = page.replace("<div class='site-logo'><h1>The Gazette</h1></div>", "<nav><h1>The Gazette</h1></nav>")
    assert _doc(in_nav).page.headline is None
    plain = page.replace("<div class='site-logo'><h1>The Gazette</h1></div>", "<div class='top'><h1>Bridges</h1></div>")
    doc = _doc(plain)
    assert doc.page.headline is not None and doc.blocks[doc.page.headline].text == "Bridges"


def test_a_book_title_in_the_menu_bar_is_not_forced_though_the_title_ends_with_it() -> None:
    # a documentation site: every chapter's <title> ends with the book's name, its menu bar's <h1>
    page = ("<html><head><title>Defining traits - The Rust Book</title></head><body>"
            "<div class='menu-bar'><h1 class='menu-title'>The Rust Book</h1></div>"
            f"<main><h2>Defining traits</h2><p>{PARA.format(n=0)}</p></main></body></html>")
    assert _doc(page).page.headline is None
    story = page.replace("<h1 class='menu-title'>", "<h1 class='chapter-title'>")  # not named a menu's
    assert _doc(story).page.headline is not None


def test_a_copy_of_the_headline_in_the_main_content_goes() -> None:
    from cleaner.html.stage import REPEAT_ID, stage_findings

    page = ("<html><head><title>Council approves the new bridge</title></head><body><article>"
            "<h1>Council approves the new bridge</h1><div class='share'><p>Council approves the new bridge</p></div>"
            f"<p>{PARA.format(n=0)}</p></article></body></html>")
    doc = _doc(page)
    everything = " ".join(b.text for b in doc.blocks)
    _, findings = stage_findings(doc, _Fixed(everything))
    copies = [f for f in findings if f.rule_id == REPEAT_ID]
    assert len(copies) == 1 and copies[0].blocks == (1,) and copies[0].action is Action.REMOVE


def test_same_class_paragraphs_are_chunks_too() -> None:
    """The chunks may be the paragraphs themselves (<p class="chunk">), not wrappers around them."""
    from cleaner.html.siblings import continuations

    page = "<html><body><div>" + "".join(f"<p class='chunk'>{PARA.format(n=n)}</p>" for n in range(3)) + \
        "</div></body></html>"
    doc = _doc(page)
    assert continuations(doc, [True, False, False], [True] * 3) == [1, 2]


def _paragraphs(n: int, topic: str) -> str:
    return "".join(f"<p>Paragraph {i} about {topic}: the committee met on Tuesday and agreed, after a long "
                   f"debate, that the plan should go ahead next spring with money from the city.</p>"
                   for i in range(n))


def test_hidden_text_counts_as_prose_only_on_a_page_that_is_mostly_hidden() -> None:
    """A page whose scripts reveal its text (tabs, an app shell) keeps most words in hidden
    elements: there the hidden paragraphs are the page's prose. Elsewhere hidden text is a template."""
    from cleaner.html.prose import prose_blocks

    revealed = html_document(f"<html><body><p>Intro.</p><div hidden>{_paragraphs(6, 'tabs')}</div></body></html>")
    prose = prose_blocks(revealed.blocks)
    hidden = [p for b, p in zip(revealed.blocks, prose, strict=True) if b.dom.hidden]
    assert hidden and all(hidden)

    template = html_document(f"<html><body>{_paragraphs(6, 'the bridge')}<div hidden>{_paragraphs(1, 'a modal')}"
                             "</div></body></html>")
    prose = prose_blocks(template.blocks)
    assert [p for b, p in zip(template.blocks, prose, strict=True) if b.dom.hidden] == [False]


def test_folded_text_counts_as_prose_though_hidden() -> None:
    """An accordion's answers and a tab's panel are hidden until the reader clicks: prose, unlike a
    hidden modal or a collapsed menu."""
    from cleaner.html.prose import prose_blocks

    def hidden_prose(fold: str) -> list[bool]:
        doc = html_document(f"<html><body>{_paragraphs(6, 'the bridge')}{fold}</body></html>")
        return [p for b, p in zip(doc.blocks, prose_blocks(doc.blocks), strict=True) if b.dom.hidden]

    assert hidden_prose(f'<div class="faq-answer" style="display:none">{_paragraphs(1, "a question")}</div>') == [True]
    assert hidden_prose(f'<div role="tabpanel" hidden>{_paragraphs(1, "the Python tab")}</div>') == [True]
    assert hidden_prose(f'<div class="cmp-accordion__panel" hidden>{_paragraphs(1, "a service")}</div>') == [True]
    assert hidden_prose(f'<div class="modal" hidden>{_paragraphs(1, "a modal")}</div>') == [False]
    assert hidden_prose(f'<div class="collapse navbar-collapse" hidden>{_paragraphs(1, "a menu")}</div>') == [False]


def test_a_verdict_of_next_to_nothing_on_a_long_page_is_replaced_by_a_fuller_second_opinion() -> None:
    """A blog post inside an ``<aside>`` (prose density does not count it): the fast extractor kept a
    few words of a page of thousands, so the second opinion is asked and wins when it keeps many
    times more; one that keeps no more leaves the first verdict standing."""
    from cleaner.html.stage import stage_findings

    paragraphs = [PARA.format(n=n) for n in range(30)]
    page = ("<html><body><nav><a href='/'>Home</a></nav><aside class='blog-post'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</aside></body></html>")
    doc = _doc(page)
    verdict, findings = stage_findings(doc, _Fixed("Home"), keep_headline=False, second=_Fixed(" ".join(paragraphs)))
    kept = [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v]
    assert kept == paragraphs
    assert any("the fast verdict kept 1 words" in f.evidence for f in findings)
    verdict, _ = stage_findings(doc, _Fixed("Home"), keep_headline=False, second=_Fixed("Home"))
    assert [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v] == ["Home"]


def test_a_verdict_that_misses_most_of_the_main_landmark_asks_the_second_opinion() -> None:
    """A shop's category page: a paragraph about the range, then a grid of products inside <main>.
    The first verdict kept the paragraph alone, a small share of <main>'s text, so the second
    opinion is asked and taken when it keeps more; one that keeps no more leaves the first standing."""
    from cleaner.html.stage import stage_findings

    intro = PARA.format(n=0)
    cards = [f"Canvas tote bag in colour {n}, with a zip pocket and long handles" for n in range(40)]
    page = ("<html><body><nav><a href='/'>Home</a></nav><main><p>" + intro + "</p><ul class='grid'>"
            + "".join(f"<li class='card'><a href='/p/{n}'>{c}</a> <span>$24</span></li>" for n, c in enumerate(cards))
            + "</ul></main></body></html>")
    doc = _doc(page)
    verdict, findings = stage_findings(doc, _Fixed(intro), keep_headline=False,
                                       second=_Fixed(" ".join([intro, *cards])))
    kept = [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v]
    assert intro in kept and sum(1 for k in kept if k.startswith("Canvas tote bag")) == 40
    assert any("words in <main>" in f.evidence for f in findings)
    verdict, _ = stage_findings(doc, _Fixed(intro), keep_headline=False, second=_Fixed(intro))
    assert [b.text for b, v in zip(doc.blocks, verdict, strict=True) if v] == [intro]


def test_a_forum_thread_is_told_by_its_schema_org_posts() -> None:
    """Replies are a forum thread's content (the extractor then keeps comments); a page is a thread
    when it declares schema.org DiscussionForumPosting, in JSON-LD or microdata."""
    from cleaner.html import _extractors
    from cleaner.html.pagetype import forum_thread

    json_ld = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Help"}</script>'
    microdata = '<article itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>First post.</p></article>'
    article = '<script type="application/ld+json">{"@type": "NewsArticle"}</script><p>Say DiscussionForumPosting.</p>'
    assert forum_thread(_doc(f"<html><head>{json_ld}</head><body><p>x</p></body></html>").page.root)
    assert forum_thread(_doc(f"<html><body>{microdata}</body></html>").page.root)
    qa_page = '<body itemscope itemtype="https://schema.org/QAPage"><p>Question.</p></body>'
    assert not forum_thread(_doc(f"<html><body>{article}</body></html>").page.root)
    assert forum_thread(_doc(f"<html>{qa_page}</html>").page.root)
    assert "comments" in _extractors(forum=True)[0].name and "comments" not in _extractors()[0].name


def _thread(declared: bool) -> str:
    """A thread as Invision Community writes one: every post an ``<article>`` whose wrapper is named
    for a comment, all of them inside a moderation ``<form>``; a short question, a one-line reply,
    then a long answer."""
    schema = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>' if declared else ""
    posts = [("ron", "<p>Hi, could someone say where the roadmap for the coming versions is published?</p>"),
             ("ann", "<p>Same question here, I could not find it.</p>"), ("paul", _paragraphs(4, "the roadmap"))]
    return (f"<html><head>{schema}</head><body><nav><a href='/'>Forums</a> <a href='/new'>New</a></nav><main>"
            "<h1>Roadmap discussion</h1><form action='/moderate'>" + "".join(
                f"<article class='ipsEntry' id='elComment_{n}'><aside class='author'><a href='/u/{who}'>{who}</a>"
                f"</aside><div class='ipsEntry__content' id='comment-{n}_wrap'><div class='post'>{body}</div></div>"
                "</article>" for n, (who, body) in enumerate(posts))
            + "</form></main><footer><a href='/terms'>Terms</a></footer></body></html>")


def test_on_a_forum_thread_posts_named_for_comments_and_short_replies_are_kept() -> None:
    """On a declared forum thread a class or id naming a comment names a post: every post is kept,
    the one-line question and thanks beside the long answer (siblings of the kept post). The same
    markup without the declaration reads as an article's comment section."""
    kept = Cleaner().clean(_thread(declared=True), kind="html").text
    assert "where the roadmap for the coming versions is published" in kept
    assert "Paragraph 3 about the roadmap" in kept and "Same question here" in kept
    assert "Forums" not in kept and "Terms" not in kept
    undeclared = Cleaner().clean(_thread(declared=False), kind="html").text
    assert "where the roadmap for the coming versions is published" not in undeclared


class _Counting(_Fixed):
    """A fixed extractor that counts how often it is asked."""

    def __init__(self, kept: str | None) -> None:
        super().__init__(kept)
        self.calls = 0

    def main_content(self, doc: Document) -> MainContent | None:
        self.calls += 1
        return super().main_content(doc)


def test_no_second_opinion_on_a_page_without_prose() -> None:
    """A verdict of link lists on a page with no prose to speak of (a shop's category page) stands:
    there is no article for a second opinion to find, so it is not paid for. With an article on the
    page, the same verdict asks for it once."""
    from cleaner.html.stage import stage_findings

    menu_only = _doc("<html><body><ul>" + "".join(f'<li><a href="/s{n}">Section{n}</a></li>' for n in range(80))
                     + "</ul></body></html>")
    second = _Counting(MENU)
    stage_findings(menu_only, _Fixed(MENU), second=second)
    assert second.calls == 0
    second = _Counting(MENU)
    stage_findings(_doc(BIG_MENU), _Fixed(MENU), second=second)
    assert second.calls == 1


def test_no_second_opinion_for_next_to_nothing_on_a_long_page_of_labels_and_links() -> None:
    """A long page whose words are labels, prices and links (a shop's grid) holds no article for the
    second opinion to find when the fast verdict kept next to nothing: it is not asked. The same page
    with a blog post in an ``<aside>`` asks for it."""
    from cleaner.html.stage import stage_findings

    grid = "".join(f'<div class="tile"><a href="/p{n}">Wool runner {n}</a><span>$ {n}9</span>'
                   f'<a href="/p{n}">Quick view</a><span>New colour</span></div>' for n in range(300))
    shop = _doc(f"<html><body><nav><a href='/'>Home</a></nav>{grid}</body></html>")
    assert sum(b.word_count for b in shop.blocks) >= 1000
    second = _Counting(" ".join(b.text for b in shop.blocks))
    stage_findings(shop, _Fixed("Home"), keep_headline=False, second=second)
    assert second.calls == 0

    post = "".join(f"<p>{PARA.format(n=n)}</p>" for n in range(10))
    blog = _doc(f"<html><body><nav><a href='/'>Home</a></nav><aside>{post}</aside>{grid}</body></html>")
    second = _Counting(" ".join(PARA.format(n=n) for n in range(10)))
    stage_findings(blog, _Fixed("Home"), keep_headline=False, second=second)
    assert second.calls == 1


def test_a_paragraph_left_out_inside_the_article_container_comes_back_but_not_a_long_caption() -> None:
    """``interior``: the extractor kept paragraphs 0 and 3 of the article's container and skipped the
    lead-in paragraph 1 beside a figure; paragraph 1 comes back, the figure's long caption does not."""
    from cleaner.html.siblings import interior

    caption = "A long caption under the photo " + PARA.format(n=9)
    page = ("<html><body><div class='story'>" + f"<p>{PARA.format(n=0)}</p><p>{PARA.format(n=1)}</p>"
            f"<figure><figcaption>{caption}</figcaption></figure><p>{PARA.format(n=3)}</p>"
            "</div></body></html>")
    doc = _doc(page)
    assert [b.text[:12] for b in doc.blocks][3].startswith(PARA.format(n=3)[:12])
    verdict = [True, False, False, True]
    assert interior(doc, verdict, [True] * 4) == [1]
    assert interior(doc, [True, False, False, False], [True] * 4) == []  # nothing kept after it: not inside


def test_lead_paragraphs_left_out_before_the_first_kept_one_in_the_article_container_come_back() -> None:
    """``interior``: the extractor skipped the article's opening paragraphs (text run into an image
    and a caption) and kept the rest of its container; the lead comes back, a menu above the
    container and the figure's caption do not."""
    from cleaner.html.siblings import interior

    caption = "A long caption under the photo " + PARA.format(n=9)
    page = ("<html><body><nav><p>" + PARA.format(n=7) + "</p></nav><div class='story'>"
            f"<p>{PARA.format(n=0)}</p><p>{PARA.format(n=1)}</p>"
            f"<figure><figcaption>{caption}</figcaption></figure><p>{PARA.format(n=3)}</p><p>{PARA.format(n=4)}</p>"
            "</div></body></html>")
    doc = _doc(page)
    assert len(doc.blocks) == 6
    assert interior(doc, [False, False, False, False, True, True], [True] * 6) == [1, 2]


def test_valid_utf8_wins_over_a_wrong_declared_charset() -> None:
    # pages labelled iso-8859-1 whose bytes are UTF-8 are common; read as labelled they turn to mojibake
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>It’s a café — naïve – déjà vu.</p></body></html>"
    assert decode(page.encode()) == page
    assert decode(page.encode(), declared="iso-8859-1") == page
    # bytes that are not UTF-8 are still read as labelled
    assert decode(page.encode("cp1252")) == page


def test_meta_charset_after_inline_scripts_in_the_head_is_honoured() -> None:
    # (charset-normalizer finds a declaration in the first 8 KB itself; a page's inline scripts are often longer)
    script = "<script>" + "window.dataLayer.push({event: 'load'});\n" * 400 + "</script>"
    for encoding, label, text in (("cp1251", "windows-1251", "Совет утвердил бюджет."),
                                  ("cp1253", "windows-1253", "Το δημοτικό συμβούλιο ενέκρινε τον προϋπολογισμό."),
                                  ("mac_roman", "macintosh", "Le café crème coûte cher, déjà à Noël.")):
        page = f"<html><head>{script}<meta charset='{label}'></head><body><p>{text}</p></body></html>"
        assert text in decode(page.encode(encoding))


def test_an_unlabelled_western_page_is_read_as_windows_1252() -> None:
    # charset-normalizer's guess for English with curly quotes and dashes is a look-alike code page
    # (cp852, cp1250) that turns ’ “ ” – into other letters; windows-1252 reads it as well
    page = "<html><body>" + "".join(f"<p>It’s the “best” – {n} – ©</p>" for n in range(3)) + "</body></html>"
    assert decode(page.encode("cp1252")) == page
    # a Russian page in windows-1251 is no look-alike: it stays windows-1251
    page = "<html><body><p>Городской совет во вторник утвердил новый бюджет после долгих споров.</p></body></html>"
    assert decode(page.encode("cp1251")) == page


def test_a_declared_utf16_is_honoured_only_for_bytes_that_are_utf16() -> None:
    assert decode("<p>café au lait</p>".encode("utf-16-le"), declared="utf-16-le") == "<p>café au lait</p>"
    page = "<html><head><meta charset='utf-16'></head><body><p>café</p></body></html>"
    assert decode(page.encode()) == page


def test_dom_not_pattern_spares_the_blocks_it_finds() -> None:
    """A ``dom`` condition's ``not_pattern``: blocks whose text it finds are not matched, others are."""
    from cleaner.detectors.base import DocView
    from cleaner.detectors.dom import DomDetector, DomParams

    page = ('<html><body><article><figure><img src="a.jpg"><figcaption>Crowds outside the court on Monday.'
            '</figcaption></figure><figure><img src="b.png"><figcaption>Figure 2. Cases per month.</figcaption>'
            '</figure></article></body></html>')
    doc = html_document(page)
    params = DomParams(kind="dom", inside=["figcaption"], not_pattern=r"^Figure \d")
    found = [doc.blocks[i].text.strip() for hit in DomDetector(params)(DocView(doc)) for i in hit.blocks]
    assert found == ["Crowds outside the court on Monday."]
