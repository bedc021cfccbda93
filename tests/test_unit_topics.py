"""Topics an editor would keep (issue 15), on hand-made plain data: one topic per thing, of one
kind, no people, works or sources, subjects central to several stories, sections, and steering."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from plain_data import article, named, org, person, place, site

from sitegen.archive import Site, TopicPage, topic_usage
from sitegen.archive.topic_names import defined_abbreviations, name_key, section_title
from sitegen.archive.topic_usage import usage
from sitegen.archive.topic_words import CLUB_BEFORE_PHRASES, SOURCE_BEFORE_PHRASES, WORK_BEFORE
from sitegen.archive.topics import minimum_stories
from sitegen.models import AnnotatedArticle


def topics_of(built: Site) -> dict[str, tuple[str, str, int]]:
    return {t.key: (t.name, t.kind, t.article_count) for t in built.topics}


def slugs_of(page: TopicPage) -> list[str]:
    return sorted(a.article.slug for listing in page.listing for a in listing.articles)


# --- one topic per thing -----------------------------------------------------------------------

def test_name_keys_join_case_dots_plurals_spelling_and_the_common_variants() -> None:
    assert len({name_key(n) for n in ("US", "U.S.", "the United States", "USA", "America")}) == 1
    assert name_key("UK") == name_key("Britain") == name_key("United Kingdom")
    assert name_key("UN") == name_key("United Nations") and name_key("EU") == name_key("European Union")
    assert name_key("Lib Dem") == name_key("Lib Dems") == name_key("Liberal Democrats")
    assert name_key("Oscar") == name_key("Oscars") and name_key("Olympic") == name_key("Olympic Games")
    assert name_key("programme") == name_key("program") and name_key("Labour Party") == name_key("Labour")
    assert name_key("organisation") == name_key("organization")
    assert name_key("C++") != name_key("C#")


def test_state_abbreviations_and_dc_join_their_places() -> None:
    assert name_key("Fla.") == name_key("Florida") and name_key("N.H.") == name_key("New Hampshire")
    assert name_key("Ky.") == name_key("Kentucky") and name_key("W.Va.") == name_key("West Virginia")
    assert name_key("D.C.") == name_key("Washington, D.C.") == name_key("Washington")
    assert name_key("Pa.") != name_key("Pennsylvania")  # PA is also the Press Association
    both = [place("Fla."), place("Florida")]
    built = site(*[article(f"a{n}", "MIAMI, Fla. — Rain fell in Florida.", names=both) for n in range(2)],
                 article("b", "Fla. voted.", names=[place("Fla.")]))
    assert topics_of(built) == {"florida": ("Florida", "place", 3)}


def test_gop_and_the_republican_party_are_one_topic_shown_by_the_party_name() -> None:
    built = site(*[article(f"a{n}", "The GOP met. The GOP voted.", names=[org("GOP")]) for n in range(3)],
                 article("b", "The Republican Party met.", names=[org("Republican Party")]))
    assert topics_of(built) == {"republican-party": ("Republican Party", "organisation", 4)}


def test_one_thing_named_three_ways_is_one_topic_shown_by_its_proper_name() -> None:
    built = site(*[article(f"a{n}", names=[place("America")]) for n in range(3)],
                 article("b", names=[place("US")]), article("c", names=[place("United States")]))
    assert topics_of(built) == {"united-states": ("United States", "place", 5)}  # not America


def test_an_abbreviation_defined_in_the_text_joins_its_long_form() -> None:
    text = "The National Audit Office (NAO) reported."
    assert defined_abbreviations([text, "Labour (the party) won."]) == {
        name_key("NAO"): name_key("National Audit Office")}
    built = site(article("a", text, names=[org("National Audit Office"), org("NAO")]),
                 article("b", "The NAO said so.", names=[org("NAO")]),
                 article("c", "The National Audit Office agreed.", names=[org("National Audit Office")]))
    assert [(t.name, t.article_count) for t in built.topics] == [("National Audit Office", 3)]


def test_a_subject_and_an_organisation_of_one_name_are_one_topic() -> None:
    items = [article(f"a{n}", "Parliament sat. MPs said parliament must vote.", title=f"Parliament votes {n}",
                     names=[org("Parliament")], phrases=["parliament"]) for n in range(3)]
    assert topics_of(site(*items)) == {"parliament": ("Parliament", "organisation", 3)}


def test_a_single_noun_sharing_half_its_articles_with_a_phrase_joins_it() -> None:
    phone = [article(f"p{n}", f"Story {n}. The mobile phone sold. A mobile phone broke.",
                     phrases=["mobile phone", "mobile phone", "mobile", "mobile"]) for n in range(2)]
    bare = article("m", "Story m. The mobile sold. The mobile broke.", phrases=["mobile", "mobile"])
    assert topics_of(site(*phone, bare)) == {"mobile-phone": ("mobile phone", "subject", 3)}


def _story(slug: str, phrases: list[str]) -> AnnotatedArticle:
    return article(slug, f"Story {slug}. " + ". ".join(p.capitalize() for p in phrases) + ".",
                   phrases=phrases)


def test_a_single_noun_in_other_articles_of_the_phrases_story_joins_it() -> None:
    tested = [_story(f"t{n}", ["drugs test", "drugs test", "sprinter", "kenteris", "athletics",
                               "doping ban"]) for n in range(3)]
    doping = [_story("d0", ["drug", "drug", "sprinter", "kenteris", "athletics", "greece", "coach"]),
              _story("d1", ["drug", "drug", "doping ban", "sprinter", "jones", "court", "balco"])]
    chemists = [_story("c0", ["drug", "drug", "price", "pharmacy", "chemist"]),
                _story("c1", ["drug", "drug", "price", "pharmacy", "shelf"])]
    banks = [_story(f"o{n}", ["bank", f"city{n}", f"market{n}"]) for n in range(12)]
    assert topics_of(site(*tested, *doping, *banks)) == {"drugs-test": ("drugs test", "subject", 5)}
    assert topics_of(site(*tested, *chemists, *banks)) == {"drugs-test": ("drugs test", "subject", 3),
                                                           "drug": ("drug", "subject", 2)}


def test_us_congress_joins_congress_and_fox_joins_fox_news() -> None:
    built = site(*[article(f"a{n}", names=[org("Congress")]) for n in range(2)],
                 article("b", names=[org("US Congress")]),
                 *[article(f"c{n}", names=[org("Fox News")]) for n in range(2)],
                 article("d", names=[org("Fox")]))
    assert topics_of(built) == {"congress": ("Congress", "organisation", 3),
                                "fox-news": ("Fox News", "organisation", 3)}


# --- one kind ------------------------------------------------------------------------------------

def test_a_city_mostly_named_as_a_club_is_an_organisation_a_country_never() -> None:
    built = site(article("a", "Liverpool manager Rafael Benitez smiled. Liverpool fans sang.",
                         names=[place("Liverpool")]),
                 article("b", "Chelsea beat Liverpool 2-1.", names=[place("Liverpool"), place("Chelsea")]),
                 article("c", "Rain fell on Liverpool.", names=[place("Liverpool")]),
                 *[article(f"d{n}", "England coach Andy Robinson won. England captains too.",
                           names=[place("England")]) for n in range(2)])
    kinds = {t.name: t.kind for t in built.topics}
    assert kinds["Liverpool"] == "organisation" and kinds["England"] == "place"


def test_an_acronym_tagged_as_a_place_is_an_organisation_unless_a_country() -> None:
    built = site(*[article(f"a{n}", "BT rose. BT and the UK.", names=[place("BT"), place("UK")])
                   for n in range(2)])
    assert topics_of(built) == {"bt": ("BT", "organisation", 2), "uk": ("UK", "place", 2)}


def test_a_name_only_written_in_capitals_is_shown_in_title_case() -> None:
    built = site(*[article(f"a{n}", "MANCHESTER, N.H. — Rain. MANCHESTER again.", names=[place("MANCHESTER")])
                   for n in range(2)])
    assert topics_of(built) == {"manchester": ("Manchester", "place", 2)}


def test_a_championship_tagged_as_an_organisation_is_an_event() -> None:
    built = site(*[article(f"a{n}", names=[org("European Indoor Championships")]) for n in range(2)],
                 article("b", names=[org("European Indoors")]))
    assert topics_of(built) == {"european-indoor-championships": (
        "European Indoor Championships", "event", 3)}


# --- no people, works, sources or fragments ------------------------------------------------------

def test_a_name_the_people_index_holds_as_a_person_is_no_topic() -> None:
    trump = person("Donald Trump", "Trump")
    built = site(*[article(f"p{n}", "Donald Trump spoke. Trump left.", people=[trump]) for n in range(4)],
                 *[article(f"o{n}", "Trump said no. Trump left.", names=[org("Trump")]) for n in range(2)],
                 *[article(f"k{n}", "Kasich won. Kasich left.", names=[place("Kasich")]) for n in range(2)],
                 *[article(f"j{n}", people=["John Kasich"]) for n in range(3)])
    assert built.topics == ()


def test_the_full_name_of_someone_in_the_people_index_is_no_topic() -> None:
    built = site(*[article(f"p{n}", "Carly Fiorina spoke.", people=["Carly Fiorina"]) for n in range(2)],
                 *[article(f"o{n}", "Carly Fiorina won. Carly Fiorina left.", names=[org("Carly Fiorina")])
                   for n in range(3)])
    assert built.topics == ()


def test_time_zones_are_no_topics_and_a_faith_is_a_subject() -> None:
    zone = [article(f"a{n}", "All times Eastern Standard Time. Eastern Standard Time it is.",
                    names=[org("Eastern Standard Time")]) for n in range(3)]
    assert site(*zone).topics == ()
    faith = [article(f"b{n}", "Islam was debated. Islam again.", names=[org("Islam")]) for n in range(3)]
    assert topics_of(site(*faith)) == {"islam": ("Islam", "subject", 3)}


def test_a_work_is_no_topic() -> None:
    built = site(*[article(f"a{n}", "The film Vera Drake won. Vera Drake won again.",
                           names=[org("Vera Drake")]) for n in range(3)])
    assert built.topics == ()


def test_an_outlet_cited_as_a_source_is_no_topic_unless_articles_are_about_it() -> None:
    cited = [article(f"a{n}", f"He told the BBC. {n} So it went, according to the BBC.",
                     names=[org("BBC")]) for n in range(3)]
    assert site(*cited).topics == ()
    about = [article(f"b{n}", "The BBC won rights. The BBC paid.", names=[org("BBC")]) for n in range(2)]
    assert topics_of(site(*cited, *about)) == {"bbc": ("BBC", "organisation", 2)}


def test_an_outlet_mostly_cited_needs_more_than_two_plain_mentions_or_its_name_in_the_title() -> None:
    padding = " ".join(["Voters queued."] * 30) + "\n\n"  # the lead ends: later mentions count once
    cited = [article(f"a{n}", f"Report {n}. Voters queued, the AP reported. He told the AP so, "
                     f"according to the AP. {padding} The AP asked why. The AP left.",
                     names=[org("AP")]) for n in range(3)]
    assert site(*cited).topics == ()  # "the AP asked" twice is more citing, not a story about it
    titled = [article(f"t{n}", f"Story {n}. {padding} The AP sued.", title=f"AP sues the state {n}",
                      names=[org("AP")]) for n in range(2)]
    assert topics_of(site(*cited, *titled)) == {"ap": ("AP", "organisation", 2)}


def test_how_a_mention_is_used_is_read_from_its_context() -> None:
    def used(text: str, name: str) -> tuple[bool, bool, bool]:
        at = text.index(name)
        found = usage(text, at, at + len(name))
        return found.passing, found.club, found.work

    assert used("he told BBC Radio 4's Today programme", "BBC Radio 4")[0]
    assert used("Reuters reported on Monday", "Reuters")[0]
    assert used("a CNN/ORC poll", "CNN")[0] and used("at 10:00 GMT", "GMT")[0]
    assert used("Dallas Mavericks owner Mark Cuban", "Dallas Mavericks")[0]
    assert used("the Vermont senator said", "Vermont")[0] and used("a 40GB drive", "GB")[0]
    assert used("WASHINGTON (AP) — Donald", "AP")[0] and used("CNN’s Dana Bash said", "CNN")[0]
    assert used("Liverpool striker Milan Baros", "Liverpool")[1] and used("the film Sideways", "Sideways")[2]
    assert used("so far, while The Aviator won", "Aviator")[2] and used("Ray, a film about", "Ray")[2]
    assert not used("The Aviator won.", "Aviator")[2]  # a capital that opens the sentence
    assert used("Sony made a profit", "Sony") == (False, False, False)
    assert used("before Super Tuesday", "Super")[0]  # part of a day's name


def test_fragments_are_no_topics() -> None:
    built = site(*[article(f"a{n}", "Oscars - the night. Everton and Arsenal met. non-Latino voters.",
                           names=[named("Oscars - the", "EVENT"), org("Everton and Arsenal"),
                                  org("non-Latino")]) for n in range(3)])
    assert built.topics == ()


# --- central to several stories ------------------------------------------------------------------

def test_an_article_is_about_a_thing_named_in_its_title_lead_or_twice_not_once_in_passing() -> None:
    filler = "\n\n" + "\n\n".join(["More words follow here. " * 5] * 5) + "\n\n"
    built = site(article("title", "Nothing here." + filler + "Paris.", title="Paris at night",
                         names=[place("Paris")]),
                 article("lead", "Paris woke." + filler, names=[place("Paris")]),
                 article("twice", "Dawn." + filler + "Paris. Paris.", names=[place("Paris")]),
                 article("once", "Dawn." + filler + "Paris.", names=[place("Paris")]))
    (paris,) = built.topics
    assert slugs_of(paris) == ["lead", "title", "twice"]


def test_the_number_of_stories_a_topic_needs_grows_slower_than_the_archive() -> None:
    assert [minimum_stories(n, 2) for n in (10, 400, 840, 1240, 10_000)] == [2, 3, 4, 5, 14]
    assert minimum_stories(400, 6) == 6  # min_articles is the floor


def test_a_story_published_twice_counts_once() -> None:
    same = "Paris woke. " * 40
    built = site(article("a", same, title="Paris wakes", names=[place("Paris")]),
                 article("b", same, title="Paris wakes again", names=[place("Paris")]),
                 min_articles=2)
    assert built.topics == ()


def test_a_phrase_merely_occurring_is_no_subject() -> None:
    central = [article(f"a{n}", "The drugs test came. Another drugs test.", phrases=["drugs test"] * 2)
               for n in range(2)]
    passing = [article(f"b{n}", "Then came the tax rise.", phrases=["tax rise"]) for n in range(4)]
    assert topics_of(site(*central, *passing)) == {"drugs-test": ("drugs test", "subject", 2)}


def test_a_generic_news_noun_alone_is_no_subject_but_a_phrase_of_it_can_be() -> None:
    items = [article(f"a{n}", "A trade deal. The trade deal grew.", title=f"Trade deal {n}",
                     phrases=["trade deal", "trade deal", "deal"]) for n in range(4)]
    assert topics_of(site(*items)) == {"trade-deal": ("trade deal", "subject", 4)}


# --- sections and steering -----------------------------------------------------------------------

def test_section_titles_keep_acronyms_and_follow_the_sections_table() -> None:
    assert section_title("nyt") == "NYT" and section_title("usa-today", ["USA TODAY says"]) == "USA Today"
    assert section_title("foreign-affairs") == "Foreign Affairs"
    assert section_title("huff-post", titles={"huff-post": "HuffPost"}) == "HuffPost"
    built = site(article("a", section="nyt"), article("b", section="wash-post"),
                 sections={"wash-post": "The Washington Post"})
    assert sorted(t.name for t in built.topics) == ["NYT", "The Washington Post"]


def test_a_section_named_for_its_publisher_is_that_publisher() -> None:
    items = [article(f"a{n}", "The Washington Post said. The Washington Post won.", section="wash-post",
                     names=[org("Washington Post")]) for n in range(3)]
    assert topics_of(site(*items)) == {"washington-post": ("Washington Post", "section", 3)}


def test_topics_can_be_banned_by_any_of_their_names() -> None:
    items = [article(f"a{n}", names=[place("US"), org("Sony")]) for n in range(3)]
    built = site(*items, banned_topics=frozenset({"United States"}))
    assert topics_of(built) == {"sony": ("Sony", "organisation", 3)}


_CUE_WORDS = sorted({word for phrase in (*SOURCE_BEFORE_PHRASES, *CLUB_BEFORE_PHRASES)
                     for word in phrase.split()} | {"The", "A", "an", "CNN's", "foretold", "TOLD",
                                                    "10:30", "7", "pm", "a.m.", "(", "film", "Obama",
                                                    "super", "every", "in", "x-a", "told,",
                                                    # IGNORECASE folds these, lower() does not
                                                    "tellſ", "İN", "ın", "viſit", "ſuper", "serieſ"})


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS), max_size=7),
       st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\u00a0"]), min_size=7, max_size=7))
def test_the_quick_checks_before_a_mention_never_skip_a_cue_the_patterns_find(
        words: list[str], spaces: list[str]) -> None:
    before = "".join(word + space for word, space in zip(words, spaces, strict=False))
    last_words = topic_usage._last_words(before)
    every = not before.isascii()  # usage() runs every pattern then
    if topic_usage._SOURCE_BEFORE.search(before):
        assert every or topic_usage._source_cue_before(last_words)
    if topic_usage._CLUB_BEFORE.search(before):
        assert every or topic_usage._club_cue_before(last_words)
    if topic_usage._TIME_BEFORE.search(before):
        assert topic_usage._may_tell_time(before)
    if topic_usage._GENERIC_BEFORE.search(before):
        assert every or last_words[-1].endswith(topic_usage._GENERIC_ENDS)
    found = topic_usage._WORD_BEFORE.search(before)
    if found and found.group(1).casefold() in WORK_BEFORE:
        assert every or any(word in WORK_BEFORE for word in last_words[-3:])


def test_a_cue_in_letters_that_ignorecase_folds_is_still_a_cue() -> None:
    for text in ("He tellſ BBC so.", "As quoted İN BBC today.", "Liverpool vſ Chelsea today."):
        name = "BBC" if "BBC" in text else "Chelsea"
        at = text.index(name)
        found = usage(text, at, at + len(name))
        assert found.cited or found.club, text
