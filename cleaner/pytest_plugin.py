"""pytest plugin: assert cleaner's output for your pages in one line, with goldens reviewed in PRs.

    def test_article_page(cleaner_regression):
        cleaner_regression.check(Path("pages/article.html").read_bytes(), url="https://example.com/a")

The first run writes the golden next to the test module (``test_mod/test_article_page.cleaner.json``,
the format of ``cleaner check``: kept text one line per item, every removal with rule and category)
and fails, as pytest-regressions does; commit it. Later runs compare, and a difference fails with a
reviewer's diff (which rule now removes or restores which text). ``pytest --force-regen`` accepts
the change; the golden's diff then shows in the pull request.

Built on pytest-regressions' ``file_regression``. Without it the fixture skips with the reason, and
this module imports nothing heavy, so pytest runs that do not use it pay nothing.
Set ``cleaner_config = path/to/cleaner.toml`` in the pytest ini to clean with your own config.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from cleaner.engine import Cleaner
    from cleaner.model import CleanResult

_CLEANERS: dict[str, Cleaner] = {}  # default cleaners by config path, compiled once per session


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("cleaner_config", "TOML config for cleaner_regression's default Cleaner "
                  "(relative to the rootdir).", default="")


class CleanerRegression:
    """``check`` cleans content and compares the result with the test's golden."""

    def __init__(self, file_regression: Any, request: pytest.FixtureRequest) -> None:
        self.file_regression = file_regression
        self.request = request

    def cleaner(self) -> Cleaner:
        """The default Cleaner: built-in rules, or the ini's ``cleaner_config``."""
        from cleaner.config import Config
        from cleaner.engine import Cleaner

        ini = str(self.request.config.getini("cleaner_config") or "")
        if ini not in _CLEANERS:
            path = Path(self.request.config.rootpath, ini) if ini else None
            _CLEANERS[ini] = Cleaner(Config.from_toml(path) if path else None)
        return _CLEANERS[ini]

    def check(self, content: str | bytes, *, url: str | None = None, kind: str = "auto",
              cleaner: Cleaner | None = None, basename: str | None = None) -> CleanResult:
        """Clean ``content`` and compare with the golden ``<basename or test name>.cleaner.json``."""
        __tracebackhide__ = True
        from cleaner.review import dump_golden, golden_of

        result = (cleaner or self.cleaner()).clean(content, url=url, kind=kind)  # type: ignore[arg-type]
        doc_id = basename or re.sub(r"\W", "_", self.request.node.name)
        self.file_regression.check(dump_golden(golden_of(doc_id, result)), encoding="utf-8",
                                   extension=".cleaner.json", basename=basename,
                                   check_fn=partial(_compare, doc_id, result))
        return result


def _compare(doc_id: str, result: CleanResult, obtained: Path, expected: Path) -> None:
    """Raise AssertionError with a reviewer's diff when the result differs from the golden."""
    __tracebackhide__ = True
    import json

    from cleaner.review import GOLDEN_FORMAT, compare, doc_lines

    try:
        golden = json.loads(expected.read_text(encoding="utf-8"))
        if not isinstance(golden, dict) or golden.get("cleaner_golden") != GOLDEN_FORMAT:
            raise ValueError(f"not a cleaner golden (format {GOLDEN_FORMAT})")
    except ValueError as exc:
        raise AssertionError(f"{expected}: {exc}; regenerate it with pytest --force-regen") from None
    report = compare(doc_id, result, golden)
    if report.status != "same":
        lines = doc_lines(report) or [f"changed  {doc_id}"]
        raise AssertionError("\n".join([
            "cleaner output differs from the golden:", *lines,
            f"golden:   {expected}", f"obtained: {obtained}",
            "accept with `pytest --force-regen` and review the golden's diff in the pull request"]))


@pytest.fixture
def cleaner_regression(request: pytest.FixtureRequest) -> CleanerRegression:
    """Assert cleaner's output for a page against a golden: ``cleaner_regression.check(html)``."""
    try:
        file_regression = request.getfixturevalue("file_regression")
    except pytest.FixtureLookupError:
        pytest.skip("cleaner_regression needs pytest-regressions (pip install pytest-regressions)")
    return CleanerRegression(file_regression, request)
