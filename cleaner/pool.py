"""Ordered, bounded, fault-tolerant parallel map over documents (the engine under ``cleaner.batch``).

* N worker processes, each building its Cleaner once (pool initializer).
* At most ``window`` chunks (and about ``max_bytes`` of input) in flight: memory stays flat however
  large the input is; results come back in input order.
* Per-document time limit: SIGALRM in the worker raises ``DocumentTimeout`` (the document becomes an
  error outcome, the worker lives on); code stuck in C that never returns to Python is ended by a
  second, hard limit (faulthandler's watchdog thread exits the worker).
* A worker that dies (hard limit, crash, out of memory) breaks the pool: the pool is rebuilt, the
  in-flight documents are re-run one at a time, and the one that kills a worker again becomes an error
  outcome; the run goes on.
* Workers are recycled: after about ``recycle_after`` documents per worker the pool is drained and
  replaced, so what the parsers' C heaps keep (fragmentation, interned strings) cannot grow with the
  input. (``ProcessPoolExecutor(max_tasks_per_child=...)`` deadlocks on Python 3.11-3.13, gh-115634,
  hence a pool generation of our own.)
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from cleaner.config import Config
from cleaner.errors import CleanerError, LimitExceeded
from cleaner.io.records import JsonlKeys, RawLine, Record
from cleaner.io.sinks import OutputSpec

Item = Record | RawLine
HARD_LIMIT_GRACE_S = 10.0
RECYCLE_AFTER = 1000  # documents per worker before its pool generation is replaced; 0: never


class DocumentTimeout(LimitExceeded):
    """A document took longer than ``Config.limits.time_budget_s``."""


@dataclass(slots=True)
class Outcome:
    """What became of one input document: a result (or rendered output) or an error reason."""

    index: int
    id: str
    ok: bool
    result: Any = None  # CleanResult (library), or the rendered output bytes (batch sinks)
    sidecar: bytes | None = None
    error: str | None = None
    where: str = ""


@dataclass(frozen=True)
class Job:
    """What a worker does with each document; picklable, sent once to every worker."""

    config: Config
    keys: JsonlKeys = field(default_factory=JsonlKeys)
    output: OutputSpec | None = None  # None: return CleanResult objects
    kind: str | None = None  # force text/html; None: per record
    factory: Callable[[Config], Any] | None = None  # builds the cleaner (default: cleaner.Cleaner)
    hard_grace_s: float = HARD_LIMIT_GRACE_S  # after the soft limit, how long before a stuck worker exits

    def build(self) -> Any:
        if self.factory is not None:
            return self.factory(self.config)
        from cleaner.engine import Cleaner

        return Cleaner(self.config)


class Worker:
    """Cleans items with one Cleaner, each under the time limit; never raises for a bad document."""

    def __init__(self, job: Job, *, hard: bool, cleaner: Any = None) -> None:
        self.job, self.hard = job, hard
        self.cleaner = cleaner if cleaner is not None else job.build()
        self.budget = job.config.limits.time_budget_s

    def run(self, index: int, item: Item) -> Outcome:
        doc_id, where = _ident(item)
        try:
            with time_limit(self.budget, hard=self.hard, grace=self.job.hard_grace_s):
                record = self.job.keys.parse(item) if isinstance(item, RawLine) else item
                doc_id = record.id
                result = self.cleaner.clean(_content(record), url=record.url, kind=self.job.kind or record.kind)
                if self.job.output is None:
                    return Outcome(index, doc_id, True, result, where=where)
                data, side = self.job.output.render(record, result)
                return Outcome(index, doc_id, True, data, side, where=where)
        except UnicodeEncodeError:
            reason = "invalid text: lone surrogate code points cannot be written as UTF-8"
        except Exception as exc:
            reason = str(exc) if isinstance(exc, CleanerError) else f"{type(exc).__name__}: {exc}"
        if isinstance(item, RawLine) and doc_id == item.where:
            doc_id = self.job.keys.recover_id(item)
        return Outcome(index, doc_id, False, error=reason[:1000], where=where)


def _ident(item: Item) -> tuple[str, str]:
    return (item.where, item.where) if isinstance(item, RawLine) else (item.id, item.where)


def _content(record: Record) -> str | bytes:
    content = record.content
    if isinstance(content, bytes):
        if record.encodings:
            from cleaner.io.warc import undo_http_encodings

            content = undo_http_encodings(content, record.encodings)
        if record.charset:
            from cleaner.parse.sniff import decode

            return decode(content, declared=record.charset)
    return content


@contextmanager
def time_limit(budget: float | None, *, hard: bool = False, grace: float = HARD_LIMIT_GRACE_S) -> Iterator[None]:
    """Raise DocumentTimeout in this (main) thread after ``budget`` seconds; with ``hard``, also exit
    the process if Python code does not get control back within a grace period (stuck in C)."""
    if not budget or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"time limit of {budget:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    if hard:
        faulthandler.dump_traceback_later(budget + grace, exit=True, file=_devnull())
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if hard:
            faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)


_DEVNULL: Any = None


def _devnull() -> Any:
    global _DEVNULL
    if _DEVNULL is None:
        _DEVNULL = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    return _DEVNULL


# -- worker process side ----------------------------------------------------------------------
_WORKER: Worker | None = None


def _init_worker(job: Job) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = mp.parent_process()
    if parent is not None:  # a SIGKILLed parent must not leave workers behind
        threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()
    _WORKER = Worker(job, hard=True)


def _exit_with(parent: Any) -> None:
    parent.join()
    os._exit(3)


def _run_chunk(chunk: list[tuple[int, Item]]) -> list[Outcome]:
    assert _WORKER is not None
    return [_WORKER.run(i, item) for i, item in chunk]


# -- parent side --------------------------------------------------------------------------------
def _size(item: Item) -> int:
    if isinstance(item, RawLine):
        return len(item.data)
    return len(item.content) if isinstance(item.content, str | bytes) else 0


def _chunks(pairs: Iterable[tuple[int, Item]], size: int, max_bytes: int) -> Iterator[list[tuple[int, Item]]]:
    chunk: list[tuple[int, Item]] = []
    nbytes = 0
    for pair in pairs:
        chunk.append(pair)
        nbytes += _size(pair[1])
        if len(chunk) >= size or nbytes >= max_bytes:
            yield chunk
            chunk, nbytes = [], 0
    if chunk:
        yield chunk


def _new_pool(job: Job, jobs: int) -> ProcessPoolExecutor:
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["cleaner.pool", "cleaner.engine", "cleaner.extract"])
    return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(job,))


def ordered_map(pairs: Iterable[tuple[int, Item]], job: Job, *, jobs: int, isolate: bool = True,
                chunk_size: int = 8, window: int | None = None, max_inflight_bytes: int = 256 << 20,
                recycle_after: int = RECYCLE_AFTER, cleaner: Any = None) -> Iterator[Outcome]:
    """Outcomes of ``(index, item)`` pairs, in order. ``jobs == 1`` without ``isolate`` runs in-process;
    otherwise worker processes are replaced after about ``recycle_after`` documents each (0: never)."""
    if jobs <= 1 and not isolate:
        worker = Worker(job, hard=False, cleaner=cleaner)
        for index, item in pairs:
            yield worker.run(index, item)
        return
    jobs = max(1, jobs)
    generation = recycle_after * jobs if recycle_after > 0 else None
    yield from _parallel(pairs, job, jobs, chunk_size, window or 4 * jobs, max_inflight_bytes, generation)


def _parallel(pairs: Iterable[tuple[int, Item]], job: Job, jobs: int, chunk_size: int, window: int,
              max_bytes: int, generation: int | None) -> Iterator[Outcome]:
    chunks = _Lookahead(_chunks(pairs, chunk_size, max(1, max_bytes // (2 * window))))
    pool = _new_pool(job, jobs)
    pending: deque[tuple[list[tuple[int, Item]], Future, int]] = deque()
    inflight = 0
    submitted = 0  # documents given to the current pool generation

    def fill() -> None:
        nonlocal inflight, submitted
        while len(pending) < window and (not pending or inflight < max_bytes):
            if generation is not None and submitted >= generation:
                return  # this generation is spent: drain it, then recycle
            chunk = chunks.take()
            if chunk is None:
                return
            nbytes = sum(_size(item) for _, item in chunk)
            pending.append((chunk, pool.submit(_run_chunk, chunk), nbytes))
            inflight += nbytes
            submitted += len(chunk)

    finished = False
    try:
        fill()
        while pending or chunks.more():
            if not pending:  # drained at the end of a generation: fresh workers for the rest
                pool = _recycle(pool, job, jobs)
                submitted = 0
                fill()
                continue
            _, future, nbytes = pending[0]
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                retry = [pair for c, _, _ in pending for pair in c]
                pending.clear()
                inflight = 0
                pool = _restart(pool, job, jobs)
                submitted = 0
                for pair in retry:  # one at a time: the document that kills a worker again is the culprit
                    outcome, pool = _isolated(pool, pair, job, jobs)
                    yield outcome
                fill()
                continue
            pending.popleft()
            inflight -= nbytes
            yield from outcomes
            fill()
        finished = True
    finally:
        # At the end every future is done: wait for the pool's threads, else Python 3.11's exit hook
        # can race the executor closing its wake-up pipe and print "Bad file descriptor" to stderr.
        # Left early (an error, the consumer stopped), do not wait for work nobody will read.
        pool.shutdown(wait=finished, cancel_futures=not finished)


class _Lookahead:
    """An iterator of chunks that can tell whether another one is coming without losing it."""

    def __init__(self, chunks: Iterator[list[tuple[int, Item]]]) -> None:
        self._chunks, self._next = chunks, None

    def more(self) -> bool:
        if self._next is None:
            self._next = next(self._chunks, None)
        return self._next is not None

    def take(self) -> list[tuple[int, Item]] | None:
        chunk = self._next if self._next is not None else next(self._chunks, None)
        self._next = None
        return chunk


def _ping() -> int:
    return os.getpid() if _WORKER is not None else 0


def _recycle(pool: ProcessPoolExecutor, job: Job, jobs: int) -> ProcessPoolExecutor:
    """Retire an idle pool's workers (their memory goes back to the system) and start fresh ones."""
    pool.shutdown(wait=True)
    return _new_pool(job, jobs)


def _restart(pool: ProcessPoolExecutor, job: Job, jobs: int) -> ProcessPoolExecutor:
    """A fresh pool after a worker died; raises RuntimeError when workers cannot start at all."""
    pool.shutdown(wait=True, cancel_futures=True)
    fresh = _new_pool(job, jobs)
    try:
        fresh.submit(_ping).result()
    except BrokenProcessPool:
        fresh.shutdown(wait=False, cancel_futures=True)
        raise RuntimeError("batch worker processes die on start-up (see the messages above)") from None
    return fresh


def _isolated(pool: ProcessPoolExecutor, pair: tuple[int, Item], job: Job, jobs: int
              ) -> tuple[Outcome, ProcessPoolExecutor]:
    try:
        return pool.submit(_run_chunk, [pair]).result()[0], pool
    except BrokenProcessPool:
        index, item = pair
        doc_id, where = _ident(item)
        if isinstance(item, RawLine):
            doc_id = job.keys.recover_id(item)
        reason = "worker process died on this document (crash, out of memory, or hard time limit)"
        return Outcome(index, doc_id, False, error=reason, where=where), _restart(pool, job, jobs)
