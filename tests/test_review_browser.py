"""The HTML review page in a real headless Chromium (Debian's package): what a person sees.

Driven over the DevTools protocol (websocket-client); only the system chromium is launched.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.engine import Cleaner
from cleaner.formats.html_report import ReportDoc, colours, render_html, render_html_report
from cleaner.model import CleanResult
from cleaner.review import span_changes

from .cdp import Browser, find_chromium

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e42678054f1025f2.txt"
SCREENSHOT_COPY = Path("/tmp/review.png")

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium; "
                                                        ".ci/run installs it)")


def rgb(hex_colour: str) -> str:
    """'#a4161a' → 'rgb(164, 22, 26)', as getComputedStyle reports colours."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("websocket", reason="websocket-client is in the test extra")
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))  # type: ignore[arg-type]
    yield b
    b.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = Cleaner(site_packs=False).clean(SEED.read_bytes(), kind="text")
    page = tmp_path_factory.mktemp("page") / "seed.html"
    page.write_text(render_html(result, doc_id=SEED.name), encoding="utf-8")
    return page


def tab_until(browser: Browser, selector: str, limit: int = 60) -> None:
    """Press Tab, as a keyboard user does, until the focused element matches ``selector``."""
    browser.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    for _ in range(limit):
        browser.key("Tab", "Tab", 9)
        if browser.eval(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_removed_spans_are_struck_and_coloured_by_category(browser: Browser, seed_page: Path) -> None:
    browser.open(seed_page.as_uri())
    spans = browser.eval("""Array.from(document.querySelectorAll('.src del[tabindex]')).map(el => {
        const s = getComputedStyle(el);
        return {text: el.textContent, cat: el.dataset.cat, rule: el.dataset.rule, line: s.textDecorationLine,
                strike: s.textDecorationColor, bg: s.backgroundColor,
                visible: el.getBoundingClientRect().width > 0};
    })""")
    cats = {s["cat"] for s in spans}
    assert {"paywall", "newsletter", "payment", "photo-credit", "navigation"} <= cats
    for s in spans:
        bg, fg = colours(s["cat"])
        assert s["visible"] and s["line"] == "line-through", s
        assert (s["bg"], s["strike"]) == (rgb(bg), rgb(fg)), s
    texts = [s["text"] for s in spans]
    assert "Support The Moscow Times!" in texts and "Read more" in texts
    # kept article text is plain: no strike
    body = browser.eval("""(() => { const w = document.createTreeWalker(document.querySelector('.src'),
        NodeFilter.SHOW_TEXT); let n; while ((n = w.nextNode())) { if (n.textContent.includes('AFP contributed'))
        return getComputedStyle(n.parentElement).textDecorationLine; } })()""")
    assert body == "none"
    # the page is self-contained: nothing but the page itself was loaded
    assert browser.eval("performance.getEntriesByType('resource').length") == 0
    assert browser.eval("document.querySelectorAll('link[href], script[src], img[src]').length") == 0


def test_keyboard_focus_shows_rule_category_and_evidence(browser: Browser, seed_page: Path,
                                                         tmp_path: Path) -> None:
    browser.open(seed_page.as_uri())
    tip = "document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
    tab_until(browser, ".src del[data-rule^='newsletter']")
    assert browser.eval(f"getComputedStyle({tip}).display") == "block"
    text = browser.eval(f"{tip}.innerText")
    assert "newsletter.signup" in text and "newsletter" in text and "section opened by" in text
    assert browser.eval(f"{tip}.getBoundingClientRect().height") > 10
    assert browser.eval("getComputedStyle(document.activeElement).outlineStyle") != "none"
    shot = browser.screenshot(tmp_path / "review-focus.png")
    shutil.copyfile(shot, SCREENSHOT_COPY)
    # moving on hides it again; other tips stay hidden
    browser.key("Tab", "Tab", 9)
    assert browser.eval("Array.from(document.querySelectorAll('.tip')).filter(t => "
                        "getComputedStyle(t).display !== 'none').length") <= 1


def test_hover_shows_the_tip(browser: Browser, seed_page: Path) -> None:
    browser.open(seed_page.as_uri())
    box = browser.eval("""(() => { const el = document.querySelector(".src del[data-cat='payment']");
        el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
        return {x: r.left + 5, y: r.top + r.height / 2, tip: el.getAttribute('aria-describedby')}; })()""")
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=box["x"], y=box["y"])
    assert browser.eval(f"getComputedStyle(document.getElementById({box['tip']!r})).display") == "block"
    assert "payment.widget" in browser.eval(f"document.getElementById({box['tip']!r}).innerText")


def test_filters_hide_rows_by_keyboard(browser: Browser, seed_page: Path, tmp_path: Path) -> None:
    browser.open(seed_page.as_uri())
    shown = "document.querySelectorAll('#findings tbody tr:not([hidden])').length"
    total = browser.eval("document.querySelectorAll('#findings tbody tr').length")
    assert total >= 8 and browser.eval(shown) == total
    assert browser.eval("document.getElementById('filters').hidden") is False
    # Category filter, by keyboard: focus the select and press ArrowDown until "paywall" is chosen.
    tab_until(browser, "#f-cat")
    for _ in range(12):
        if browser.eval("document.getElementById('f-cat').value") == "paywall":
            break
        browser.key("ArrowDown", "ArrowDown", 40)
    assert browser.eval("document.getElementById('f-cat').value") == "paywall"
    rows = browser.eval("Array.from(document.querySelectorAll('#findings tbody tr:not([hidden])'))"
                        ".map(tr => tr.dataset.cat)")
    assert rows and set(rows) == {"paywall"} and len(rows) < total
    assert browser.eval("document.getElementById('f-count').textContent") == f"{len(rows)} of {total} findings shown"
    assert browser.eval("getComputedStyle(document.querySelector(\".src del[data-cat='payment']\")).opacity") == "0.35"
    # Text filter: type into the search box.
    browser.eval("document.getElementById('f-cat').value = ''; document.getElementById('f-cat')"
                 ".dispatchEvent(new Event('change'))")
    browser.eval("document.getElementById('f-text').focus()")
    browser.type_text("remind")
    assert browser.eval(shown) == 1
    assert "Remind me later." in browser.eval("document.querySelector('#findings tbody tr:not([hidden])').innerText")
    browser.screenshot(tmp_path / "review-filter.png")


def without(result: CleanResult, drop: str, retag: str) -> CleanResult:
    """``result`` as if one rule had let go of ``drop`` and another now took ``retag``."""
    removals = tuple(replace(r, rule_id="user.other", category="social") if r.text.strip() == retag else r
                     for r in result.removals if r.text.strip() != drop)
    cut = {i for r in removals for i in range(r.start, r.end)}
    text = "".join(ch for i, ch in enumerate(result.source_text) if i not in cut)
    return replace(result, text=text, removals=removals)


def test_check_page_marks_restored_and_changed_text(browser: Browser, tmp_path: Path) -> None:
    old = Cleaner(site_packs=False).clean(SEED.read_text(encoding="utf-8"))
    new = without(old, drop="Read more", retag="Remind me later.")
    read_more = next(r for r in old.removals if r.text.strip() == "Read more")
    changes = span_changes(new.source_text, old.removals, new.removals)
    assert [c.kind for c in changes if not c.whitespace_only] == ["reassigned", "restored"]
    page = tmp_path / "check.html"
    page.write_text(render_html_report([ReportDoc("seed.txt", new, tuple(changes), "changed"),
                                        ReportDoc("again.txt", old)], title="check"), encoding="utf-8")
    browser.open(page.as_uri())
    ins = browser.eval("""(() => { const el = document.querySelector('.src ins'); const s = getComputedStyle(el);
        return {text: el.textContent, line: s.textDecorationLine, tip: document.getElementById(
        el.getAttribute('aria-describedby')).textContent}; })()""")
    assert ins["text"] == "Read more" and ins["line"] == "underline"
    assert "restored" in ins["tip"] and read_more.rule_id in ins["tip"]
    changed = browser.eval("""(() => { const el = document.querySelector('.src del.chg');
        return {text: el.textContent, outline: getComputedStyle(el).outlineStyle,
                tip: document.getElementById(el.getAttribute('aria-describedby')).textContent}; })()""")
    assert changed["text"] == "Remind me later." and changed["outline"] == "dashed"
    assert "user.other" in changed["tip"] and "changed: before" in changed["tip"]
    links = browser.eval("Array.from(document.querySelectorAll('.changes a')).map(a => a.textContent)")
    assert any("no longer removes “Read more”" in x and read_more.rule_id in x for x in links)
    browser.eval("Array.from(document.querySelectorAll('.changes a')).find(a => a.textContent.includes("
                 "'Read more')).click()")
    assert browser.eval("document.activeElement.tagName + ':' + document.activeElement.textContent") == "INS:Read more"
    assert browser.eval("document.querySelectorAll('nav li').length") == 2
    browser.screenshot(tmp_path / "review-check.png")
