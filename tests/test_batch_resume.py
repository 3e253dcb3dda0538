"""A batch killed with SIGKILL at any moment and resumed ends with every document exactly once, in order,
byte for byte what an uninterrupted run writes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.io.checkpoint import work_dir_for

N_DOCS = 1200
BROKEN = {n for n in range(N_DOCS) if n % 500 == 7}  # no text: error records


def cleaner_cmd() -> list[str]:
    script = shutil.which("cleaner")
    return [script] if script else [sys.executable, "-m", "cleaner"]


def args(src: Path, out: Path, *extra: str) -> list[str]:
    return [*cleaner_cmd(), "batch", str(src), "-o", str(out), "-j", "2", "--checkpoint-every", "25",
            "--removals", "sidecar", *extra]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("resume")
    src = root / "in.jsonl"
    with open(src, "w", encoding="utf-8") as handle:
        for n in range(N_DOCS):
            text = (f"Report {n}\n\nThe river rose by {n % 97} centimetres overnight, officials said.\n\n"
                    f"Sign up for our newsletter\n\nRead more")
            handle.write(json.dumps({"id": f"doc-{n}", "text": 5 if n in BROKEN else text}) + "\n")
    return src


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    done = subprocess.run(args(corpus, out), capture_output=True, timeout=600)
    assert done.returncode == 1, done.stderr.decode()  # some documents have no text: exit 1
    return {name: Path(f"{out.parent}/{name}").read_bytes()
            for name in ("out.jsonl", "out.errors.jsonl", "out.removals.jsonl")}


def kill_after_commits(cmd: list[str], work: Path, commits: int) -> None:
    """Start a batch and SIGKILL it (the parent only, as an OOM killer would) after ``commits`` checkpoints."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if len(list(work.glob("part-*.json"))) >= commits:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the batch finished before it could be killed; make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned workers


def test_sigkill_then_resume_gives_every_document_exactly_once(corpus, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    work = work_dir_for(out)
    kill_after_commits(args(corpus, out), work, commits=4)
    assert work.is_dir() and not out.exists()  # the final output only ever appears complete
    kill_after_commits(args(corpus, out, "--resume"), work, commits=len(list(work.glob("part-*.json"))) + 5)
    done = subprocess.run(args(corpus, out, "--resume"), capture_output=True, timeout=600)
    assert done.returncode == 1, done.stderr.decode()
    assert "done by an earlier run" in done.stderr.decode()
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) == N_DOCS - len(BROKEN)
    for name, expected in reference.items():
        assert (tmp_path / name).read_bytes() == expected, name
    assert not work.exists()


def test_resume_refuses_changed_options_and_a_fresh_run_starts_over(corpus, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    kill_after_commits(args(corpus, out), work_dir_for(out), commits=2)
    changed = subprocess.run(args(corpus, out, "--resume", "--text-key", "body"), capture_output=True, timeout=60)
    assert changed.returncode == 2 and b"differ" in changed.stderr
    fresh = subprocess.run(args(corpus, out), capture_output=True, timeout=600)  # no --resume: start over
    assert fresh.returncode == 1
    assert out.read_bytes() == reference["out.jsonl"]
