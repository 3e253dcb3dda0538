"""Benchmarks say so when the corpora are absent; bench.speed times both extractors on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import accuracy_text, evalkit, phases, speed
from bench.evalkit import Page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def test_absent_corpora_are_reported(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path) -> None:
    monkeypatch.setattr(evalkit, "EVAL_DIR", tmp_path)
    for tool in (speed, phases, accuracy_text):
        assert tool.main([]) == 0
        assert f"{tool.__name__.split('.')[-1]}: no evaluation corpora under {tmp_path}" in capsys.readouterr().out


def test_best_times_cover_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(FIXTURES.glob("*.html"))[:2]
    pages = [Page("aeb", f.stem, "", f.read_bytes(), "") for f in files]
    monkeypatch.setattr(speed, "load_corpus", lambda name, limit: iter(pages))
    count, cleaner, trafilatura = speed.best_times("aeb", None, passes=2)
    assert count == len(files) == 2
    assert cleaner > 0 and trafilatura > 0


def test_passes_must_be_positive() -> None:
    with pytest.raises(SystemExit) as exit_:
        speed.main(["--passes", "0"])
    assert exit_.value.code == 2
