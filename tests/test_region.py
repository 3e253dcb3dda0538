"""The text-mode region detector on whole pages: an article's outside goes, a listing's entries stay."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.detectors.base import DocView
from cleaner.detectors.region import Analysis, RegionDetector, RegionParams, _classify, analyse, stoplists
from cleaner.parse.text import text_document

MENU = ["Home", "News", "Jobs", "Companies", "Pricing", "About", "Contact", "Login", "Sign up", "Blog",
        "Careers", "Press", "Help", "Privacy", "Terms", "Cookies"]
INTRO = ("The remote jobs on this page were posted by companies that hire people to work from anywhere, and "
         "we check every one of them before it goes up.")
PARAGRAPH = ("The council approved the new bridge on Tuesday after a debate that lasted most of the evening, and "
             "the mayor said the work would start in the spring once the contracts had been signed. ")
ENTRIES = [f"Senior backend engineer at Company {n} in Lisbon, full time" for n in range(40)]


def _removed(lines: list[str], rule: str = "layout.outside-article") -> set[str]:
    result = Cleaner(select=(rule,)).clean("\n".join(lines), kind="text")
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


HEADLINES = [f"{who} {what} after {when}" for who, what, when in (
    ("Mayor", "promises new bridge", "a long debate"), ("Police", "close the ring road", "the storm"),
    ("Council", "sells the old depot", "two years of talks"), ("Local team", "wins the cup", "extra time"),
    ("Museum", "reopens its east wing", "the repairs"), ("Schools", "stay shut", "the flooding"),
    ("Farmers", "protest outside the hall", "the vote"), ("Library", "extends its hours", "the survey"),
    ("Hospital", "opens a new ward", "the appeal"), ("Airport", "cancels early flights", "the fog"))
    for _ in range(2)]


def test_a_long_run_of_headlines_before_an_article_goes_on_text_that_is_no_whole_page() -> None:
    """No menu at the edges says this is a whole page, but a run of headlines with no sentence
    among them before the article is a list of links to other stories. (The last lines above the
    article may be its header cluster, headline, dek and byline, and stay with it.)"""
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*HEADLINES, "Bridge approved", *article])
    assert set(HEADLINES[:10]) <= removed
    assert not removed & set(article)
    removed = _removed([*HEADLINES[:6], "Bridge approved", *article])  # too short a run to judge
    assert not removed


def test_a_run_of_titles_with_prose_among_it_is_no_list_on_its_own_evidence() -> None:
    """Before an article on text that is no whole page, a run of titles goes on its own evidence
    only when hardly any of its text is prose (``title_run_max_prose``): product blurbs or an
    intro among the titles make it the page's own. Judged on the detector's analysis as given."""
    params = RegionParams(kind="region")
    stop = stoplists()["en"]
    article = [_classify(PARAGRAPH * 2, stop, params)] * 3

    def outside(lead: list[str]) -> list[int]:
        lines = tuple(_classify(t, stop, params) for t in lead) + tuple(article)
        a = Analysis(lines, ((len(lead), len(lines)),), "en", page=0.0, prose=3 * len(PARAGRAPH * 2))
        return [i for hit in RegionDetector(params)._outside(None, a) for i in hit.blocks]  # type: ignore[arg-type]

    titles = HEADLINES[:12]
    assert outside(titles) == list(range(12))
    with_prose = [*titles[:6], PARAGRAPH, PARAGRAPH, *titles[6:]]
    assert outside(with_prose) == []


NOTICE = ("Market data provided by an example vendor. Indices are shown in real time, except where noted, and all "
          "times are Eastern. Copyright 2018 Example Data Inc. All rights reserved. Index data is the property of "
          "its owners and licensed for use; the marks are registered trademarks of their holders.")


def test_a_long_legal_notice_at_the_foot_of_a_page_is_no_second_part_of_the_article() -> None:
    """A notice in long sentences ("Copyright 2018 …", "All rights reserved") reads as prose, but it is
    the page's footer: it is no region of its own, so the headlines between the article and it are
    outside the article, not between two parts of it."""
    assert _classify(NOTICE, stoplists()["en"], RegionParams(kind="region")).why == "copyright line"
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*MENU, "Bridge approved", *article, *HEADLINES, NOTICE, *MENU])
    assert set(HEADLINES) <= removed and NOTICE in removed
    assert not removed & set(article)


def test_a_short_story_with_its_date_stamp_is_an_article_however_short() -> None:
    """Under ``weak_region_prose`` characters of prose a region is an intro (a listing's), and only
    furniture goes outside it; with a story's date stamp at its top it is a short news story, and
    the list of other headlines after it goes too. Dates on every entry are a list's, not a stamp."""
    story = ["Council approves the new bridge over the river", "November 20, 2019 10:43", PARAGRAPH.strip(),
             PARAGRAPH.strip()]
    removed = _removed([*MENU, *story, *HEADLINES, *MENU])
    assert set(HEADLINES) <= removed and not removed & set(story)
    undated = [line for line in story if "2019" not in line]
    removed = _removed([*MENU, *undated, *HEADLINES, *MENU])
    assert not removed & set(HEADLINES)  # an intro above a list: the list stays
    dated_list = [f"{h} November {n + 1}, 2019" for n, h in enumerate(HEADLINES[:6])]
    removed = _removed([*MENU, *undated[:1], *dated_list, *undated[1:], *HEADLINES, *MENU])
    assert not removed & set(HEADLINES)  # six dates: a list's, no story's stamp


def test_the_publishers_contact_details_are_a_footer_not_a_part_of_the_article() -> None:
    """A customer-service box in sentences, with its numbers ("Telephone: … Fax: … E-mail: …"),
    reads as prose; it is the page's footer, a barrier as a copyright line is, so the headline
    list above it lies outside the article, not between two parts of it."""
    contact = ("The customer service center can be contacted with any questions or requests: Telephone: *2421 "
               "Extension 4 or 03-7619056 Fax: 03-5613699 E-mail: subs@example.com The center is staffed and "
               "provides answers on Sundays through Thursdays between 07:00 and 14:00 and on Fridays until 13:00.")
    assert _classify(contact, stoplists()["en"], RegionParams(kind="region")).why == "contact details"
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*MENU, "Council approves the new bridge over the river", *article, *HEADLINES, contact, *MENU])
    assert set(HEADLINES) <= removed and not removed & set(article)
    call = "Anyone with information is asked to call the police on 0800 555 111, officers said on Tuesday evening."
    assert _classify(call, stoplists()["en"], RegionParams(kind="region")).why != "contact details"


def test_five_headlines_in_a_row_above_the_article_are_no_header_cluster() -> None:
    """The lines just above the article's first paragraph join it as its header (kicker, headline,
    dek, byline, date), but five headline-shaped lines in a row there are a list of other stories
    (a video rail above the story), and they go with the page's menu; a real header stays."""
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    header = ["WORLD", "Council approves the new bridge over the river", "By Jane Doe", "November 20, 2019"]
    rail = HEADLINES[:5]
    removed = _removed([*MENU, *header, *rail, *article, *MENU])
    assert set(rail) <= removed
    assert not removed & set(article)
    removed = _removed([*MENU, *header, *article, *MENU])
    assert not removed & {*header[1:], *article}


LONG_HEADLINES = [
    "There is a galaxy hurtling towards our own that could wipe out life on the planet we live on",
    "The mayor of the city says that the tourists who come for the canals are not welcome in the old town",
    "A drunk man drove through the streets of a small town in an old tank that he had bought at a fair",
    "The price of the air we breathe in the capital is going up as the city chokes under its pollution",
    "Why the deal that was supposed to be the best one ever turned into the worst one for all of them",
]


def test_long_headlines_after_the_articles_last_paragraph_go_on_a_whole_page() -> None:
    """Other stories' headlines after the article (too long to count as short lines, with the
    stopwords of prose but no sentence end) weigh against the region once a short line closes
    the article's last part; without an article's worth of paragraphs they stay."""
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*MENU, *article, "Follow us on", *LONG_HEADLINES, *MENU])
    assert set(LONG_HEADLINES) <= removed
    assert not removed & set(article)
    removed = _removed([*MENU, PARAGRAPH * 2, "Follow us on", *LONG_HEADLINES, *MENU])
    assert not removed & set(LONG_HEADLINES)


TOUR = ["June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre", "June 10 – Tampa, FL @ Credit Union Amphitheatre",
        "June 14 – Alpharetta, GA @ Bank Amphitheatre", "June 17 – Nashville, TN @ Bridgestone Arena",
        "Aug. 2 – Clarkston, MI @ Music Theatre"]


def test_a_schedule_under_the_article_is_the_articles() -> None:
    """A tour's dates under the story that announces the tour (entries that open with a day of a
    month, under one heading) join the region; the page's menus under them still go, and a run
    too short to be a schedule does not join."""
    article = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH * 2]
    removed = _removed([*MENU, *article, "The band's tour dates", *TOUR, *MENU])
    assert not removed & {*TOUR, "The band's tour dates"}
    assert "Pricing" in removed
    removed = _removed([*MENU, *article, "The band's tour dates", *TOUR[:3], *MENU])
    assert set(TOUR[:3]) <= removed


def test_a_whole_page_dumped_with_bulleted_menus_loses_its_menus_as_without_bullets() -> None:
    """Text dumpers write a page's menus as bulleted lists (resiliparse "• Home", nested entries
    indented; html2text and inscriptis "* Home"). A bullet does not make a menu entry the
    article's: the page's outside goes as it does for the same page with no bullets."""
    story = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH]
    footer = ["© 2019 The Daily Example. All rights reserved."]
    plain = _removed([*MENU, *story, *MENU, *footer])
    assert "Pricing" in plain and not plain & set(story)
    for bullet in ("• ", "* "):
        menu = [("    " if n % 4 else "") + bullet + entry for n, entry in enumerate(MENU)]
        removed = _removed([*menu, *story, *menu, *footer])
        assert {line.strip() for line in menu} <= {line.strip() for line in removed}, bullet
        assert not removed & set(story)


def test_an_articles_own_short_bulleted_lists_stay_lists() -> None:
    """An extractor's Markdown ("- organic cotton") and a few short bulleted lists in a page are
    the article's lists: list items weigh nothing either way."""
    fabrics = ["- organic cotton", "- hemp", "- recycled", "- fair trade", "- linen"]
    story = [PARAGRAPH * 2, *fabrics, PARAGRAPH * 2, *fabrics, PARAGRAPH]
    assert not _removed(story) & set(fabrics)
    starred = [f"* {item[2:]}" for item in fabrics]
    assert not _removed([*MENU, PARAGRAPH * 2, *starred, PARAGRAPH * 2, *MENU]) & set(starred)


def test_a_bulleted_menu_at_the_top_of_a_long_article_is_a_menu() -> None:
    """Few of a long article's lines are its menu's, but a run of bulleted entries at the text's top
    or foot is the page's menu; the same run between two paragraphs stays a list."""
    story = [PARAGRAPH * 2] * 30
    menu = ["• Home", "• Smart Home", "• Security", "• About", "• Contact"]
    plain = _removed([*(entry[2:] for entry in menu), *story])
    assert plain == {entry[2:] for entry in menu}
    assert _removed([*menu, *story]) == set(menu)
    assert not _removed([*story[:15], *menu, *story[15:]]) & set(menu)


def test_a_list_of_phrases_in_an_article_is_no_menu_run() -> None:
    """A review's pros and cons ("Good monthly deals", "No family sharing") are short lines without
    stopwords, like a menu's entries, but written as phrases (sentence case), where a menu's
    entries are names ("World", "Real Estate"): they stay; a menu between the same paragraphs goes."""
    pros = ["Pros", "Supports local bookstores", "Good monthly deals", "Personal touch", "Cons", "No family sharing"]
    menu = ["World", "Politics", "Real Estate", "Tech", "Style", "Travel"]

    def removed(lines: list[str]) -> set[str]:  # the menu run's lines, without the paragraphs' end spaces
        return {line.strip() for line in _removed(lines, "navigation.menu-run")} - {""}

    assert not removed([PARAGRAPH * 2, *pros, PARAGRAPH * 2])
    assert removed([PARAGRAPH * 2, *menu, PARAGRAPH * 2]) == set(menu)


def test_a_code_block_dumped_as_one_line_does_not_hide_the_articles_language() -> None:
    """The language is judged with long lines weighing more, but no line more than a long
    paragraph: a tutorial's code block that a dumper wrote as one line of hundreds of tokens
    (no stopwords) does not outweigh its paragraphs, so the page's menus still go."""
    code = " ".join(f"const item{n} = useState(value{n});" for n in range(120))
    removed = _removed([*MENU, PARAGRAPH * 2, code, PARAGRAPH * 2, *MENU])
    assert {"Pricing", "Careers"} <= removed
    assert code not in removed and PARAGRAPH * 2 not in removed


def test_a_shops_bulleted_menu_of_product_names_is_a_menu() -> None:
    """A shop's menu names its products in four or five words ("• Smart Resistance Training
    Bundle"); between its one-word entries they do not break the run, so the page's menus go
    as they do without bullets."""
    entries = ["Shop", "Smart Resistance Training Bundle", "Mats", "Smart In-Home Bootcamp Kit", "Balls",
               "Studio Stability Ball Set", "Gyms", "Smart Recovery Foam Roller", "Bundles", "Gift Cards"]
    menu = [f"• {entry}" for entry in entries]
    story = [PARAGRAPH * 2, PARAGRAPH * 2, PARAGRAPH]
    removed = _removed([*menu, *story, *menu, "© 2019 The Example Shop. All rights reserved."])
    assert set(menu) <= {line.strip() for line in removed}
    assert not removed & set(story)
    steps = ["• Book the venue early", "• Compare three caterers", "• Order the printed invitations",
             "• Hire a good photographer", "• Plan the seating chart"]  # the article's own list, mid-text
    assert not _removed([*[PARAGRAPH * 2] * 20, *steps, *[PARAGRAPH * 2] * 20]) & set(steps)


def test_bulleted_link_lists_after_the_last_paragraph_are_a_pages_menus() -> None:
    """A footer's bulleted link lists lie after the article's last paragraph, however many lines
    of footer follow them: menu entries, not list items; the same list between paragraphs stays."""
    story = [PARAGRAPH * 2] * 30
    links = ["• About us", "• Our team", "• Careers", "• Press room", "• Advertise with us"]
    footer = ["Weather", "Traffic", "Local guides", "Puzzles", "Obituaries"] * 4

    def marked(lines: list[str]) -> list[bool]:
        found = analyse(DocView(text_document("\n".join(lines))), RegionParams(kind="region"))
        assert found is not None
        return [found.lines[lines.index(link)].marked for link in links]

    assert marked([*story, *links, *footer]) == [False] * len(links)
    assert marked([*story[:15], *links, *story[15:], *footer]) == [True] * len(links)
