"""WARC input: HTML responses as Records (fastwarc when installed, else warcio)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from cleaner.errors import InputError
from cleaner.io.records import Record

HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_records(stream: BinaryIO, source: str) -> Iterator[Record]:
    """HTML response records of a (possibly gzipped) WARC stream, in file order."""
    try:
        from fastwarc.warc import ArchiveIterator as _Fast  # noqa: F401
    except ImportError:
        yield from _warcio_records(stream, source)
    else:
        yield from _fastwarc_records(stream, source)


def _is_html(content_type: str | None) -> bool:
    return not content_type or content_type.split(";")[0].strip().lower() in HTML_TYPES


def _encodings(headers) -> tuple[str, ...]:
    steps = []
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        steps.append("chunked")
    for enc in (headers.get("Content-Encoding") or "").lower().split(","):
        if enc.strip() and enc.strip() != "identity":
            steps.append(enc.strip())
    return tuple(steps)


def _record(body: bytes, *, rid: str, uri: str | None, date: str | None, ctype: str | None,
            charset: str | None, status: int | None, encodings: tuple[str, ...], where: str) -> Record:
    meta = {"date": date, "warc_record_id": rid, "content_type": ctype, "http_status": status, "source": where}
    return Record(rid, body, uri, meta, "html", charset=charset, encodings=encodings, where=where)


def _fastwarc_records(stream: BinaryIO, source: str) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    for rec in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
        http = rec.http_headers
        status = http.status_code if http is not None else None
        if http is None or not (200 <= (status or 0) < 300) or not _is_html(rec.http_content_type):
            continue
        date = rec.record_date.isoformat() if rec.record_date else rec.headers.get("WARC-Date")
        yield _record(rec.reader.read(), rid=rec.record_id, uri=rec.headers.get("WARC-Target-URI"), date=date,
                      ctype=rec.http_content_type, charset=rec.http_charset, status=status,
                      encodings=_encodings(http), where=f"{source}@{rec.stream_pos}")


def _warcio_records(stream: BinaryIO, source: str) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(stream)
    for rec in iterator:
        if rec.rec_type != "response" or rec.http_headers is None:
            continue
        http = rec.http_headers
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            status = None
        ctype = http.get_header("Content-Type")
        if not (200 <= (status or 0) < 300) or not _is_html(ctype):
            continue
        charset = None
        if ctype and "charset=" in ctype.lower():
            charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
        yield _record(rec.content_stream().read(), rid=rec.rec_headers.get_header("WARC-Record-ID"),
                      uri=rec.rec_headers.get_header("WARC-Target-URI"), date=rec.rec_headers.get_header("WARC-Date"),
                      ctype=ctype.split(";")[0].strip() if ctype else None, charset=charset, status=status,
                      encodings=(), where=f"{source}@{iterator.get_record_offset()}")


def undo_http_encodings(body: bytes, encodings: tuple[str, ...]) -> bytes:
    """Undo chunked transfer coding and gzip/deflate/br/zstd content coding (when the body still has them)."""
    for enc in encodings:
        if enc == "chunked":
            body = _dechunk(body)
        elif enc in ("gzip", "x-gzip") and body[:2] == b"\x1f\x8b":
            body = _inflate(body, 16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            try:
                body = _inflate(body, zlib.MAX_WBITS)
            except InputError:
                body = _inflate(body, -zlib.MAX_WBITS)
        elif enc == "br":
            try:
                import brotli  # type: ignore[import-not-found]
            except ImportError:
                raise InputError("brotli-encoded body; pip install brotli") from None
            body = brotli.decompress(body)
        elif enc == "zstd" and body[:4] == b"\x28\xb5\x2f\xfd":
            import zstandard

            body = zstandard.ZstdDecompressor().decompressobj().decompress(body)
    return body


def _inflate(body: bytes, wbits: int) -> bytes:
    try:
        return zlib.decompressobj(wbits).decompress(body)
    except zlib.error as exc:
        raise InputError(f"bad compressed HTTP body: {exc}") from None


def _dechunk(body: bytes) -> bytes:
    """Decode chunked transfer coding; a body that is not chunked is returned as is."""
    out, pos = bytearray(), 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            return body
        try:
            size = int(body[pos:eol].split(b";")[0].strip(), 16)
        except ValueError:
            return body  # not chunked after all (the WARC writer already decoded it)
        if size == 0:
            return bytes(out)
        start = eol + 2
        out += body[start : start + size]
        pos = start + size + 2
        if pos > len(body):
            return bytes(out)
