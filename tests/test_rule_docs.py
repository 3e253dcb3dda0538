"""Rule documentation is enforced, in the spirit of ruff's rule docs."""

from __future__ import annotations

from pathlib import Path

from cleaner.detectors import KINDS
from cleaner.rulepack.loader import load_packs
from cleaner.rulepack.schema import CATEGORIES

README = (Path(__file__).resolve().parent.parent / "rules" / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_described():
    for loaded in load_packs():
        for rule in loaded.pack.rules:
            assert len(rule.description) >= 30, f"{rule.id}: description too short to say what and why"
            assert rule.id.split(".")[0] in (rule.category, "site", "layout", "html"), rule.id


def test_every_matcher_kind_documents_its_parameters():
    for name, kind in KINDS.items():
        assert kind.params.__doc__ and len(kind.params.__doc__) > 40, f"matcher kind {name} has no parameter docs"
        documented = f"`{name}`" in README
        module_doc = __import__(kind.build.__module__, fromlist=["_"]).__doc__
        assert documented or (module_doc and len(module_doc) > 40), f"matcher kind {name} is undocumented"


def test_every_category_is_documented():
    for category in CATEGORIES:
        assert f"`{category}`" in README, category


def test_cleaner_is_thread_safe():
    from concurrent.futures import ThreadPoolExecutor

    from cleaner import Cleaner
    from tests.conftest import FIXTURES, SEED

    cleaner = Cleaner()
    paths = [SEED, *sorted((FIXTURES / "text").glob("*.txt"))]
    docs = [p.read_text(encoding="utf-8") for p in paths]
    expected = [cleaner.clean(d, kind="text") for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: cleaner.clean(d, kind="text"), docs * 4))
    assert got == expected * 4
