"""Lossless accounting as a property: over generated documents, kept text plus removals is the
source, removals are sorted, disjoint and exact, and cleaning is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from tests.conftest import assert_lossless

CLEANER = Cleaner()

CHROME = [
    "Read more", "Sign up for our free weekly newsletter", "Support us!", "Once", "Monthly", "Annual", "Continue",
    "Dear readers,", "We need your help.", "Photo: Reuters", "We use cookies to improve your experience.",
    "Share", "Advertisement", "© 2024 Example Media. All rights reserved.", "Privacy Policy", "Remind me later.",
    "$5", "$10", "Home › News › World",
]
PROSE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
LINE = st.one_of(st.sampled_from(CHROME), PROSE, st.sampled_from(["", " ", "\t", "\r"]))
SEPARATOR = st.sampled_from(["\n", "\n\n", "\r\n", " \n", "\n \n", "\n\n\n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINE, max_size=30))
    seps = draw(st.lists(SEPARATOR, min_size=len(lines), max_size=len(lines)))
    lead = draw(st.sampled_from(["", "\n", "  \n\n"]))
    return lead + "".join(line + sep for line, sep in zip(lines, seps, strict=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_text_mode_is_lossless(doc):
    assert_lossless(CLEANER.clean(doc, kind="text"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_lossless(doc):
    assert_lossless(CLEANER.clean(doc, kind="text"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_text_mode_is_idempotent(doc):
    once = CLEANER.clean(doc, kind="text").text
    assert CLEANER.clean(once, kind="text").text == once
