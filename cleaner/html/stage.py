"""The main-content stage: the extractor's verdict per block, turned into findings with evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cleaner.extract import MainContent, MainContentExtractor
from cleaner.html.prose import block_words, in_chrome, prose_blocks, words
from cleaner.html.siblings import rescued
from cleaner.model import Action, Block, Document, Finding

OUTSIDE_ID = "layout.outside-main"
HEADLINE_ID = "headline.kept"
REPEAT_ID = "layout.repeated-headline"
CONFIDENCE = 0.7
RESCUE_SHARE = 0.3  # the extractor under-delivers below this share of the page's prose words
JUNK_SHARE = 0.5  # the extractor took chrome when less than this share of what it kept reads as prose
UNDER, JUNK = "kept little of the page's prose", "kept mostly link lists and short lines"
LITTLE = "kept under half of the page's prose"
SECOND_SHARE = 0.5  # below this share of the page's prose words kept, the second opinion is asked
FEW_WORDS, FEW_PAGE, FEW_GAIN = 150, 1000, 3  # under FEW_WORDS kept of a page of FEW_PAGE words: ask
SECOND_GAIN = 1.5  # and taken when it keeps this many times the words (and is not in doubt itself)
SECOND_MIN_PROSE = 50  # under this many words of prose on the page, no article for a second opinion to find
TEXT_MIN_WORDS, TEXT_MAX_LINKS = 5, 0.5  # a block of text: five words or more, under half of them links
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "dialog"})


def _where(blocks: Sequence[Block]) -> str:
    places: dict[str, int] = {}
    for b in blocks:
        if b.dom is not None:
            for name in b.dom.inside & (_CHROME | {"figure", "figcaption"}):
                places[name] = places.get(name, 0) + 1
    links = sum(1 for b in blocks if b.dom is not None and b.dom.link_density >= 0.5)
    parts = [f"in <{k}>" for k, _ in sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    if links:
        parts.append(f"{links} link block(s)")
    return ", ".join(parts)


def _doubt(blocks: Sequence[Block], verdict: Sequence[bool], prose: Sequence[bool]) -> str | None:
    """Why an extractor's verdict is suspect (UNDER, JUNK), or None."""
    kept = words(blocks, verdict)
    if kept < RESCUE_SHARE * words(blocks, prose):
        return UNDER
    if words(blocks, [v and p for v, p in zip(verdict, prose, strict=True)]) < JUNK_SHARE * kept:
        return JUNK
    return None


def _once(blocks: Sequence[Block]) -> list[bool]:
    """Per block, whether it is not a repeated teaser: a paragraph with links printed twice on the
    page (a ticker repeated in a sidebar) is page furniture, not the article's prose. (Forum quotes
    and responsive duplicates of a page's text repeat too, but carry no links.)"""
    seen = Counter(b.text for b in blocks)
    return [seen[b.text] == 1 or b.dom is None or b.dom.link_density == 0 for b in blocks]


def _inside(main: MainContent, n: int) -> list[bool]:
    return [main.inside(i) for i in range(n)]


class _SecondOpinion:
    """The second extractor's verdict, asked for at most once per page (it costs a full extraction)."""

    def __init__(self, doc: Document, extractor: MainContentExtractor | None) -> None:
        self.doc, self.extractor = doc, extractor
        self._asked = False
        self._answer: tuple[list[bool], str] | None = None

    def __call__(self) -> tuple[list[bool], str] | None:
        """Per block, whether the second extractor keeps it, and its name; None when it found nothing."""
        if not self._asked and self.extractor is not None:
            self._asked = True
            other = self.extractor.main_content(self.doc)
            if other is not None:
                self._answer = _inside(other, len(self.doc.blocks)), other.source
        return self._answer


def _text_words(blocks: Sequence[Block]) -> int:
    """The page's words in blocks of text (``TEXT_MIN_WORDS`` or more, link density under
    ``TEXT_MAX_LINKS``), wherever they sit: not labels, buttons or link lists."""
    return sum(n for b in blocks if (n := block_words(b)) >= TEXT_MIN_WORDS
               and (b.dom is None or b.dom.link_density < TEXT_MAX_LINKS))


def _next_to_nothing(blocks: Sequence[Block], kept: int, second: _SecondOpinion) -> tuple[list[bool], str] | None:
    """The second opinion's verdict when the first kept next to nothing of a long page (a blog post
    in an ``<aside>``, an article in a ``<header>``: places prose density does not count) and the
    second keeps many times more; else None. Not asked (it costs a full extraction) when the page
    holds fewer words in blocks of text than the second opinion would have to keep: a long page of
    labels and links (a shop, a listing) has no article to find there."""
    if second.extractor is None or kept >= FEW_WORDS or words(blocks, [True] * len(blocks)) < FEW_PAGE:
        return None
    needed = max(FEW_WORDS, FEW_GAIN * kept)
    if _text_words(blocks) < needed:
        return None
    answer = second()
    if answer is None or words(blocks, answer[0]) < needed:
        return None
    return answer[0], f"outside the main content that {answer[1]} extracted (the fast verdict kept {kept} words)"


LANDMARK_SHARE, LANDMARK_MIN = 0.3, 300  # the verdict kept under this share of <main>'s text, of this many words


def _main_landmark_missed(blocks: Sequence[Block], verdict: list[bool], kept: int, second: _SecondOpinion
                          ) -> tuple[list[bool], str] | None:
    """The second opinion's verdict when the page's ``<main>`` landmark holds many times the words
    the first verdict kept (a shop's grid of products beside a paragraph about them, a listing of
    teasers); None when it keeps no more."""
    if second.extractor is None:
        return None
    landmark = sum(block_words(b) for b in blocks if b.dom is not None and "main" in b.dom.inside
                   and not in_chrome(b.dom))
    if landmark < LANDMARK_MIN or kept >= LANDMARK_SHARE * landmark:
        return None
    answer = second()
    if answer is None or words(blocks, answer[0]) <= SECOND_GAIN * kept:
        return None
    return answer[0], (f"outside the main content that {answer[1]} extracted (the fast verdict kept {kept} of the "
                       f"{landmark} words in <main>)")


def _verdict(doc: Document, name: str, main: MainContent | None, prose: list[bool],
             extractor: MainContentExtractor | None, forum: bool = False) -> tuple[list[bool], str]:
    """The main-content verdict per block, and the reason given to the blocks left out.

    The extractor's verdict stands unless it is in doubt. When it kept mostly link lists and short
    lines, the second opinion (trafilatura with its fallback extractors, paid for only when asked)
    replaces it if that one is not in doubt itself (not asked when the page has under
    ``SECOND_MIN_PROSE`` words of prose: a listing or a shop page, where it was never taken on the
    eval corpora). When it kept little of the page's prose, prose density adds the prose it missed.
    (Measured on the eval corpora: asking the second opinion in that case, too, lost more pages
    than it mended.) When it kept less than half of the page's prose,
    the second opinion replaces it if it keeps much more and is not in doubt itself (a forum thread
    of which the fast extractor took the first post). When it kept next to nothing of a long page
    (or found nothing), the second opinion replaces it if it keeps many times more, whatever prose
    density says (``_next_to_nothing``). When it kept under ``LANDMARK_SHARE`` of the text in the
    page's ``<main>`` landmark, the second opinion replaces it if it keeps much more
    (``_main_landmark_missed``: a shop's product grid beside a paragraph about the range). Then
    same-class sibling chunks and paragraphs skipped inside the article's container come back
    (``siblings.rescued``).
    """
    blocks = doc.blocks
    second = _SecondOpinion(doc, extractor)
    if main is None:
        return _next_to_nothing(blocks, 0, second) or (
            prose, f"{name} found no main content; not prose (short, link-dense or page chrome)")
    verdict = _inside(main, len(blocks))
    doubt = _doubt(blocks, verdict, prose)
    kept = words(blocks, verdict)
    if doubt == UNDER:
        once = _once(blocks)
        return ([v or (p and o) for v, p, o in zip(verdict, prose, once, strict=True)],
                f"outside the main content ({main.source} {doubt}, so prose density added the rest); not prose")
    why, replaced = f"outside the main content that {main.source} extracted", False
    page_prose = words(blocks, prose)
    junk = doubt == JUNK and page_prose >= SECOND_MIN_PROSE
    if extractor is not None and (junk or kept < SECOND_SHARE * page_prose):
        answer = second()
        if answer is not None and _doubt(blocks, answer[0], prose) is None:
            alt, source = answer
            if doubt == JUNK:
                return alt, f"outside the main content that {source} extracted ({main.source} {doubt})"
            if words(blocks, alt) > SECOND_GAIN * kept:
                verdict, replaced = alt, True
                why = f"outside the main content that {source} extracted ({main.source} {LITTLE})"
    if not replaced and (fuller := _next_to_nothing(blocks, kept, second)) is not None:
        return fuller
    if not replaced and (listing := _main_landmark_missed(blocks, verdict, kept, second)) is not None:
        return listing
    for i in rescued(doc, verdict, prose, forum=forum):
        verdict[i] = True
    return verdict, why


def stage_findings(doc: Document, extractor: MainContentExtractor, *, keep_headline: bool = True,
                   second: MainContentExtractor | None = None, forum: bool = False
                   ) -> tuple[list[bool], list[Finding]]:
    """Per block, whether it is main content; and the findings that remove the rest. On a forum
    thread (``forum``) the replies count as the page's prose."""
    main: MainContent | None = extractor.main_content(doc)
    prose = prose_blocks(doc.blocks, forum=forum)
    verdict, why = _verdict(doc, extractor.name, main, prose, second, forum)
    findings: list[Finding] = []
    headline = getattr(doc.page, "headline", None)
    if keep_headline and headline is not None:
        verdict[headline] = True
        findings.append(Finding(HEADLINE_ID, "headline", Action.KEEP, (headline,), 1.0,
                                "the page's headline (<h1> matching the title)"))
        text = doc.blocks[headline].text
        copies = tuple(i for i, b in enumerate(doc.blocks) if verdict[i] and i != headline and b.text == text)
        if copies:
            findings.append(Finding(REPEAT_ID, "layout", Action.REMOVE, copies, CONFIDENCE,
                                    f"a copy of the headline (block {headline}) inside the main content"))
    run: list[int] = []
    for i in range(len(doc.blocks) + 1):
        if i < len(doc.blocks) and not verdict[i]:
            run.append(i)
            continue
        if run:
            where = _where([doc.blocks[j] for j in run])
            findings.append(Finding(OUTSIDE_ID, "layout", Action.REMOVE, tuple(run), CONFIDENCE,
                                    f"{why}; {len(run)} block(s){'; ' + where if where else ''}"))
            run = []
    return verdict, findings
