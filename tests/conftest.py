from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e42678054f1025f2.txt"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def cleaner():
    from cleaner import Cleaner

    return Cleaner()


@pytest.fixture(scope="session")
def generic_cleaner():
    """Generic rules only: no site packs."""
    from cleaner import Cleaner

    return Cleaner(site_packs=False)


def assert_lossless(result) -> None:
    """Kept text plus removals is the whole source, removals sorted, disjoint and exact."""
    from cleaner.model import reconstruct

    src = result.source_text
    previous_end = 0
    for r in result.removals:
        assert previous_end <= r.start < r.end <= len(src), r
        assert src[r.start:r.end] == r.text
        previous_end = r.end
    assert reconstruct(result.text, result.removals) == src
    assert len(result.text) + sum(r.end - r.start for r in result.removals) == len(src)


@pytest.fixture
def original_datadir(request) -> Path:
    """Goldens live under fixtures/golden/<test module name without test_>/ (pytest-regressions)."""
    module = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    return FIXTURES / "golden" / module


def pack_only_cleaner(tmp_path: Path, pack: str):
    """A Cleaner with no rules but those of ``pack`` (YAML text), written under ``tmp_path``."""
    from cleaner import Cleaner

    path = tmp_path / "pack.yaml"
    path.write_text(pack, encoding="utf-8")
    return Cleaner(rule_paths=(str(path),), builtin_rules=False)
