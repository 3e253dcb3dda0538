"""Batch throughput and memory: ``cleaner batch`` on wcxb-dev HTML pages repeated to 20,000 documents.

    python -m bench.batch                       # everything (long: the 20,000-document run)
    python -m bench.batch --only throughput     # docs/s with 1 and 2 jobs (2,000 documents, ~6 min)
    python -m bench.batch --only memory         # peak RSS/PSS of the process tree, 2,000 vs 20,000 documents

Goals: 2 jobs ≥ 1.8× the docs/s of 1 job; peak memory grows < 10% from 2,000 to 20,000 documents.
The corpus JSONL is built once under bench/.cache/ (gitignored). Without ../shared/eval, says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.evalkit import corpus_available, load_corpus

CACHE = Path(__file__).resolve().parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent


def build_corpus(n_docs: int) -> Path:
    """wcxb-dev pages (decoded HTML, URL) cycled to ``n_docs`` JSON lines, gzip-compressed."""
    path = CACHE / f"batch-wcxb-{n_docs}.jsonl.gz"
    if path.is_file():
        return path
    from cleaner.parse.sniff import decode

    CACHE.mkdir(parents=True, exist_ok=True)
    pages = [(p.id, p.url, decode(p.html)) for p in load_corpus("wcxb-dev")]
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as handle:
        for n in range(n_docs):
            page_id, url, html = pages[n % len(pages)]
            handle.write(json.dumps({"id": f"{page_id}-{n // len(pages)}", "html": html, "url": url}) + "\n")
    tmp.replace(path)
    return path


def build_text_corpus(n_docs: int) -> Path:
    """The real-page texts of fixtures/text and the seed, cycled to ``n_docs`` JSON lines: a cheap corpus for
    the memory comparison when the HTML run would take hours on a busy machine."""
    path = CACHE / f"batch-text-{n_docs}.jsonl.gz"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in sorted((ROOT / "fixtures" / "text").glob("*.txt"))]
    texts += [(f.stem, f.read_text(encoding="utf-8")) for f in sorted((ROOT / "seeds").glob("*.txt"))]
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as handle:
        for n in range(n_docs):
            name, text = texts[n % len(texts)]
            handle.write(json.dumps({"id": f"{name}-{n // len(texts)}", "text": text}) + "\n")
    tmp.replace(path)
    return path


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return kids


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of one process; PSS counts shared pages once across the tree."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants (forkserver, workers)."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_rss, self.peak_pss = pid, every, 0, 0
        self.cpu: dict[int, float] = {}  # last seen user+system seconds per process of the tree
        self.stop = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def run(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        while not self.stop.is_set():
            rss = pss = 0
            for p in _tree(self.pid):
                r, s = _memory_kb(p)
                rss, pss = rss + r, pss + s
                try:
                    with open(f"/proc/{p}/stat") as handle:
                        fields = handle.read().rsplit(")", 1)[1].split()
                    self.cpu[p] = (int(fields[11]) + int(fields[12])) / tick
                except (OSError, IndexError, ValueError):
                    pass
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.stop.wait(self.every)


def run_batch(src: Path, jobs: int) -> dict:
    out = CACHE / f"out-{src.name.split('.')[0]}-j{jobs}.jsonl"
    cmd = [sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(out), "-j", str(jobs), "-q",
           "--removals", "none", "--time-limit", "120"]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.monotonic() - started
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"cleaner batch failed ({proc.returncode}): {err.decode()[-2000:]}")
    with open(out, "rb") as handle:
        ok = sum(1 for _ in handle)
    errors = out.with_suffix(".errors.jsonl")
    with open(errors, "rb") as handle:
        failed = sum(1 for _ in handle)
    out.unlink()
    errors.unlink()
    return {"jobs": jobs, "docs": ok + failed, "failed": failed, "seconds": round(seconds, 1),
            "docs_per_s": round((ok + failed) / seconds, 2), "peak_rss_mb": round(sampler.peak_rss / 1024, 1),
            "peak_pss_mb": round(sampler.peak_pss / 1024, 1), "cpu_s": round(sampler.cpu_seconds, 1),
            "parent_cpu_s": round(sampler.cpu.get(proc.pid, 0.0), 1),
            "cpu_ms_per_doc": round(1000 * sampler.cpu_seconds / max(1, ok + failed), 1)}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["throughput", "memory"], default=None)
    parser.add_argument("--throughput-docs", type=int, default=2_000,
                        help="documents for the 1 vs 2 jobs runs (the first N of the cycled corpus)")
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2, help="jobs for the memory runs")
    parser.add_argument("--memory-corpus", choices=["html", "text"], default="html",
                        help="html: wcxb-dev pages (the goal's corpus); text: fixtures/text, much faster")
    args = parser.parse_args()
    if not corpus_available("wcxb-dev"):
        print("bench.batch: ../shared/eval/wcxb-dev not found (set CLEANER_EVAL_DIR); nothing to measure")
        return 0
    print(f"cpus={os.cpu_count()} load(1,5,15 min)={load()}")
    if args.only in (None, "throughput"):
        src = build_corpus(args.throughput_docs)
        one = run_batch(src, 1)
        print(json.dumps(one), f"load={load()}", flush=True)
        two = run_batch(src, 2)
        print(json.dumps(two), f"load={load()}", flush=True)
        speedup = two["docs_per_s"] / one["docs_per_s"]
        print(f"speed-up 2 jobs / 1 job: {speedup:.2f}× (goal ≥ 1.8×) {'PASS' if speedup >= 1.8 else 'MISS'}")
    if args.only in (None, "memory"):
        build = build_corpus if args.memory_corpus == "html" else build_text_corpus
        small = run_batch(build(args.small), args.jobs)
        print(json.dumps(small), f"load={load()}", flush=True)
        large = run_batch(build(args.large), args.jobs)
        print(json.dumps(large), f"load={load()}", flush=True)
        for key in ("peak_rss_mb", "peak_pss_mb"):
            growth = large[key] / small[key] - 1
            print(f"{key}: {small[key]} → {large[key]} ({growth:+.1%}, goal < +10%) "
                  f"{'PASS' if growth < 0.10 else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
