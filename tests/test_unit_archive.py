"""The archive stage on hand-made plain data: entities, merging, topics, ordering, related."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from plain_data import article, day, named, org, person, place, said, site

from sitegen.archive import ArticlePage, PersonPage, Site, TopicPage, build_site, paginate
from sitegen.archive.person_names import DOMINANCE
from sitegen.archive.related import MAX_GROUP, RELATED_COUNT, related_articles

TESTS = Path(__file__).resolve().parent


def page_of(built: Site, slug: str) -> ArticlePage:
    return next(p for p in built.articles if p.article.slug == slug)


def person_page(built: Site, key: str) -> PersonPage:
    return next(p for p in built.people if p.key == key)


def topic_page(built: Site, key: str) -> TopicPage:
    return next(t for t in built.topics if t.key == key)


def slugs_of(page: PersonPage | TopicPage) -> list[str]:
    return [a.article.slug for listing in page.listing for a in listing.articles]


def test_the_unit_test_modules_import_no_spacy() -> None:
    modules = sorted(path.stem for path in TESTS.glob("test_unit_*.py"))
    assert "test_unit_archive" in modules
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "[__import__(name) for name in sys.argv[2:]]; "
            "print(sorted(name for name in ('spacy', 'thinc') if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code, str(TESTS), "plain_data", *modules],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- one entity per person across the archive -----------------------------------------------------

def test_the_same_full_name_in_two_articles_is_one_person_page_listing_both() -> None:
    built = site(article("a", people=["Gordon Brown"], date=day(1)),
                 article("b", people=["Gordon Brown"], date=day(2)))
    assert [p.key for p in built.people] == ["gordon-brown"]
    brown = built.people[0]
    assert brown.path == "people/gordon-brown/index.html"
    assert slugs_of(brown) == ["b", "a"] and brown.article_count == 2


def _blair_archive(tony: int, cherie: int) -> Site:
    items = [article(f"tony-{n}", people=["Tony Blair"], date=day(n + 1)) for n in range(tony)]
    items += [article(f"cherie-{n}", people=["Cherie Blair"], date=day(n + 10)) for n in range(cherie)]
    items.append(article("only-blair", "Blair spoke.", people=["Blair"], date=day(20)))
    return site(*items)


def test_a_one_word_name_joins_the_full_name_at_least_three_times_as_prominent_as_any_other() -> None:
    assert DOMINANCE == 3
    built = _blair_archive(tony=3, cherie=1)
    assert "blair" not in [p.key for p in built.people]
    tony = person_page(built, "tony-blair")
    assert sorted(slugs_of(tony)) == ["only-blair", "tony-0", "tony-1", "tony-2"]
    assert "Blair" in tony.aliases
    assert slugs_of(person_page(built, "cherie-blair")) == ["cherie-0"]


def test_a_one_word_name_stays_apart_when_no_full_name_is_three_times_as_prominent() -> None:
    built = _blair_archive(tony=2, cherie=1)
    # Which Blair is it? Not a guess, and no page of its own that would hold both.
    assert "blair" not in {p.key for p in built.people}
    assert sorted(slugs_of(person_page(built, "tony-blair"))) == ["tony-0", "tony-1"]
    page = next(p for p in built.articles if p.article.slug == "only-blair")
    assert (page.entities["blair"].key, page.entities["blair"].path) == ("blair", None)


def test_a_one_word_name_joins_the_only_full_name_with_that_surname_or_unusual_first_name() -> None:
    built = site(article("a", people=["Gordon Brown"]), article("b", "Brown spoke.", people=["Brown"]),
                 article("c", "Xi spoke.", people=["Xi"]), article("d", people=["Xi Jinping"]))
    assert [p.key for p in built.people] == ["gordon-brown", "xi-jinping"]
    assert sorted(slugs_of(built.people[0])) == ["a", "b"]
    assert sorted(slugs_of(built.people[1])) == ["c", "d"]


def test_a_given_name_alone_or_a_surname_several_could_bear_names_nobody() -> None:
    built = site(article("a", people=["Harry Potter"]), article("b", "Harry spoke.", people=["Harry"]),
                 article("c", "Smith spoke.", people=["Smith"]), article("d", people=["Jane Smith"]),
                 article("e", people=["John Smith"]),
                 article("f", "Shakespeare wrote.", people=["Shakespeare"]))
    assert sorted(p.key for p in built.people) == ["harry-potter", "jane-smith", "john-smith", "shakespeare"]
    page = next(p for p in built.articles if p.article.slug == "b")
    assert page.entities["harry"].path is None  # named in the article, but no page to link to


def test_an_organisation_with_and_without_its_party_word_is_one_topic() -> None:
    built = site(article("a", names=[org("Labour Party")]), article("b", names=[org("Labour Party")]),
                 article("c", "Labour won.", names=[org("Labour")]),
                 article("d", "Labour won.", names=[org("Labour")]))
    (labour,) = [t for t in built.topics if t.kind == "organisation"]
    # a tie: the longer name
    assert (labour.name, sorted(slugs_of(labour))) == ("Labour Party", ["a", "b", "c", "d"])


def test_aliases_merge_two_names_into_one_person() -> None:
    built = site(article("a", people=["Anthony Blair"]), article("b", people=["Tony Blair"]),
                 aliases={"anthony blair": "Tony Blair"})
    assert [p.key for p in built.people] == ["tony-blair"]
    assert sorted(slugs_of(built.people[0])) == ["a", "b"]
    assert built.people[0].aliases == ("Anthony Blair",)


def test_aliases_rename_an_entity_by_any_of_its_forms() -> None:
    built = site(article("a", "Mr Blobby danced.", people=[person("Mr Blobby")]),
                 article("b", "Blobby sang.", people=[person("Blobby")]),
                 aliases={"Blobby": "Noel Edmonds", "Mr Blobby": "Noel Edmonds"})
    assert [(p.key, p.name) for p in built.people] == [("noel-edmonds", "Noel Edmonds")]
    assert built.articles[0].entities["mr-blobby"].name == "Noel Edmonds"


def test_an_ignored_entity_has_no_page_and_its_mentions_no_archive_entity() -> None:
    text = "The Queen met Tony Blair. “Splendid,” said Her Majesty."
    item = article("a", text, people=[person("The Queen", "Her Majesty"), person("Tony Blair")],
                   quotes=[said("“Splendid,”", by="The Queen")])
    built = site(item, article("b", people=["The Queen"]), ignore=frozenset({"the queen"}))
    assert [p.key for p in built.people] == ["tony-blair"]
    page = next(p for p in built.articles if p.article.slug == "a")
    assert set(page.entities) == {"tony-blair"}
    assert [m.key for m in page.annotations.mentions] == ["the-queen", "tony-blair", "the-queen"]
    assert person_page(built, "tony-blair").quotes == ()
    assert [link.name for link in page.people] == ["Tony Blair"]


def test_an_entity_is_ignored_by_any_of_its_forms() -> None:
    built = site(article("a", "Her Majesty waved.", people=[person("The Queen", "Her Majesty")]),
                 article("b", people=["The Queen"]), ignore=frozenset({"her majesty"}))
    assert [(p.key, slugs_of(p)) for p in built.people] == [("the-queen", ["b"])]


def test_article_pages_map_local_keys_to_archive_keys_and_keep_annotations_as_made() -> None:
    items = [article(f"t{n}", people=["Tony Blair"]) for n in range(2)]
    local = article("local", "Blair said “no”.", people=["Blair"], quotes=[said("“no”", by="Blair")])
    before = local.annotations
    built = site(*items, local)
    page = next(p for p in built.articles if p.article.slug == "local")
    assert page.annotations is before
    assert page.annotations.entities[0].key == "blair"
    assert page.annotations.quotes[0].speaker_key == "blair"
    ref = page.entities["blair"]
    assert (ref.key, ref.name, ref.label, ref.path) == (
        "tony-blair", "Tony Blair", "PERSON", "people/tony-blair/index.html")


def test_a_person_and_a_place_with_one_slug_get_distinct_pages() -> None:
    built = site(article("model", "Jordan sang.", people=[person("Jordan", vouched=1)]),
                 article("rain", "Rain fell in Jordan.", names=[place("Jordan")]),
                 article("sun", "Sun shone in Jordan.", names=[place("Jordan")]))
    by_slug = {p.article.slug: p for p in built.articles}
    singer, country = by_slug["model"].entities["jordan"], by_slug["rain"].entities["jordan"]
    assert singer.identity == ("PERSON", "jordan") and country.identity == ("PLACE", "jordan")
    assert singer.path == "people/jordan/index.html"
    assert country.path == "topics/jordan/index.html"
    assert slugs_of(person_page(built, "jordan")) == ["model"]
    assert (topic_page(built, "jordan").kind, sorted(slugs_of(topic_page(built, "jordan")))) == (
        "place", ["rain", "sun"])


def test_two_names_with_one_slug_are_never_merged_the_later_gets_2() -> None:
    # Pelican once merged the tags C++ and C# by their slug.
    built = site(article("a", "C++ grew.", names=[org("C++")]), article("b", "C++ fell.", names=[org("C++")]),
                 article("c", "C# rose.", names=[org("C#")]), article("d", "C# won.", names=[org("C#")]),
                 article("e", "C++ lost.", names=[org("C++")]))
    by_name = {t.name: t for t in built.topics if t.kind == "organisation"}
    assert by_name["C++"].key == "c"  # in more articles: claims the plain key
    assert by_name["C#"].key == "c-2"
    assert sorted(slugs_of(by_name["C#"])) == ["c", "d"]


def test_one_persons_name_with_and_without_accents_is_one_person() -> None:
    built = site(article("a", people=["José Smith"]), article("b", people=["José Smith"]),
                 article("c", people=["Jose Smith"]))
    (person,) = built.people
    assert person.name == "José Smith" and person.aliases == ("Jose Smith",)
    assert sorted(slugs_of(person)) == ["a", "b", "c"]


def test_an_organisation_and_a_place_with_one_name_are_one_topic_of_the_kind_most_mentions_say() -> None:
    built = site(*[article(n, "Jordan sold shares.", names=[org("Jordan")]) for n in "ab"],
                 *[article(n, "Rain in Jordan.", names=[place("Jordan")]) for n in "cde"])
    assert [(t.kind, t.key, t.article_count) for t in built.topics] == [("place", "jordan", 5)]
    by_slug = {p.article.slug: p for p in built.articles}
    assert by_slug["a"].entities["jordan"].path == "topics/jordan/index.html"
    assert by_slug["c"].entities["jordan"].path == "topics/jordan/index.html"


# --- order and pagination -------------------------------------------------------------------------

def test_articles_newest_first_undated_after_dated_ties_by_title() -> None:
    built = site(article("old", date=day(1)), article("undated-a", title="Zebra"),
                 article("a", title="Beta", date=day(3)), article("b", title="alpha", date=day(3)),
                 article("undated-z", title="apple"))
    assert [p.article.slug for p in built.articles] == ["b", "a", "old", "undated-z", "undated-a"]
    first, second, last = built.articles[0], built.articles[1], built.articles[-1]
    assert first.newer is None and first.older is not None and first.older.path == second.path
    assert second.newer is not None and second.newer.name == "alpha"
    assert last.older is None


def test_listings_paginate_with_newer_and_older_links() -> None:
    built = site(*[article(f"a{n}", date=day(n + 1)) for n in range(5)], page_size=2)
    home = built.home
    assert [len(p.articles) for p in home] == [2, 2, 1]
    assert [p.path for p in home] == ["index.html", "page/2/index.html", "page/3/index.html"]
    assert [(p.number, p.count) for p in home] == [(1, 3), (2, 3), (3, 3)]
    assert [(p.newer, p.older) for p in home] == [
        (None, "page/2/index.html"), ("index.html", "page/3/index.html"), ("page/2/index.html", None)]
    assert [a.article.slug for p in home for a in p.articles] == ["a4", "a3", "a2", "a1", "a0"]


def test_person_listings_paginate_under_the_person_folder() -> None:
    built = site(*[article(f"a{n}", people=["Gordon Brown"], date=day(n + 1)) for n in range(3)],
                 page_size=2)
    listing = built.people[0].listing
    assert [p.path for p in listing] == ["people/gordon-brown/index.html",
                                         "people/gordon-brown/page/2/index.html"]
    assert listing[1].newer == "people/gordon-brown/index.html" and listing[1].older is None


def test_an_empty_listing_is_one_page() -> None:
    assert site().home == paginate("", (), 10)
    (only,) = site().home
    assert (only.path, only.number, only.count, only.articles, only.newer, only.older) == (
        "index.html", 1, 1, (), None, None)


# --- person pages ---------------------------------------------------------------------------------

def test_person_pages_list_the_quotes_their_local_keys_attribute_to_them() -> None:
    text = "“Yes,” said Brown. “No,” said Blair. “Maybe,” someone said."
    local = article("local", text, people=["Brown", "Blair"],
                    quotes=[said("“Yes,”", "Brown"), said("“No,”", "Blair"), said("“Maybe,”")])
    built = site(article("tb", people=["Tony Blair"]), article("gb", people=["Gordon Brown"]), local)
    tony = person_page(built, "tony-blair")
    assert [(q.quote.text, q.anchor, q.page.article.slug) for q in tony.quotes] == [
        ("“No,”", "q2", "local")]
    brown = person_page(built, "gordon-brown")
    assert [(q.quote.text, q.anchor) for q in brown.quotes] == [("“Yes,”", "q1")]


def test_a_quote_by_a_non_person_is_on_no_person_page() -> None:
    text = "Mr Acme works at Acme. “We object,” said Acme."
    # "Mr" vouches for the man (the annotate stage counts a title as 2 points).
    item = article("a", text, names=[org("Acme", key="the-firm"),
                                     person("Acme", "Mr Acme", key="the-man", vouched=2)],
                   quotes=[said("“We object,”", "Acme", key="the-firm")])
    built = site(item)
    refs = built.articles[0].entities
    assert refs["the-firm"].identity == ("ORG", "acme") and refs["the-man"].identity == ("PERSON", "acme")
    assert person_page(built, "acme").quotes == ()


def test_person_pages_count_who_they_are_often_mentioned_with() -> None:
    built = site(article("a", people=["Tony Blair", "Gordon Brown"]),
                 article("b", people=["Tony Blair", "Gordon Brown", "Michael Howard"]),
                 article("c", people=["Tony Blair", "Charles Kennedy"]),
                 article("d", people=["Michael Howard"]))
    tony = person_page(built, "tony-blair")
    assert [(link.name, link.path, link.count) for link in tony.people] == [
        ("Gordon Brown", "people/gordon-brown/index.html", 2),
        ("Charles Kennedy", "people/charles-kennedy/index.html", 1),
        ("Michael Howard", "people/michael-howard/index.html", 1)]


def test_person_pages_show_at_most_ten_people_they_appear_with() -> None:
    others = [f"Person {chr(65 + n)}{chr(97 + n)}" for n in range(12)]
    built = site(article("a", people=["Tony Blair", *others[:6]]),
                 article("b", people=["Tony Blair", *others]))
    tony = person_page(built, "tony-blair")
    assert len(tony.people) == 10
    assert [link.count for link in tony.people[:6]] == [2] * 6


def test_person_pages_list_their_topics_most_shared_first() -> None:
    built = site(article("a", people=["Tony Blair"], topics=["economy", "schools"]),
                 article("b", people=["Tony Blair"], topics=["economy"]),
                 article("c", people=["Gordon Brown"], topics=["war"]))
    tony = person_page(built, "tony-blair")
    assert [(link.name, link.path, link.count) for link in tony.topics] == [
        ("economy", "topics/economy/index.html", 2), ("schools", "topics/schools/index.html", 1)]


def test_people_are_sorted_a_to_z_by_surname() -> None:
    built = site(article("a", people=["Ann Zed", "Bob Adams", "Carl Jones Jr", "Émile Zola"]))
    assert [p.name for p in built.people] == ["Bob Adams", "Carl Jones Jr", "Ann Zed", "Émile Zola"]
    assert built.letters() == ["A", "J", "Z"]


# --- topics ---------------------------------------------------------------------------------------

def test_front_matter_topics_get_a_page_even_with_one_article() -> None:
    built = site(article("a", topics=["economy"]), article("b"))
    economy = topic_page(built, "economy")
    assert (economy.kind, economy.name, slugs_of(economy)) == ("subject", "economy", ["a"])


def test_section_folders_are_section_topics_with_a_title_case_name() -> None:
    built = site(article("a", section="politics"), article("b", section="foreign-affairs"),
                 article("c", section="politics"))
    sections = {t.key: (t.name, sorted(slugs_of(t))) for t in built.topics if t.kind == "section"}
    assert sections == {"politics": ("Politics", ["a", "c"]),
                        "foreign-affairs": ("Foreign Affairs", ["b"])}


def test_named_topics_match_their_name_or_synonyms_in_the_text() -> None:
    built = site(article("a", "New schools open."), article("b", "Every PUPIL counts."),
                 article("c", "Preschools play."), article("d", "Education matters."),
                 article("e", "Nothing.", topics=["schools"]),
                 named_topics={"Education": ("schools", "pupil"), "Farming": ("farms",)})
    education = topic_page(built, "education")
    assert sorted(slugs_of(education)) == ["a", "b", "d", "e"]
    assert education.synonyms == ("schools", "pupil")
    assert "schools" not in [t.key for t in built.topics]  # the tag is a synonym of Education
    assert "farming" not in [t.key for t in built.topics]  # no article: no page


def test_organisations_places_and_events_in_enough_articles_are_topics() -> None:
    labour, paris, games, sony = (org("Labour Party"), place("Paris"), named("Olympic Games", "EVENT"),
                                  org("Sony"))
    built = site(article("a", names=[labour, paris, games, sony]), article("b", names=[labour, paris, games]),
                 article("c", people=["Tony Blair"]), article("d", people=["Tony Blair"]))
    kinds = {t.key: t.kind for t in built.topics}
    assert kinds == {"labour-party": "organisation", "paris": "place", "olympic-games": "event"}
    page = next(p for p in built.articles if p.article.slug == "a")
    assert page.entities["labour-party"].path == "topics/labour-party/index.html"
    assert page.entities["sony"].path is None  # in one article of four: no topic
    assert [link.name for link in page.topics] == ["Labour Party", "Paris", "Olympic Games"]


def test_min_articles_sets_how_many_articles_an_entity_topic_needs() -> None:
    items = [article("a", names=[org("Labour Party")]), article("b", names=[org("Labour Party")]),
             article("c")]
    assert [t.key for t in site(*items, min_articles=2).topics] == ["labour-party"]
    assert site(*items, min_articles=3).topics == ()


def test_in_a_one_article_archive_every_topic_has_its_page() -> None:
    built = site(article("a", "Sony made a profit. The profit rose.", names=[org("Sony")],
                         phrases=["profit", "profit"]), min_articles=2)
    assert {t.key for t in built.topics} == {"sony", "profit"}


def test_a_phrase_central_to_every_article_of_a_small_archive_is_still_a_subject() -> None:
    built = site(*[article(f"a{n}", "Nothing.", title=f"Budget day {n}", phrases=["budget"])
                   for n in range(3)])
    assert [(t.key, t.article_count) for t in built.topics] == [("budget", 3)]


def test_topic_pages_list_the_most_quoted_people() -> None:
    def quoting(slug: str, *speakers: str):
        text = " ".join(f"“Line {n},” said {name}." for n, name in enumerate(speakers))
        return article(slug, text, people=sorted(set(speakers)), topics=["economy"],
                       quotes=[said(f"“Line {n},”", name) for n, name in enumerate(speakers)])

    built = site(quoting("a", "Tony Blair", "Gordon Brown", "Gordon Brown"),
                 quoting("b", "Tony Blair", "Gordon Brown"),
                 article("c", "“Hush,” said Ann Other.", people=["Ann Other"],
                         quotes=[said("“Hush,”", "Ann Other")]))
    economy = topic_page(built, "economy")
    assert [(link.name, link.path, link.count) for link in economy.people] == [
        ("Gordon Brown", "people/gordon-brown/index.html", 3),
        ("Tony Blair", "people/tony-blair/index.html", 2)]


def test_topic_pages_link_the_topics_they_share_articles_with() -> None:
    built = site(article("a", topics=["economy", "tax"]), article("b", topics=["economy", "tax"]),
                 article("c", topics=["economy", "war"]))
    economy = topic_page(built, "economy")
    assert [(link.name, link.count) for link in economy.related] == [("tax", 2), ("war", 1)]


# --- related articles -----------------------------------------------------------------------------

def test_related_articles_weigh_rarer_shared_groups_more() -> None:
    related = related_articles([[0, 1, 2, 3], [0, 4]], total=5, weights=[1.0, 1.0])
    assert related[0] == [4, 1, 2, 3]  # the pair outweighs the group of four
    assert related[4] == [0] and related[2] == [0, 1, 3]


def test_related_articles_weigh_each_group_by_its_weight() -> None:
    assert related_articles([[0, 1], [0, 2]], 3, [1.0, 3.0])[0] == [2, 1]


def test_groups_larger_than_max_group_relate_nothing() -> None:
    big = list(range(MAX_GROUP + 1))
    assert related_articles([big], len(big), [1.0]) == [[] for _ in big]
    assert related_articles([big[:MAX_GROUP]], MAX_GROUP, [1.0])[0] == list(range(1, RELATED_COUNT + 1))


def test_at_most_related_count_articles_ties_by_archive_order() -> None:
    related = related_articles([[9, 3, 7, 1, 5, 0, 8, 2]], total=10, weights=[1.0])
    assert RELATED_COUNT == 5
    assert related[0] == [1, 2, 3, 5, 7]
    assert related[4] == [] and related[6] == []


def test_articles_sharing_a_person_are_related_but_not_by_a_section_alone() -> None:
    built = site(article("a", people=["Tony Blair"], section="politics", date=day(3)),
                 article("b", people=["Tony Blair"], date=day(2)),
                 article("c", section="politics", date=day(1)))
    related = {p.article.slug: [link.path for link in p.related] for p in built.articles}
    assert related == {"a": ["articles/b/index.html"], "b": ["articles/a/index.html"], "c": []}


def test_a_partial_quote_is_never_one_of_a_persons_quotes() -> None:
    text = "Tony Blair said it was “a vote for a Tory government”. “We will win,” he said."
    item = article("a", text, people=["Tony Blair"],
                   quotes=[said("“a vote for a Tory government”", "Tony Blair", partial=True),
                           said("“We will win,”", "Tony Blair")])
    tony = person_page(site(item), "tony-blair")
    assert [q.quote.text for q in tony.quotes] == ["“We will win,”"]


def test_a_name_mostly_tagged_a_place_with_nothing_vouching_for_a_person_is_the_place() -> None:
    built = site(article("model", "Jordan sang.", people=["Jordan"]),
                 article("rain", "Rain fell in Jordan.", names=[place("Jordan")]),
                 article("sun", "Sun shone in Jordan.", names=[place("Jordan")]))
    assert built.people == ()
    assert sorted(slugs_of(topic_page(built, "jordan"))) == ["model", "rain", "sun"]
    assert page_of(built, "model").entities["jordan"].label == "GPE"


def test_a_tie_between_a_person_nothing_vouches_for_and_a_thing_goes_to_the_thing() -> None:
    # Tied in articles (two each), though the person has more mentions.
    brexit = site(article("a", "Brexit won. Brexit, Brexit.", people=["Brexit"]),
                  article("b", "Brexit lost.", people=["Brexit"]),
                  article("c", "The Brexit vote.", names=[org("Brexit")]),
                  article("d", "Brexit came.", names=[place("Brexit")]))
    assert brexit.people == ()
    # Tied in mentions (three each), though the person is in more articles.
    yukos = site(article("a", "Yukos sold. Yukos said.", people=["Yukos"]),
                 article("b", "Yukos paid.", people=["Yukos"]),
                 article("c", "Yukos, Yukos and Yukos.", names=[org("Yukos")]))
    assert yukos.people == ()
    # A tie, but a given name vouches a little for a person.
    lucas = site(article("b", "Sarah Lucas drew.", people=["Sarah Lucas"]),
                 article("c", "Sarah Lucas won.", names=[org("Sarah Lucas")]))
    assert [p.name for p in lucas.people] == ["Sarah Lucas"]


def test_a_person_whose_mentions_read_as_a_thing_is_that_thing() -> None:
    film = person("Dirty Dancing", doubted=(("WORK_OF_ART", 2),))
    firm = person("Robey Warshaw", doubted=(("ORG", 1),))
    built = site(article("a", "They saw Dirty Dancing. Robey Warshaw advised.", people=[film, firm]),
                 article("b", "Robey Warshaw advised.", people=[firm]))
    assert built.people == ()
    refs = page_of(built, "a").entities
    assert (refs["dirty-dancing"].label, refs["robey-warshaw"].label) == ("WORK_OF_ART", "ORG")
    assert topic_page(built, "robey-warshaw").kind == "organisation"
    # A title, a person noun or a quote outweighs a thing-like mention; a given name counts
    # too, but for less than the text.
    vouched = site(article("c", "Ms Robey Warshaw spoke.", people=[person("Robey Warshaw", vouched=2,
                                                                          doubted=(("ORG", 1),))]),
                   article("d", "Jane Harmon said.", people=[person("Jane Harmon", vouched=1,
                                                                    doubted=(("ORG", 1),))]),
                   article("e", "Arthur Andersen audited.", people=[person("Arthur Andersen",
                                                                          doubted=(("ORG", 2),))]))
    assert sorted(p.name for p in vouched.people) == ["Jane Harmon", "Robey Warshaw"]


def test_a_person_is_described_by_the_role_most_articles_give() -> None:
    def blair(role: str) -> list[object]:
        return [person("Tony Blair", descriptions=(role,))]

    built = site(
        article("a", "Tony Blair spoke.", people=blair("Prime Minister")),
        article("b", "Tony Blair spoke.", people=blair("the prime minister")),
        article("c", "Tony Blair spoke.", people=blair("Labour leader")),
        article("d", "Hermione Granger spoke.", people=[person("Hermione Granger",
                                                               descriptions=("the fictional character",))]))
    said = person_page(built, "tony-blair").description
    assert said is not None and said.text in ("Prime Minister", "the prime minister")
    assert said.source.path in ("articles/a/index.html", "articles/b/index.html")
    assert not said.fictional
    assert person_page(built, "hermione-granger").description.fictional


def test_a_title_alone_counts_half_against_a_description_that_says_more() -> None:
    def clinton(role: str) -> list[object]:
        return [person("Hillary Clinton", descriptions=(role,))]

    built = site(*[article(f"a{n}", "Hillary Clinton spoke.", people=clinton("Secretary")) for n in range(3)],
                 *[article(f"b{n}", "Hillary Clinton spoke.", people=clinton("Secretary of State"))
                   for n in range(2)])
    assert person_page(built, "hillary-clinton").description.text == "Secretary of State"


def test_a_given_name_alone_is_a_person_unless_a_relative_or_another_persons_first_name() -> None:
    built = site(article("a", "Arthur Hailey and his wife Sheila.",
                         people=["Arthur Hailey", person("Sheila", descriptions=("his wife",))]),
                 article("b", "Paintings by Raphael hang here.", people=["Raphael"]),
                 article("c", "Michelle spoke.", people=["Michelle"]),
                 article("d", people=["Michelle Obama"]))
    assert sorted(p.name for p in built.people) == ["Arthur Hailey", "Michelle Obama", "Raphael"]


def test_the_settings_say_a_name_is_no_person_and_two_names_are_two_people() -> None:
    items = [article("a", "Cloud Atlas won.", people=["Cloud Atlas"]),
             article("b", "George W. Bush spoke.", people=["George W. Bush"]),
             article("c", "George W. Bush spoke.", people=["George W. Bush"]),
             article("d", "George Bush spoke.", people=["George Bush"])]
    assert sorted(p.name for p in build_site(items, page_size=10).people) == ["Cloud Atlas", "George W. Bush"]
    built = build_site(items, page_size=10, not_people=frozenset({"cloud atlas"}),
                       different_people=(frozenset({"george bush", "george w. bush"}),))
    assert sorted(p.name for p in built.people) == ["George Bush", "George W. Bush"]
    atlas = next(p for p in built.articles if p.article.slug == "a").entities["cloud-atlas"]
    assert (atlas.label, atlas.path) == ("MISC", None)  # still named in its article, as another name


def test_one_name_is_two_people_when_their_articles_disagree_on_who_they_are() -> None:
    def hart(role: str) -> list[object]:
        return [person("Peter Hart", descriptions=(role,) if role else ())]

    built = site(article("a", "Peter Hart and Geoff Garin spoke.", people=[*hart("Democratic pollster"),
                                                                            "Geoff Garin"]),
                 article("b", "Peter Hart and Geoff Garin spoke.", people=[*hart(""), "Geoff Garin"]),
                 article("c", "Peter Hart spoke.", people=hart("a bank employee")),
                 article("d", "Peter Hart spoke.", people=hart("")),
                 *[article(key, "Rick Santorum spoke.", people=[person("Rick Santorum", descriptions=(r,))])
                   for key, r in (("e", "senator"), ("f", "candidate"))])
    pollster, employee = person_page(built, "peter-hart"), person_page(built, "peter-hart-2")
    # Silence is no evidence: the article that says nothing stays with the person of the most.
    assert (slugs_of(pollster), slugs_of(employee)) == (["a", "b", "d"], ["c"])
    said = (pollster.description.text, employee.description.text)
    assert said == ("Democratic pollster", "a bank employee")
    assert page_of(built, "c").entities["peter-hart"].path == employee.path
    assert len(slugs_of(person_page(built, "rick-santorum"))) == 2  # two roles of one field: one man
