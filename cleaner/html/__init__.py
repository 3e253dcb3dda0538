"""HTML input: parse once, then the main-content stage.

``analyse_html`` returns the Document (visible-text blocks with DOM context, the tree on
``Document.page``) and the findings of the main-content stage: every block outside the main
content gets a ``layout.outside-main`` removal with its evidence, so nothing leaves silently.
The headline is kept (``Config.keep_headline``). On a forum thread (``forum_thread``) the replies
are the page, so the extractor keeps comments.
"""

from __future__ import annotations

from dataclasses import replace

from cleaner.config import Config
from cleaner.errors import LimitExceeded
from cleaner.extract import MainContentExtractor, default_extractor, second_opinion
from cleaner.html.pagetype import forum_thread
from cleaner.html.stage import stage_findings
from cleaner.model import Document, Finding
from cleaner.parse.html import html_document

_EXTRACTORS: dict[tuple[bool, str], tuple[MainContentExtractor, MainContentExtractor | None]] = {}


def _extractors(*, forum: bool = False, stage: str = "density"
                ) -> tuple[MainContentExtractor, MainContentExtractor | None]:
    """The extractor and its second opinion (built once per stage; on a forum thread, with comments)."""
    key = (forum, stage)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = default_extractor(forum=forum, stage=stage), second_opinion(forum=forum)
    return _EXTRACTORS[key]


def analyse_html(text: str, *, url: str | None = None, config: Config | None = None,
                 extractor: MainContentExtractor | None = None) -> tuple[Document, list[Finding]]:
    """Parse ``text`` (decoded HTML) into a Document, plus the main-content stage's findings."""
    config = config or Config()
    limits = config.limits
    doc = html_document(text, url=url, max_depth=limits.max_depth, max_elements=limits.max_elements)
    if len(doc.blocks) > limits.max_blocks:  # before the main-content stage spends time on it
        raise LimitExceeded(f"input has {len(doc.blocks)} blocks, over the limit of {limits.max_blocks}")
    if not config.main_content or not doc.blocks:
        return doc, []
    forum = forum_thread(doc.page.root)
    first, second = (extractor, None) if extractor is not None else _extractors(
        forum=forum, stage=config.main_content_stage)
    verdict, findings = stage_findings(doc, first, keep_headline=config.keep_headline, second=second, forum=forum)
    blocks = tuple(b.judged(verdict[b.index]) for b in doc.blocks)
    return replace(doc, blocks=blocks), findings
