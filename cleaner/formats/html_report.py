"""A self-contained HTML review page: the source with every removal struck through and coloured by
category, its rule, category and evidence on hover and on keyboard focus, a findings table
filterable by rule, category and text, and characters kept/removed per category.

No network: inline CSS and JS only, and a Content-Security-Policy that forbids fetching anything.
Without JS the page still shows everything (the filters need it and stay hidden).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from cleaner.model import CleanResult

if TYPE_CHECKING:
    from cleaner.review import Change

# category → (background, strike/border colour). Text is #1b1b1b on every background (contrast
# ≥ 12:1); the strike colours are ≥ 4.5:1 against their background.
PALETTE: dict[str, tuple[str, str]] = {
    "paywall": ("#fde2e1", "#a4161a"),
    "newsletter": ("#dfe9fd", "#1d4ea8"),
    "payment": ("#fff0c2", "#7a4f00"),
    "photo-credit": ("#e2f3e2", "#246b27"),
    "cookie": ("#f5e6d6", "#7a4216"),
    "social": ("#ebe2fb", "#5a2ca0"),
    "navigation": ("#dcf1f4", "#0b5a64"),
    "legal": ("#ececec", "#3d3d3d"),
    "ad": ("#fde2f1", "#96195f"),
}
# Categories without an entry (a user's own, or new ones) take one of these, by a hash of the name.
EXTRA_COLOURS: tuple[tuple[str, str], ...] = (
    ("#e4f0fa", "#0f4c81"), ("#f7e8f7", "#7b1f7b"), ("#eaf2d7", "#4a6310"),
    ("#fbe9dc", "#8a3b12"), ("#e0f0ec", "#1d5f4f"), ("#f0e9e0", "#5c4326"),
)
RESTORED_COLOURS = ("#d7f5dd", "#11632a")

_CSS = """
:root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#c9c9c9;--focus:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header.top,main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .4rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.muted{color:var(--muted)}
a{color:#0b57d0}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;padding:0;list-style:none;margin:.5rem 0}
.legend li{padding:.1rem .5rem;border-radius:.25rem;border-left:4px solid}
.doc{border-top:2px solid var(--line);margin-top:1.5rem}
.src{white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 background:#fafafa;border:1px solid var(--line);border-radius:.3rem;padding:.75rem 1rem;position:relative}
.src del,.src ins,.src mark{position:relative;color:var(--ink);border-radius:2px;cursor:help}
.src del{text-decoration:line-through 2px;text-decoration-color:var(--c-fg);background:var(--c-bg)}
.src mark{background:none;text-decoration:underline dotted 2px;text-decoration-color:var(--c-fg)}
.src ins{text-decoration:underline 2px;text-decoration-color:var(--c-fg);background:var(--c-bg)}
.src .chg{outline:2px dashed var(--c-fg);outline-offset:1px}
.src .dim{opacity:.35}
.tip{display:none;position:absolute;z-index:5;max-width:34rem;min-width:14rem;margin-top:1.6em;padding:.4rem .6rem;
 background:#1f2328;color:#fff;border-radius:.3rem;font:13px/1.4 system-ui,sans-serif;white-space:normal;
 box-shadow:0 2px 8px rgba(0,0,0,.3);user-select:none}
.tip b{color:#fff}.tip .ev{color:#e6e6e6}
.src del:hover+.tip,.src del:focus+.tip,.src ins:hover+.tip,.src ins:focus+.tip,.src mark:hover+.tip,
.src mark:focus+.tip{display:block}
.changes li{margin:.15rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
.filters select,.filters input{font:inherit;padding:.2rem .3rem;min-width:12rem}
#findings td.t{max-width:28rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;border:1px solid var(--line)}
"""

_JS = """
(function(){
  var form=document.getElementById('filters');if(!form)return;
  var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var spans=Array.prototype.slice.call(document.querySelectorAll('.src [data-rule]'));
  var fr=document.getElementById('f-rule'),fc=document.getElementById('f-cat'),
      ft=document.getElementById('f-text'),out=document.getElementById('f-count');
  function apply(){
    var r=fr.value,c=fc.value,t=ft.value.trim().toLowerCase(),n=0;
    rows.forEach(function(tr){
      var ok=(!r||tr.dataset.rule===r)&&(!c||tr.dataset.cat===c)&&(!t||tr.textContent.toLowerCase().indexOf(t)>=0);
      tr.hidden=!ok;if(ok)n++;});
    spans.forEach(function(el){el.classList.toggle('dim',!!((r&&el.dataset.rule!==r)||(c&&el.dataset.cat!==c)));});
    out.textContent=n+' of '+rows.length+' findings shown';
  }
  fr.addEventListener('change',apply);fc.addEventListener('change',apply);ft.addEventListener('input',apply);
  form.addEventListener('submit',function(e){e.preventDefault();});
  form.hidden=false;apply();
  document.addEventListener('click',function(e){
    var a=e.target.closest&&e.target.closest('a[data-target]');if(!a)return;
    var el=document.getElementById(a.getAttribute('data-target'));if(!el)return;
    e.preventDefault();el.scrollIntoView({block:'center'});el.focus({preventScroll:true});
  });
})();
"""


@dataclass(frozen=True, slots=True)
class ReportDoc:
    """One document of a review page; ``changes`` (from ``cleaner check``) are highlighted."""

    id: str
    result: CleanResult
    changes: Sequence[Change] = ()
    status: str = ""
    aligned: bool = True  # False when the input changed: change offsets are not this source's


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    tag: str  # del (removed), ins (restored), mark (flagged)
    rule: str
    cat: str
    tip: str  # HTML
    changed: bool = False


def colours(category: str) -> tuple[str, str]:
    """(background, strike colour) of a category: the palette's, else a stable pick by name."""
    if category in PALETTE:
        return PALETTE[category]
    return EXTRA_COLOURS[int(hashlib.sha1(category.encode()).hexdigest(), 16) % len(EXTRA_COLOURS)]


def _colour_css(categories: set[str]) -> str:
    rules = [f'[data-cat="{escape(c)}"]{{--c-bg:{colours(c)[0]};--c-fg:{colours(c)[1]}}}'
             for c in sorted(categories | set(PALETTE))]
    rules.append(f".src ins,.legend .restored{{--c-bg:{RESTORED_COLOURS[0]};--c-fg:{RESTORED_COLOURS[1]}}}")
    rules.append(".legend li{background:var(--c-bg);border-color:var(--c-fg)}")
    return "\n".join(rules)


def _marks(doc: ReportDoc) -> list[_Mark]:
    """Annotations of the source: removals, restored spans, flags."""
    changes = doc.changes if doc.aligned else ()
    new_spans = {(c.start, c.end) for c in changes if c.after is not None}
    before = {(c.start, c.end): c.before for c in changes if c.after is not None}
    marks: list[_Mark] = []
    for r in doc.result.removals:
        extra = ""
        changed = any(s <= r.start < e or r.start <= s < r.end for s, e in new_spans)
        if changed:
            was = next((b for (s, e), b in before.items() if s <= r.start < e or r.start <= s < r.end), None)
            extra = (f"<br><b>changed:</b> before {escape(was[0])} [{escape(was[1])}]" if was
                     else "<br><b>changed:</b> kept before")
        tip = (f"<b>{escape(r.rule_id)}</b> · {escape(r.category)} · removed"
               f"<br><span class=ev>{escape(r.evidence)}</span>{extra}")
        marks.append(_Mark(r.start, r.end, "del", r.rule_id, r.category, tip, changed))
    for c in changes:
        if c.kind == "restored" and c.before is not None:
            tip = f"<b>restored</b> · no longer removed by <b>{escape(c.before[0])}</b> [{escape(c.before[1])}]"
            marks.append(_Mark(c.start, c.end, "ins", c.before[0], c.before[1], tip, True))
    for f in doc.result.flags:
        tip = f"<b>{escape(f.rule_id)}</b> · {escape(f.category)} · flagged only, kept<br><span class=ev>" \
              f"{escape(f.evidence)}</span>"
        marks.append(_Mark(f.start, f.end, "mark", f.rule_id, f.category, tip))
    marks.sort(key=lambda m: (m.start, {"del": 0, "ins": 1, "mark": 2}[m.tag]))
    kept: list[_Mark] = []  # drop overlaps: the earlier, higher-priority mark wins
    for m in marks:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _source_html(doc: ReportDoc, n: int) -> tuple[str, dict[int, str]]:
    """The annotated source of document ``n``; also the element id of each mark by start offset."""
    src = doc.result.source_text
    out: list[str] = []
    ids: dict[int, str] = {}
    cursor = 0
    for k, m in enumerate(_marks(doc)):
        out.append(escape(src[cursor:m.start]))
        raw = src[m.start:m.end]
        core = raw.strip()
        lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()):]
        body = escape(core)
        attrs = f'data-rule="{escape(m.rule)}" data-cat="{escape(m.cat)}"' + (' class="chg"' if m.changed else "")
        if core:  # whitespace around the text stays outside the mark, so the mark hugs the words
            eid, tid = f"m{n}-{k}", f"t{n}-{k}"
            ids[m.start] = eid
            out.append(f'{escape(lead)}<{m.tag} id="{eid}" tabindex="0" aria-describedby="{tid}" {attrs}>{body}'
                       f'</{m.tag}><span class="tip" role="tooltip" id="{tid}">{m.tip}</span>{escape(trail)}')
        else:
            out.append(escape(raw))
        cursor = m.end
    out.append(escape(src[cursor:]))
    return "".join(out), ids


def _stats_table(results: Sequence[CleanResult], caption: str) -> str:
    total = sum(len(r.source_text) for r in results)
    kept = sum(len(r.text) for r in results)
    chars: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for res in results:
        chars.update(res.removed_by_category())
        count.update(r.category for r in res.removals)

    def pct(x: int) -> str:
        return f"{100 * x / total:.1f}%" if total else "–"

    rows = [f'<tr><th scope="row"><span class="badge" data-cat="{escape(c)}" style="background:var(--c-bg);'
            f'border-color:var(--c-fg)">{escape(c)}</span></th><td class=n>{count[c]}</td><td class=n>{n}</td>'
            f"<td class=n>{pct(n)}</td></tr>" for c, n in sorted(chars.items(), key=lambda x: -x[1])]
    rows.append(f'<tr><th scope="row">kept</th><td class=n>–</td><td class=n>{kept}</td>'
                f"<td class=n>{pct(kept)}</td></tr>")
    rows.append(f'<tr><th scope="row">whole source</th><td class=n>{sum(count.values())}</td>'
                f"<td class=n>{total}</td><td class=n>{pct(total)}</td></tr>")
    return (f'<table class="stats"><caption class="muted">{escape(caption)}</caption><thead><tr><th scope="col">'
            'Category</th><th scope="col">Removals</th><th scope="col">Characters</th><th scope="col">Share</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _short(text: str, limit: int = 140) -> str:
    flat = " ".join(text.strip().replace("\n", " ⏎ ").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _changes_html(doc: ReportDoc, ids: dict[int, str]) -> str:
    from cleaner.review import describe

    items = []
    for c in doc.changes:
        if c.whitespace_only:
            continue
        target = ids.get(c.start) if doc.aligned else None
        line = escape(describe(c))
        items.append(f'<li><a href="#{target}" data-target="{target}">{line}</a></li>' if target
                     else f"<li>{line}</li>")
    if not items:
        return ""
    return f'<h3>Changes since the golden</h3><ul class="changes">{"".join(items)}</ul>'


def _finding_rows(docs: Sequence[ReportDoc], all_ids: list[dict[int, str]]) -> list[str]:
    rows = []
    for n, doc in enumerate(docs):
        res = doc.result
        entries = [(r.start, r.end, r.text, r.rule_id, r.category, "removed", r.evidence) for r in res.removals]
        entries += [(f.start, f.end, f.text, f.rule_id, f.category, "flagged", f.evidence) for f in res.flags]
        entries += [(c.start, c.end, c.text, c.before[0], c.before[1], "restored", "")
                    for c in doc.changes if c.kind == "restored" and c.before is not None and doc.aligned]
        for start, end, text, rule, cat, action, evidence in sorted(entries):
            target = all_ids[n].get(start)
            shown = escape(_short(text))
            cell = f'<a href="#{target}" data-target="{target}">{shown}</a>' if target else shown
            rows.append(f'<tr data-rule="{escape(rule)}" data-cat="{escape(cat)}"><td>{escape(doc.id)}</td>'
                        f"<td><code>{escape(rule)}</code></td><td>{escape(cat)}</td><td>{action}</td>"
                        f'<td class=n>{end - start}</td><td class="t">{cell}</td><td>{escape(evidence)}</td></tr>')
    return rows


def _options(values: set[str], label: str) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in sorted(values))
    return f'<option value="">{label}</option>{opts}'


def render_html_report(docs: Sequence[ReportDoc], *, title: str = "cleaner review", note: str = "") -> str:
    """One self-contained page reviewing many documents."""
    sections, all_ids = [], []
    for n, doc in enumerate(docs):
        src, ids = _source_html(doc, n)
        all_ids.append(ids)
        url = f'<p class="muted">{escape(doc.result.url)}</p>' if doc.result.url else ""
        status = f' <span class="badge">{escape(doc.status)}</span>' if doc.status else ""
        sections.append(
            f'<section class="doc" id="doc{n}" aria-labelledby="h{n}"><h2 id="h{n}">{escape(doc.id)}{status}</h2>'
            f"{url}{_stats_table([doc.result], 'Characters kept and removed, per category')}"
            f"{_changes_html(doc, ids)}<h3>Source</h3>"
            f'<div class="src" role="document" aria-label="source text of {escape(doc.id)}">{src}</div></section>')
    rows = _finding_rows(docs, all_ids)
    rules = {r.rule_id for d in docs for r in (*d.result.removals, *d.result.flags)}
    rules |= {c.before[0] for d in docs for c in d.changes if c.before}
    cats = {r.category for d in docs for r in (*d.result.removals, *d.result.flags)}
    cats |= {c.before[1] for d in docs for c in d.changes if c.before}
    legend = "".join(f'<li data-cat="{escape(c)}">{escape(c)}</li>' for c in sorted(cats))
    legend += '<li class="restored">restored (kept now)</li>' if any(d.changes for d in docs) else ""
    toc = ""
    if len(docs) > 1:
        toc = "<nav aria-label=documents><h2>Documents</h2><ol>" + "".join(
            f'<li><a href="#doc{n}">{escape(d.id)}</a> <span class="muted">{escape(d.status)} · '
            f"{len(d.result.removals)} removals</span></li>" for n, d in enumerate(docs)) + "</ol></nav>"
    overall = _stats_table([d.result for d in docs], f"All {len(docs)} documents") if len(docs) > 1 else ""
    findings = (
        '<section aria-labelledby="fh"><h2 id="fh">Findings</h2>'
        '<form id="filters" class="filters" hidden role="search" aria-label="filter findings">'
        f'<label for="f-rule">Rule<select id="f-rule">{_options(rules, "all rules")}</select></label>'
        f'<label for="f-cat">Category<select id="f-cat">{_options(cats, "all categories")}</select></label>'
        '<label for="f-text">Text<input id="f-text" type="search" placeholder="contains…"></label>'
        '<output id="f-count" aria-live="polite"></output></form>'
        '<table id="findings"><thead><tr><th scope="col">Document</th><th scope="col">Rule</th>'
        '<th scope="col">Category</th><th scope="col">Action</th><th scope="col">Chars</th>'
        '<th scope="col">Text</th><th scope="col">Evidence</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>")
    if not docs:
        findings = "<p>No documents to review.</p>"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_CSS}{_colour_css(cats)}</style></head><body>"
        f'<header class="top"><h1>{escape(title)}</h1>'
        f'{f"<p>{escape(note)}</p>" if note else ""}'
        '<p class="muted">Removed text is struck through and coloured by category; hover it or move to it with '
        "Tab to see its rule, category and evidence.</p>"
        f'<ul class="legend" aria-label="categories">{legend}</ul></header>'
        f"<main>{toc}{overall}{findings if len(docs) > 1 else ''}{''.join(sections)}"
        f"{findings if len(docs) <= 1 else ''}</main><script>{_JS}</script></body></html>\n")


def render_html(result: CleanResult, *, title: str | None = None, doc_id: str = "document") -> str:
    """The review page of one result (``cleaner clean --format html``)."""
    return render_html_report([ReportDoc(doc_id, result)], title=title or "cleaner review")
