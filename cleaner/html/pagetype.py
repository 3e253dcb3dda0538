"""Page types the main-content stage treats differently, told from the page's own markup."""

from __future__ import annotations

from typing import Any

# schema.org types of a page whose replies are its content: a forum thread's posts, a Q&A page's answers
FORUM_TYPES = ("DiscussionForumPosting", "QAPage")


def forum_thread(root: Any) -> bool:
    """Whether the page is a forum thread or a Q&A page, whose replies are its content, not comments
    under an article: it declares schema.org ``DiscussionForumPosting`` or ``QAPage`` (JSON-LD or
    microdata), as Discourse, XenForo, Invision, phpBB and Stack Exchange themes do."""
    if root is None:
        return False
    for script in root.iterfind(".//script"):
        if (script.get("type") or "").lower() == "application/ld+json" and _declares(script.text or ""):
            return True
    return any(_declares(el.get("itemtype") or "") for el in root.iterfind(".//*[@itemtype]"))


def _declares(text: str) -> bool:
    return any(name in text for name in FORUM_TYPES)
