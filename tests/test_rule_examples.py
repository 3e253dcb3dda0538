"""Every rule's examples run as tests: 'remove' strings are found by the rule, 'keep' are not."""

from __future__ import annotations

import pytest

from cleaner.examples import run_examples

OUTCOMES = list(run_examples())


def test_every_rule_has_remove_and_keep_examples():
    from cleaner.rulepack.loader import load_packs

    for loaded in load_packs():
        for rule in loaded.pack.rules:
            assert rule.examples.remove, f"{rule.id} has no 'remove' example"
            assert rule.examples.keep, f"{rule.id} has no 'keep' example"


IDS = [f"{o.case.rule_id}-{o.case.expect}-{i}" for i, o in enumerate(OUTCOMES)]


@pytest.mark.parametrize("outcome", OUTCOMES, ids=IDS)
def test_rule_example(outcome):
    assert outcome.ok, str(outcome)
