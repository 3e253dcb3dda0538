"""The ``cleaner_regression`` pytest fixture, run as a user's test suite would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest_plugins = ("pytester",)

USER_TEST = '''
def test_article(cleaner_regression):
    cleaner_regression.check("Headline\\n\\nThe article body, long enough to keep.\\n\\n{extra}Read more\\n")
'''


@pytest.fixture
def plugin_args(request: pytest.FixtureRequest) -> list[str]:
    """Load the plugin by hand when cleaner is not installed (no pytest11 entry point)."""
    return [] if request.config.pluginmanager.get_plugin("cleaner") else ["-p", "cleaner.pytest_plugin"]


def test_one_line_golden_lifecycle(pytester: pytest.Pytester, plugin_args: list[str]) -> None:
    pytester.makepyfile(test_page=USER_TEST.format(extra=""))
    first = pytester.runpytest(*plugin_args)
    first.assert_outcomes(failed=1)
    first.stdout.fnmatch_lines(["*File not found in data directory, created*"])
    golden = pytester.path / "test_page" / "test_article.cleaner.json"
    data = json.loads(golden.read_text(encoding="utf-8"))
    assert data["cleaner_golden"] == 1 and data["removals"][0]["text"].strip() == "Read more"

    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)

    # The page changes: the failure is a reviewer's diff naming the rule and the text.
    pytester.makepyfile(test_page=USER_TEST.format(extra="Sign up for our newsletter\\n\\n"))
    changed = pytester.runpytest(*plugin_args)
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*cleaner output differs from the golden*",
                                  "*newsletter* now removes*Sign up for our newsletter*",
                                  "*pytest --force-regen*"])
    pytester.runpytest("--force-regen", *plugin_args).assert_outcomes(failed=1)
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_without_pytest_regressions_the_fixture_skips(pytester: pytest.Pytester, plugin_args: list[str]) -> None:
    pytester.makepyfile(test_page=USER_TEST.format(extra=""))
    result = pytester.runpytest("-p", "no:regressions", "-rs", *plugin_args)
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*cleaner_regression needs pytest-regressions*"])


def test_plugin_import_is_light() -> None:
    """pytest loads the plugin in every run of anyone who installed cleaner: it must cost nothing."""
    code = ("import sys, cleaner.pytest_plugin; heavy = [m for m in ('cleaner.engine', 'cleaner.review', "
            "'pytest_regressions', 're2', 'pydantic', 'lxml') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
