"""The text-mode region detector on whole pages: an article's outside goes, a listing's entries stay."""

from __future__ import annotations

from cleaner import Cleaner

MENU = ["Home", "News", "Jobs", "Companies", "Pricing", "About", "Contact", "Login", "Sign up", "Blog",
        "Careers", "Press", "Help", "Privacy", "Terms", "Cookies"]
INTRO = ("The remote jobs on this page were posted by companies that hire people to work from anywhere, and "
         "we check every one of them before it goes up.")
PARAGRAPH = ("The council approved the new bridge on Tuesday after a debate that lasted most of the evening, and "
             "the mayor said the work would start in the spring once the contracts had been signed. ")
ENTRIES = [f"Senior backend engineer at Company {n} in Lisbon, full time" for n in range(40)]


def _removed(lines: list[str]) -> set[str]:
    result = Cleaner(select=("layout.outside-article",)).clean("\n".join(lines), kind="text")
    return {line for r in result.removals for line in r.text.splitlines() if line}


def test_a_thin_region_on_a_whole_page_takes_only_the_furniture_outside_it() -> None:
    removed = _removed([*MENU, INTRO, *ENTRIES, *MENU])
    assert "Pricing" in removed and "Careers" in removed  # the menus go
    assert not removed & set(ENTRIES)  # the listing stays
    assert INTRO not in removed


def test_an_article_region_on_a_whole_page_takes_everything_outside_it() -> None:
    removed = _removed([*MENU, PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH, *ENTRIES, *MENU])
    assert "Pricing" in removed and set(ENTRIES) <= removed


CHECKLIST = [f"Book the {thing} for the big day, month {month}" for month in range(1, 5) for thing in
             ("photographer", "caterer", "florist", "band", "venue", "cake maker", "officiant", "transport",
              "hairdresser", "tailor", "printer", "planner")]


def test_between_two_parts_of_an_article_only_furniture_goes() -> None:
    """The page's menus are no evidence against what lies between two parts of its article: a
    checklist of short lines stays there, a run of menu items does not."""
    part = [PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*MENU, *part, *CHECKLIST, *part, *MENU])
    assert not removed & set(CHECKLIST)
    assert "Pricing" in removed
    removed = _removed([*MENU, *part, *MENU, *part, *MENU])
    assert {"Pricing", "Careers"} <= removed
