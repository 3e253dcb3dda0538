"""Open inputs transparently through gzip or zstd, and count the raw bytes read (for progress)."""

from __future__ import annotations

import gzip
import io
from typing import IO, BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
COMPRESSED_SUFFIXES = (".gz", ".zst", ".zstd")


class CountingReader(io.RawIOBase):
    """A raw reader that counts the bytes taken from the underlying stream."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def decompressing(stream: BinaryIO) -> IO[bytes]:
    """Wrap a binary stream in a decompressor when its first bytes are gzip or zstd magic."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    head = buffered.peek(4)[:4]
    if head.startswith(GZIP_MAGIC):
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if head.startswith(ZSTD_MAGIC):
        try:
            import zstandard
        except ImportError:  # pragma: no cover - depends on the environment
            from cleaner.errors import InputError

            raise InputError("zstd input needs the zstandard package: pip install 'cleaner[zstd]'") from None
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True))
    return buffered


def strip_compression_suffix(name: str) -> str:
    for suffix in COMPRESSED_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name
