"""Widget runs: a run of short widget lines goes, from its first widget line to its last."""

from cleaner import Cleaner

PROSE = "The hospital said on Monday that interview invitations had been sent to every applicant on the list."


def test_a_short_line_at_the_edge_of_a_widget_run_stays() -> None:
    text = f"{PROSE}\nJoin Date\nNov 2024\nPosts\n3\nNIH - 7/18\n{PROSE}\n"
    result = Cleaner().clean(text, kind="text")
    panel = [r for r in result.removals if r.rule_id == "comments.member-meta"]
    assert [r.text.strip() for r in panel] == ["Join Date\nNov 2024\nPosts\n3"]
    assert "NIH - 7/18" in result.text


def test_the_seed_payment_widget_still_goes_whole() -> None:
    text = f"{PROSE}\nOnce\nMonthly\nAnnual\nContinue\n{PROSE}\n"
    result = Cleaner().clean(text, kind="text")
    widget = [r.text.strip() for r in result.removals if r.rule_id == "payment.widget"]
    assert widget == ["Once\nMonthly\nAnnual\nContinue"]
