"""Checkpointed, resumable batch output.

Results arrive in input order. They are appended to numbered part files in a work folder next to the
output; every ``every`` documents (or ``every_s`` seconds) the parts are fsynced and a manifest
``part-NNNNNN.json`` is written atomically: the manifest is the commit point and records how many input
documents are done. ``--resume`` deletes parts without a manifest and restarts after the last committed
document, so a SIGKILL at any instant loses only uncommitted work and never duplicates anything. At the end,
the parts are concatenated into each final file atomically (temporary file, then rename) and the work
folder is removed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import IO, Any

from cleaner.errors import InputError
from cleaner.io.atomic import atomic_open, atomic_write_text, fsync_dir


def work_dir_for(output: str | Path) -> Path:
    out = Path(output)
    return out.parent / f".{out.name}.partial"


class Checkpointer:
    """Append-only part files per stream (``out``, ``errors``, ``sidecar``), committed by manifests."""

    def __init__(self, work: Path, finals: dict[str, Path], *, fingerprint: Any, resume: bool,
                 every: int = 1000, every_s: float = 10.0) -> None:
        self.work, self.finals, self.every, self.every_s = work, finals, max(1, every), every_s
        self.key = hashlib.sha256(json.dumps(fingerprint, sort_keys=True, default=str).encode()).hexdigest()
        self.index, self.part, self.counts = 0, 0, {"ok": 0, "failed": 0}
        self.resumed = False
        if resume and (work / "state.json").is_file():
            self._load()
        else:
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            atomic_write_text(work / "state.json", json.dumps({"key": self.key}))
            fsync_dir(work.parent)
        self.part += 1
        self._handles: dict[str, IO[bytes]] = {}
        self._pending, self._since = 0, time.monotonic()

    # -- resume ------------------------------------------------------------------------
    def _load(self) -> None:
        state = json.loads((self.work / "state.json").read_text())
        if state.get("key") != self.key:
            raise InputError(f"--resume: the inputs or options differ from the interrupted run in {self.work}; "
                             "run without --resume to start over")
        manifests = sorted(self.work.glob("part-*.json"))
        last = 0
        for m in manifests:
            n = int(m.stem.split("-")[1])
            if n != last + 1:
                break
            data = json.loads(m.read_text())
            self.index, self.counts, last = data["end"], data["counts"], n
        for stale in self.work.glob("part-*"):  # uncommitted parts (and anything after a gap)
            if int(stale.name.split(".")[0].split("-")[1]) > last:
                stale.unlink()
        self.part, self.resumed = last, True

    # -- writing -----------------------------------------------------------------------
    def _path(self, part: int, stream: str) -> Path:
        return self.work / f"part-{part:06d}.{stream}"

    def write(self, stream: str, data: bytes) -> None:
        handle = self._handles.get(stream)
        if handle is None:
            handle = self._handles[stream] = open(self._path(self.part, stream), "wb")  # noqa: SIM115
        handle.write(data)

    def done(self, ok: bool) -> None:
        """One more input document is fully written (its output or its error record)."""
        self.index += 1
        self.counts["ok" if ok else "failed"] += 1
        self._pending += 1
        if self._pending >= self.every or time.monotonic() - self._since >= self.every_s:
            self.commit()

    def skip(self, ok: bool = True) -> None:
        """Count a document without output (e.g. written to a folder directly)."""
        self.done(ok)

    def commit(self) -> None:
        if not self._pending:
            return
        for handle in self._handles.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        self._handles.clear()
        manifest = {"end": self.index, "counts": self.counts}
        atomic_write_text(self._path(self.part, "json"), json.dumps(manifest))
        fsync_dir(self.work)
        self.part += 1
        self._pending, self._since = 0, time.monotonic()

    # -- the end -----------------------------------------------------------------------
    def finish(self) -> None:
        """Commit, assemble every final file atomically, then drop the work folder."""
        self.commit()
        last = self.part - 1
        for stream, final in self.finals.items():
            with atomic_open(final, "wb") as raw:
                sink = _compressing(raw, final.name)
                for n in range(1, last + 1):
                    part = self._path(n, stream)
                    if part.is_file():
                        with open(part, "rb") as src:
                            shutil.copyfileobj(src, sink, 1 << 20)
                if sink is not raw:
                    sink.close()
        fsync_dir(self.work.parent)
        shutil.rmtree(self.work, ignore_errors=True)

    def abort(self) -> None:
        """Close open parts without committing (an interrupted run keeps its committed work)."""
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


def _compressing(raw: IO[bytes], name: str) -> IO[bytes]:
    low = name.lower()
    if low.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)  # type: ignore[return-value]
    if low.endswith((".zst", ".zstd")):
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)  # type: ignore[return-value]
    return raw


__all__ = ["Checkpointer", "work_dir_for"]
