"""Batch inputs: files, folders (recursive, globs), stdin; JSON Lines; WARC; gzip/zstd inside any of them.

``Inputs.items()`` yields Records (files, WARC) and RawLines (JSON Lines, parsed later in a worker)
in a deterministic order, which is what makes ``--resume`` by position exact.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Literal

from cleaner.errors import InputError
from cleaner.io.compress import CountingReader, decompressing, strip_compression_suffix
from cleaner.io.records import RawLine, Record

Format = Literal["auto", "files", "jsonl", "warc"]
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # "-" for stdin
    id: str  # document id when the file is one document: path relative to the folder given
    size: int | None  # bytes on disk, None for stdin

    @property
    def fingerprint(self) -> str:
        if self.path == "-":
            return "-"
        st = os.stat(self.path)
        return f"{os.path.abspath(self.path)}|{st.st_size}|{st.st_mtime_ns}"


def format_of(name: str) -> Format:
    """The format a file name suggests (compression suffixes ignored)."""
    base = strip_compression_suffix(name).lower()
    if base.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if base.endswith(WARC_SUFFIXES):
        return "warc"
    return "files"


def expand(inputs: Sequence[str], *, pattern: str | None = None, follow_symlinks: bool = False) -> list[InputFile]:
    """Files named, found under folders (recursively, hidden names skipped) or matched by globs, in order.

    ``pattern`` (fnmatch) filters files found under folders and globs; files named outright always count.
    Symbolic links met under folders (files and folders) are skipped unless ``follow_symlinks``.
    Raises InputError for an input that does not exist or matches nothing.
    """
    found: list[InputFile] = []
    for item in inputs:
        if item == "-":
            found.append(InputFile("-", "stdin", None))
        elif set(item) & _GLOB_CHARS:
            matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not matches:
                raise InputError(f"{item}: no file matches")
            found += [InputFile(p, p, os.path.getsize(p)) for p in matches if _wanted(p, pattern)]
        elif os.path.isdir(item):
            found += _walk(item, pattern, follow_symlinks)
        elif os.path.isfile(item):
            found.append(InputFile(item, item, os.path.getsize(item)))
        else:
            raise InputError(f"{item}: no such file or folder")
    return found


def _wanted(path: str, pattern: str | None) -> bool:
    return pattern is None or fnmatch.fnmatch(os.path.basename(path), pattern) or fnmatch.fnmatch(path, pattern)


def _walk(root: str, pattern: str | None, follow_symlinks: bool = False) -> list[InputFile]:
    out = []
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            if not follow_symlinks and os.path.islink(path):
                continue
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if pattern is None or fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(rel, pattern):
                out.append(InputFile(path, rel, os.path.getsize(path)))
    return out


class Inputs:
    """The documents of a set of input files, read lazily, with raw bytes read counted for progress."""

    def __init__(self, files: Sequence[InputFile], fmt: Format = "auto") -> None:
        self.files, self.format = list(files), fmt
        self._done_bytes = 0
        self._reader: CountingReader | None = None

    @property
    def total_bytes(self) -> int | None:
        sizes = [f.size for f in self.files]
        return None if any(s is None for s in sizes) else sum(sizes)  # type: ignore[misc]

    @property
    def bytes_read(self) -> int:
        return self._done_bytes + (self._reader.count if self._reader else 0)

    def fingerprint(self) -> list[str]:
        return [f"{self.format}|{f.fingerprint}|{f.id}" for f in self.files]

    def items(self) -> Iterator[Record | RawLine]:
        for f in self.files:
            raw = sys.stdin.buffer if f.path == "-" else open(f.path, "rb")  # noqa: SIM115
            self._reader = CountingReader(raw)  # type: ignore[arg-type]
            try:
                yield from self._file_items(f, decompressing(self._reader))
            finally:
                self._done_bytes += self._reader.count
                self._reader = None
                if f.path != "-":
                    raw.close()

    def _file_items(self, f: InputFile, stream) -> Iterator[Record | RawLine]:
        fmt = self.format
        if fmt == "auto":
            fmt = _sniff_format(stream) if f.path == "-" else format_of(f.path)
        if fmt == "jsonl":
            yield from jsonl_lines(stream, f.path)
        elif fmt == "warc":
            from cleaner.io.warc import warc_records

            yield from warc_records(stream, f.path)
        else:
            data = stream.read()
            yield Record(f.id, data, None, {"source": f.path}, "auto", where=f.path)


def _sniff_format(stream) -> Format:
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.lstrip()[:1] == b"{":
        return "jsonl"
    return "files"


def jsonl_lines(stream: BinaryIO, source: str) -> Iterator[RawLine]:
    """Non-blank lines of a JSON Lines stream, unparsed."""
    for n, line in enumerate(stream, 1):
        if line.strip():
            yield RawLine(source, n, line)


def open_input(path: str) -> BinaryIO:
    """A decompressed binary stream of a file (or stdin for "-")."""
    try:
        raw = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    return decompressing(raw)  # type: ignore[return-value]


__all__ = ["Format", "InputFile", "Inputs", "expand", "format_of", "jsonl_lines", "open_input"]
