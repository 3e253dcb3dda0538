"""Examples in docstrings stay true."""

from __future__ import annotations

import doctest

import cleaner.engine


def test_engine_docstring_examples():
    result = doctest.testmod(cleaner.engine)
    assert result.attempted >= 1 and result.failed == 0
