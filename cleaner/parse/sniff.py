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
    """Decode bytes: BOM; valid UTF-8 (whatever the page declares: a page labelled
    ``iso-8859-1`` whose bytes are UTF-8 is common, and other encodings rarely form valid UTF-8 by
    chance); a declared (HTTP) charset, then ``<meta charset>`` in the page's head; UTF-8 with stray
    bytes; then charset-normalizer's guess, windows-1252 when that reads as well (an unlabelled
    Western page). Raises InputError for data that is not text."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(encoding, errors="replace")
    try:
        text: str | None = content.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(_head(content))
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for encoding in candidates:
        name = _normalise_encoding(encoding)
        # UTF-16/32 bytes (NULs between ASCII letters) are valid UTF-8 too; a page that says UTF-16
        # but has no NULs is UTF-8, as browsers read it
        if text is not None and not (name.startswith(_WIDE) and b"\x00" in content[:4096]):
            break
        try:
            return content.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    # Valid UTF-8 can still be binary (NUL-filled data, an ASCII-only file format).
    if (text is None or b"\x00" in content[:8192] or content.startswith(_MAGIC)) and _looks_binary(content):
        raise InputError("input looks binary, not text or HTML")
    if text is not None:
        return text
    if _mostly_utf8(content):  # UTF-8 with stray bytes of another encoding: keep the UTF-8 as UTF-8
        return content.decode("utf-8", errors=_STRAY)
    return content.decode(_guess(content[:1_000_000]), errors="replace")


_WIDE = ("utf-16", "utf16", "utf-32", "utf32")
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
_HEAD_LIMIT = 262_144  # bytes of a page searched for its head's end (inline scripts and styles come first)
_META_LIMIT = 4096  # bytes searched for a ``<meta charset>`` when no head's end is found
# single-byte code pages charset-normalizer picks for Western text with a few punctuation marks
_WESTERN_LOOKALIKES = frozenset({"latin_1", "cp1250", "cp1257", "cp775", "cp850", "cp852", "cp858", "cp437",
                                 "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_13", "iso8859_15", "mac_roman"})


def _head(content: bytes) -> bytes:
    """The page's head, where a ``<meta charset>`` belongs (after inline scripts and styles as often
    as not); the first few kilobytes when the head has no visible end."""
    end = _HEAD_END.search(content, 0, _HEAD_LIMIT)
    return content[:end.start()] if end else content[:_META_LIMIT]


def _guess(sample: bytes) -> str:
    """charset-normalizer's best guess; windows-1252 (the web's most used single-byte encoding, what
    browsers read unlabelled Western pages as) when the guess is one of the code pages that look
    alike on English or French text with curly quotes and dashes, and windows-1252 reads the bytes
    with no more chaos. A guess that windows-1252 would turn into symbols inside words (Polish "ł"
    read as "³") stays. (charset-normalizer's own guess on a short page is weak either way.)"""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return "utf-8"
    if best.encoding in _WESTERN_LOOKALIKES:
        western = from_bytes(sample, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos:
            return "cp1252"
    return best.encoding


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
