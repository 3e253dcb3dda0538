"""Decode bytes and tell HTML from text."""

from __future__ import annotations

import codecs
import re

from cleaner.errors import InputError
from cleaner.model import InputKind

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)
# A page's own start further down, behind markup a plugin or a CDN put before it (a <script> or a
# <style> ahead of the doctype), as browsers read such pages.
_LATE_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(
    rb"<(?:html|head|body|div|p|span|a|table|meta|script|style|article|section|ul|li|br|h[1-6])[\s>/]",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff_kind(content: str | bytes) -> InputKind:
    """HTML when the input starts like a page, starts with a tag and has a page's start further down
    (a ``<script>`` injected before the doctype), or is dense in common tags; text otherwise.

    A text that merely mentions ``<b>`` or ``a < b`` stays text.
    """
    head = content[:65536]
    raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
    if _HTML_START.match(raw):
        return "html"
    if raw.lstrip().startswith(b"<") and _LATE_START.search(raw):
        return "html"
    tags = len(_HTML_TAGS.findall(raw))
    return "html" if tags >= 3 and tags * 200 >= len(raw) else "text"


def decode(content: bytes, *, declared: str | None = None) -> str:
    """Decode bytes: BOM, then a declared (HTTP) charset, then ``<meta charset>``, then UTF-8,
    then charset-normalizer's guess. Raises InputError for data that is not text."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(encoding, errors="replace")
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for encoding in candidates:
        try:
            return content.decode(_normalise_encoding(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # Valid UTF-8 can still be binary (NUL-filled data, an ASCII-only file format).
    if (text is None or b"\x00" in content[:8192] or content.startswith(_MAGIC)) and _looks_binary(content):
        raise InputError("input looks binary, not text or HTML")
    if text is not None:
        return text
    if _mostly_utf8(content):  # UTF-8 with stray bytes of another encoding: keep the UTF-8 as UTF-8
        return content.decode("utf-8", errors=_STRAY)
    from charset_normalizer import from_bytes

    best = from_bytes(content[:1_000_000]).best()
    if best is None:
        return content.decode("utf-8", errors="replace")
    return content.decode(best.encoding, errors="replace")


def _normalise_encoding(name: str) -> str:
    name = name.strip().lower()
    # WHATWG: pages labelled latin-1/ascii are decoded as windows-1252.
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name


_MAGIC = (b"\x89PNG", b"\x1f\x8b", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"(\xb5/\xfd")
_STRAY = "cleaner-stray-bytes"


def _stray_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as windows-1252 (what unlabelled Western pages are)."""
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_STRAY, _stray_bytes)


def _mostly_utf8(content: bytes) -> bool:
    """At least as many valid multi-byte UTF-8 characters as invalid bytes: mixed UTF-8, not another
    encoding (text in another encoding rarely forms valid UTF-8 sequences by chance)."""
    text = content.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - content.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    return good > 0 and good >= bad


def _looks_binary(content: bytes) -> bool:
    sample = content[:8192]
    if not sample:
        return False
    if sample.startswith(_MAGIC):
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.1
