"""The datatrove step: picklable, lazy, run by datatrove's own LocalPipelineExecutor on a JSONL."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent


def test_cleaner_imports_without_datatrove():
    code = ("import sys; sys.modules['datatrove'] = None\n"
            "import cleaner, cleaner.batch, cleaner.cli, cleaner.integrations\n"
            "assert cleaner.Cleaner\n"
            "try:\n    import cleaner.integrations.datatrove\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "pip install 'cleaner[datatrove]'" in out.stdout


def test_step_pickles_small_and_builds_its_cleaner_lazily():
    pytest.importorskip("datatrove", reason="datatrove not installed (pip install 'cleaner[datatrove]')")
    from datatrove.data import Document

    from cleaner.integrations import datatrove as integration
    from cleaner.integrations.datatrove import CleanerStep

    integration._CLEANERS.clear()
    step = CleanerStep(ignore=("social",))
    assert len(pickle.dumps(step)) < 20_000 and not integration._CLEANERS
    clone = pickle.loads(pickle.dumps(step))
    docs = [Document(text=SEED.read_text(encoding="utf-8"), id=str(n), metadata={"url": "https://x.org/a"})
            for n in range(3)]
    out = list(clone.run(iter(docs)))
    assert len(integration._CLEANERS) == 1  # compiled once for all documents
    assert out[0].text.startswith("Ukraine Cuts Diplomatic Ties") and "Read more" not in out[0].text
    assert out[0].metadata["cleaner"]["removed"]["paywall"] > 0
    assert out[0].metadata["url"] == "https://x.org/a"


def test_local_pipeline_executor_two_tasks_two_workers(tmp_path):
    pytest.importorskip("datatrove", reason="datatrove not installed (pip install 'cleaner[datatrove]')")
    pytest.importorskip("orjson", reason="datatrove's JSONL reader and writer need orjson")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerStep

    seed = SEED.read_text(encoding="utf-8")
    page = ("<html><body><article><h1>Vote</h1><p>The council approved the budget after a long debate about "
            "schools and roads.</p></article><div class='newsletter'>Sign up for our newsletter</div></body></html>")
    (tmp_path / "in").mkdir()
    ids = []
    for part in range(2):
        with open(tmp_path / "in" / f"part{part}.jsonl", "w", encoding="utf-8") as handle:
            for n in range(5):
                doc_id = f"p{part}-{n}"
                ids.append(doc_id)
                handle.write(json.dumps({"id": doc_id, "text": page if n == 4 else seed}) + "\n")
    LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), CleanerStep(removals="inline"),
         JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()
    records = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) for line in f.open()]
    assert sorted(r["id"] for r in records) == sorted(ids)
    for r in records:
        meta = r["metadata"]["cleaner"]
        assert "Read more" not in r["text"] and meta["chars_removed"] > 0
        if r["id"].endswith("-4"):
            assert meta["kind"] == "html" and "council approved the budget" in r["text"]
        else:
            assert r["text"].startswith("Ukraine Cuts Diplomatic Ties") and meta["removals"]
