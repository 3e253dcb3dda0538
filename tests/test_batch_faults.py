"""A batch survives bad documents: each becomes an error record (id, reason) and every other document is
written, in order. Failures are injected through a cleaner factory that worker processes import."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from cleaner.batch import BatchOptions, run_batch
from cleaner.config import Config, Limits
from cleaner.engine import Cleaner

GOOD = "Headline {n}\n\nThe mayor opened the new library on Saturday, item {n}.\n\nRead more\n"


class FaultyCleaner(Cleaner):
    """Misbehaves on documents carrying a marker: raises, sleeps, spins in C, or kills its process."""

    def clean(self, content, **kwargs):
        text = content if isinstance(content, str) else content.decode("utf-8", "replace")
        if "@@BOOM@@" in text:
            raise RuntimeError("injected failure")
        if "@@SLOW@@" in text:
            time.sleep(3600)  # interrupted by the soft time limit
        if "@@STUCK@@" in text:  # as if stuck in C code: the alarm never gets through; the hard limit ends it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        if "@@CRASH@@" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().clean(content, **kwargs)


def faulty(config: Config) -> Cleaner:
    return FaultyCleaner(config)


def write_lines(path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def good(n: int) -> bytes:
    return json.dumps({"id": f"ok{n}", "text": GOOD.format(n=n)}).encode()


def run(tmp_path, lines: list[bytes], *, config: Config | None = None, jobs: int = 2, **opts):
    src = tmp_path / "in.jsonl"
    write_lines(src, lines)
    options = BatchOptions([str(src)], str(tmp_path / "out.jsonl"), jobs=jobs, chunk_size=2, **opts)
    summary = run_batch(options, config or Config(), factory=faulty)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    return summary, out, errors


def test_broken_documents_in_the_middle_become_error_records(tmp_path):
    big = json.dumps({"id": "huge", "text": "word " * (4 * 1024 * 1024)}).encode()  # a 20 MB page
    lines = [good(n) for n in range(6)]
    lines[1:1] = [b'{"id": "bad-bytes", "text": "caf\xe9 \xff\xfe"}']  # not UTF-8
    lines[3:3] = [big]
    lines[5:5] = [json.dumps({"id": "boom", "text": "@@BOOM@@ " + GOOD}).encode()]
    lines[6:6] = [b'{"id": "truncated", "text": "no end']
    lines.append(json.dumps({"id": "surrogate", "text": "lone \ud800 surrogate\n\nRead more"}).encode())
    config = Config(limits=Limits(max_bytes=8 * 1024 * 1024))
    summary, out, errors = run(tmp_path, lines, config=config)

    assert [r["id"] for r in out] == [f"ok{n}" for n in range(6)]
    assert all("Read more" not in r["text"] for r in out)
    reasons = {e["id"]: e["reason"] for e in errors}
    assert list(reasons) == ["bad-bytes", "huge", "boom", "truncated", "surrogate"]  # input order
    assert "UTF-8" in reasons["bad-bytes"]
    assert "over the limit" in reasons["huge"]
    assert "injected failure" in reasons["boom"]
    assert "invalid JSON" in reasons["truncated"]
    assert "surrogate" in reasons["surrogate"]
    assert all(e["where"].endswith(f":{e['index'] + 1}") for e in errors)
    assert (summary.ok, summary.failed) == (6, 5)


def test_time_limit_makes_a_slow_document_an_error_and_the_worker_lives_on(tmp_path):
    lines = [good(0), json.dumps({"id": "slow", "text": "@@SLOW@@"}).encode(), good(1), good(2)]
    config = Config(limits=Limits(time_budget_s=0.5))
    _, out, errors = run(tmp_path, lines, config=config, jobs=1)
    assert [r["id"] for r in out] == ["ok0", "ok1", "ok2"]
    assert [(e["id"], "time limit" in e["reason"]) for e in errors] == [("slow", True)]


@pytest.mark.parametrize(("marker", "recycle_after"), [("@@CRASH@@", 1000), ("@@STUCK@@", 1000), ("@@CRASH@@", 2)])
def test_a_document_that_kills_its_worker_is_isolated(tmp_path, marker, recycle_after, monkeypatch):
    lines = [good(n) for n in range(12)]
    lines.insert(7, json.dumps({"id": "killer", "text": marker}).encode())
    config = Config(limits=Limits(time_budget_s=0.5))
    from cleaner import pool

    defaults = pool.Job.__init__.__defaults__  # a short grace before the hard limit: the test waits ~1.5 s
    monkeypatch.setattr(pool.Job.__init__, "__defaults__", (*defaults[:-1], 1.0))
    _, out, errors = run(tmp_path, lines, config=config, recycle_after=recycle_after)
    assert [r["id"] for r in out] == [f"ok{n}" for n in range(12)]
    assert [e["id"] for e in errors] == ["killer"]
    assert "worker process died" in errors[0]["reason"]
