"""Page types the main-content stage treats differently, told from the page's own markup."""

from __future__ import annotations

from typing import Any

FORUM_TYPE = "DiscussionForumPosting"  # schema.org type of a forum thread's posts


def forum_thread(root: Any) -> bool:
    """Whether the page is a forum thread, whose replies are its content, not comments under an
    article: it declares schema.org ``DiscussionForumPosting`` (JSON-LD or microdata), as Discourse,
    XenForo, Invision and phpBB themes do."""
    if root is None:
        return False
    for script in root.iterfind(".//script"):
        if (script.get("type") or "").lower() == "application/ld+json" and FORUM_TYPE in (script.text or ""):
            return True
    return any(FORUM_TYPE in (el.get("itemtype") or "") for el in root.iterfind(".//*[@itemtype]"))
