"""Batch sources and sinks: WARC, JSON Lines keys and pass-through, side-car offsets, folders, globs,
compression, stdin, safe output paths, clean_many — through the real ``cleaner batch`` entry point."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.engine import Cleaner
from cleaner.io.records import JsonlKeys, RawLine
from cleaner.io.sinks import safe_relpath
from tests.conftest import SEED

ARTICLE = "The council approved the new budget on Tuesday after a long debate about school funding."
CHROME = "Sign up for our newsletter\n\nRead more"


def cleaner_cmd() -> list[str]:
    script = shutil.which("cleaner")
    return [script] if script else [sys.executable, "-m", "cleaner"]


def batch(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*cleaner_cmd(), "batch", *args], input=stdin, capture_output=True, timeout=300,
                          cwd=cwd)


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def text_doc(n: int) -> str:
    return f"Headline number {n}\n\n{ARTICLE} Item {n}.\n\n{CHROME}\n"


def page(n: int) -> bytes:
    return (f"<!doctype html><html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Story {n}</h1><p>{ARTICLE} Story {n} continues with more detail about the vote.</p>"
            f"<p>Residents said the plan was overdue and welcomed the decision of the council.</p></article>"
            f"<footer>© 2025 Example News</footer></body></html>").encode()


# -- WARC ---------------------------------------------------------------------------------------
def write_warc(path: Path) -> list[tuple[str, str]]:
    """Three HTML responses (one gzip content-encoded, one latin-1), plus records that must be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    expected = []
    with open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=True)

        def response(url: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)
            if status.startswith("200") and "html" in dict(headers).get("Content-Type", ""):
                expected.append((url, record.rec_headers.get_header("WARC-Date")))

        writer.write_record(writer.create_warc_record("http://example.com/", "warcinfo", payload=io.BytesIO(b"x")))
        response("http://example.com/a", page(1), [("Content-Type", "text/html; charset=utf-8")])
        response("http://example.com/logo.png", b"\x89PNG\r\n", [("Content-Type", "image/png")])
        response("http://example.com/b", gzip.compress(page(2)),
                 [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        response("http://example.com/missing", b"<html>gone</html>", [("Content-Type", "text/html")],
                 status="404 Not Found")
        latin = page(3).replace(b"Residents said", "Café owners said".encode("latin-1"))
        response("http://example.com/c", latin, [("Content-Type", "text/html; charset=iso-8859-1")])
    return expected


@pytest.mark.parametrize("backend", ["fastwarc", "warcio"])
def test_warc_html_responses_become_jsonl_with_url_and_date(tmp_path, backend):
    expected = write_warc(tmp_path / "crawl.warc.gz")
    if backend == "warcio":  # what happens without fastwarc installed
        from cleaner.io import warc

        blocker = "import sys; sys.modules['fastwarc'] = None; sys.modules['fastwarc.warc'] = None\n"
        script = tmp_path / "run.py"
        script.write_text(blocker + "from cleaner.cli import main\nif __name__ == '__main__':\n"
                          "    sys.argv = ['cleaner', 'batch', *sys.argv[1:]]\n    main()\n")
        out = subprocess.run([sys.executable, str(script), str(tmp_path / "crawl.warc.gz"), "-o",
                              str(tmp_path / "out.jsonl"), "-j", "2"], capture_output=True, timeout=300,
                             cwd=Path(warc.__file__).parents[2])
    else:
        pytest.importorskip("fastwarc")
        out = batch(str(tmp_path / "crawl.warc.gz"), "-o", str(tmp_path / "out.jsonl"), "-j", "2")
    assert out.returncode == 0, out.stderr.decode()
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [(r["url"], r["metadata"]["date"][:19]) for r in records] == [(u, d[:19]) for u, d in expected]
    assert all(r["id"].startswith("<urn:uuid:") for r in records)
    for n, record in enumerate(records, 1):
        assert f"Story {n} continues" in record["text"]
        assert record["metadata"]["cleaner"]["kind"] == "html"
    assert "Café owners said" in records[2]["text"]
    assert (tmp_path / "out.errors.jsonl").read_text() == ""


# -- JSON Lines -----------------------------------------------------------------------------------
def test_jsonl_custom_keys_pass_through_metadata_and_keep_input_order(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as handle:
        for n in range(40):
            handle.write(json.dumps({"doc_id": f"d{n}", "body": text_doc(n), "link": f"https://ex.com/{n}",
                                     "lang": "en", "metadata": {"crawl": "2025-01"}}) + "\n")
            if n == 5:
                handle.write("\n")  # blank lines are skipped, not errors
    out = batch(str(src), "-o", str(tmp_path / "out.jsonl"), "-j", "2", "--chunk-size", "1",
                "--text-key", "body", "--id-key", "doc_id", "--url-key", "link")
    assert out.returncode == 0, out.stderr.decode()
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["doc_id"] for r in records] == [f"d{n}" for n in range(40)]
    first = records[0]
    assert set(first) == {"doc_id", "body", "link", "metadata"}
    assert first["link"] == "https://ex.com/0"
    assert first["metadata"]["lang"] == "en" and first["metadata"]["crawl"] == "2025-01"
    assert ARTICLE in first["body"] and "Read more" not in first["body"]
    removals = first["metadata"]["cleaner"]["removals"]
    assert {r["category"] for r in removals} >= {"navigation"}
    assert "40 ok, 0 failed" in out.stderr.decode()


def test_sidecar_removals_are_dolma_attributes_with_source_offsets(tmp_path):
    src = tmp_path / "in.jsonl"
    docs = {f"d{n}": SEED.read_text(encoding="utf-8") if n == 0 else text_doc(n) for n in range(5)}
    src.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in docs.items()))
    out = batch(str(src), "-o", str(tmp_path / "out.jsonl.gz"), "--removals", "sidecar", "-j", "1")
    assert out.returncode == 0, out.stderr.decode()
    records = read_jsonl(tmp_path / "out.jsonl.gz")
    assert "removals" not in records[0]["metadata"]["cleaner"]  # summary only; spans are in the side-car
    sidecar = read_jsonl(tmp_path / "out.removals.jsonl")
    assert [s["id"] for s in sidecar] == list(docs)
    for record, side in zip(records, sidecar, strict=True):
        source = docs[side["id"]]
        spans = sorted(span for spans in side["attributes"].values() for span in spans)
        assert spans, "every test document has chrome"
        kept, cursor = [], 0
        for start, end, confidence in spans:
            assert side["attributes"] and 0 < confidence <= 1
            kept.append(source[cursor:start])
            cursor = end
        kept.append(source[cursor:])
        assert "".join(kept) == record["text"]  # offsets refer to the input text
        for removal in side["removals"]:
            assert source[removal["start"]:removal["end"]]
            assert removal["rule_id"] and removal["category"]


def test_removals_none_keeps_only_the_summary(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": text_doc(1)}) + "\n")
    out = batch(str(src), "-o", str(tmp_path / "out.jsonl"), "--removals", "none", "-j", "1")
    assert out.returncode == 0, out.stderr.decode()
    info = read_jsonl(tmp_path / "out.jsonl")[0]["metadata"]["cleaner"]
    assert "removals" not in info and info["chars_removed"] > 0 and info["removed"]
    assert not (tmp_path / "out.removals.jsonl").exists()


def test_compressed_jsonl_inputs_and_html_key(tmp_path):
    import zstandard

    lines = [json.dumps({"id": f"z{n}", "html": page(n).decode(), "text": "ignored"}) + "\n" for n in range(3)]
    (tmp_path / "a.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress("".join(lines).encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "g", "text": text_doc(9)}).encode()))
    out = batch(str(tmp_path / "a.jsonl.zst"), str(tmp_path / "b.jsonl.gz"), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 0, out.stderr.decode()
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["z0", "z1", "z2", "g"]
    assert [r["metadata"]["cleaner"]["kind"] for r in records] == ["html", "html", "html", "text"]
    assert "Story 1 continues" in records[1]["text"]


# -- files, folders, globs, stdin -------------------------------------------------------------------
def test_folders_recursive_globs_and_compressed_files_to_a_folder(tmp_path):
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(text_doc(1))
    (root / "a" / "b" / "two.txt.gz").write_bytes(gzip.compress(text_doc(2).encode()))
    (root / "page.html").write_bytes(page(3))
    (root / ".hidden.txt").write_text("skipped")
    (root / "notes.md").write_text("filtered out by --glob")
    out = batch(str(root), "-o", str(tmp_path / "out"), "--glob", "*.txt*", "-j", "2")
    assert out.returncode == 0, out.stderr.decode()
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert files == ["a/b/two.txt.gz.txt", "a/one.txt.txt"]
    assert ARTICLE in (tmp_path / "out" / "a" / "one.txt.txt").read_text()
    assert "Read more" not in (tmp_path / "out" / "a" / "b" / "two.txt.gz.txt").read_text()

    out = batch(str(root / "*.html"), str(root / "a" / "one.txt"), "-o", str(tmp_path / "flat.jsonl"))
    assert out.returncode == 0, out.stderr.decode()
    assert [r["id"] for r in read_jsonl(tmp_path / "flat.jsonl")] == [str(root / "page.html"),
                                                                       str(root / "a" / "one.txt")]


def test_stdin_jsonl_to_stdout(tmp_path):
    data = "".join(json.dumps({"id": f"s{n}", "text": text_doc(n)}) + "\n" for n in range(3)).encode()
    out = batch("-", "-o", "-", "-q", stdin=data, cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["s0", "s1", "s2"]
    assert out.stderr == b""


def test_stdin_single_document(tmp_path):
    out = batch("-", "-o", str(tmp_path / "out.jsonl"), stdin=text_doc(4).encode())
    assert out.returncode == 0, out.stderr.decode()
    (record,) = read_jsonl(tmp_path / "out.jsonl")
    assert record["id"] == "stdin" and "Read more" not in record["text"]


@pytest.mark.parametrize("doc_id", ["../../escape", "/etc/passwd", "..\\..\\win", "C:\\Windows\\x", "..", "",
                                    "a/../../b", "x" * 400, "ok/name?q=1&r=<2>"])
def test_safe_relpath_stays_inside(tmp_path, doc_id):
    from cleaner.io.sinks import inside

    rel = safe_relpath(doc_id)
    target = inside(tmp_path, rel)
    assert target.is_relative_to(tmp_path.resolve())
    assert ".." not in Path(rel).parts and not Path(rel).is_absolute()
    assert all(len(part.encode()) <= 160 for part in Path(rel).parts)


def test_hostile_ids_cannot_escape_the_output_folder(tmp_path):
    ids = ["../../escape", "/tmp/abs", "dup", "dup", "sub/../../../x"]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": text_doc(n)}) + "\n" for n, i in enumerate(ids)))
    out = batch(str(src), "-o", str(tmp_path / "deep" / "out"))
    assert out.returncode == 0, out.stderr.decode()
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt"))
    assert written == ["deep/out/dup.txt", "deep/out/dup~3.txt", "deep/out/escape.txt", "deep/out/sub/x.txt",
                       "deep/out/tmp/abs.txt"]


def test_usage_errors_exit_2(tmp_path):
    out = batch(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 2 and b"no such file" in out.stderr
    (tmp_path / "in.jsonl").write_text("{}\n")
    out = batch(str(tmp_path / "in.jsonl"), "-o", "-", "--resume")
    assert out.returncode == 2 and b"--resume" in out.stderr
    out = batch(str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--removals", "bogus")
    assert out.returncode == 2


def test_raw_line_parsing():
    keys = JsonlKeys()
    record = keys.parse(RawLine("f.jsonl", 3, b'{"text": "a", "x": 1, "metadata": {"y": 2}}'))
    assert record.id == "f.jsonl:3" and record.metadata == {"y": 2, "x": 1} and record.kind == "text"
    broken = RawLine("f.jsonl", 4, b'{"id": "k\xff", "text": "a"}')
    assert keys.recover_id(broken) == "k\ufffd"


# -- library --------------------------------------------------------------------------------------
def test_clean_many_yields_results_in_order(cleaner):
    from cleaner.batch import DocumentFailed

    docs = [text_doc(n) for n in range(30)]
    expected = [cleaner.clean(d).text for d in docs]
    assert [r.text for r in cleaner.clean_many(docs, jobs=2, chunk_size=2)] == expected
    assert [r.text for r in cleaner.clean_many(iter(docs), jobs=1)] == expected
    mixed = [docs[0], 42, docs[1]]
    got = list(cleaner.clean_many(mixed, jobs=2, errors="return"))
    assert got[0].text == expected[0] and got[2].text == expected[1]
    assert isinstance(got[1], DocumentFailed) and got[1].index == 1
    with pytest.raises(DocumentFailed):
        list(cleaner.clean_many(mixed, jobs=1))


class PidCleaner(Cleaner):
    """Records which worker process cleaned each document."""

    def clean(self, content, **kwargs):
        result = super().clean(content, **kwargs)
        result.stats["pid"] = os.getpid()
        return result


@pytest.mark.parametrize(("recycle_after", "expect_recycled"), [(3, True), (0, False)])
def test_workers_are_recycled_without_losing_or_reordering_documents(recycle_after, expect_recycled):
    docs = [text_doc(n) for n in range(24)]
    cleaner = PidCleaner()
    expected = [cleaner.clean(d).text for d in docs]
    results = list(cleaner.clean_many(docs, jobs=2, chunk_size=1, recycle_after=recycle_after))
    assert [r.text for r in results] == expected
    pids = [r.stats["pid"] for r in results]
    if expect_recycled:  # 2 workers x 3 documents: 4 generations of 6 documents, no process in two of them
        generations = [set(pids[i:i + 6]) for i in range(0, 24, 6)]
        assert all(a.isdisjoint(b) for a, b in itertools.pairwise(generations))
    else:
        assert len(set(pids)) <= 2


def test_symlinks_under_folders_are_followed_only_on_request(tmp_path):
    from cleaner.io.sources import expand

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the input folder\n", encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("inside\n", encoding="utf-8")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "linked-dir").symlink_to(outside, target_is_directory=True)
    assert [f.id for f in expand([str(root)])] == ["a.txt"]
    followed = sorted(f.id for f in expand([str(root)], follow_symlinks=True))
    assert followed == ["a.txt", "link.txt", "linked-dir/secret.txt"]
