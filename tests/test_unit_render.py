"""The render stage on hand-made plain data: highlight nesting, the side panel, fingerprints,
the site plan. No spaCy; Jinja only where the real templates are the point."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plain_data import article, day, figure, named, org, person, place, said, site

from sitegen.archive import ArticlePage, EntityRef, Link, Site
from sitegen.archive.urls import relative_url
from sitegen.config import Config
from sitegen.labels import STYLES
from sitegen.models import AnnotatedArticle, Layout, Slot
from sitegen.read.layout import render_plain
from sitegen.render import SitePlan
from sitegen.render.fingerprint import Fingerprints
from sitegen.render.highlight import Highlight, highlights_for, render_body
from sitegen.render.panel import side_panel
from sitegen.serialize import annotations_from_dict, annotations_to_dict


class Body(HTMLParser):
    """The text, ids and open-tag path of every piece of text in a fragment; checks balance."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: list[str] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.pieces: list[tuple[str, tuple[tuple[str, dict[str, str | None]], ...]]] = []
        self.feed(fragment)
        self.close()
        assert not self.stack, f"unclosed: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        self.stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.pieces.append((data, tuple(self.stack)))

    def classes_around(self, text: str) -> list[list[str]]:
        """For each piece of exactly ``text``: the classes of the elements it is inside, outermost first."""
        return [[values.get("class") or tag for tag, values in stack]
                for data, stack in self.pieces if data == text]


def href(page: ArticlePage) -> Callable[[EntityRef], str | None]:
    """Links from ``page`` to entity pages, as the renderer makes them."""

    def link(ref: EntityRef) -> str | None:
        return relative_url(page.path, ref.path) if ref.path else None
    return link


def page_of(built: Site, slug: str) -> ArticlePage:
    return next(p for p in built.articles if p.article.slug == slug)


def body_of(page: ArticlePage) -> str:
    return render_body(page.article.text, page.article.layout, highlights_for(page, href(page)))


def visible_text(fragment: str) -> str:
    return "".join(Body(fragment).text)


# --- highlight nesting ----------------------------------------------------------------------------

def test_a_quote_holds_an_entity_link_and_a_figure() -> None:
    text = "“Tony Blair found £5m,” he said."
    item = article("a", text, people=["Tony Blair"], quotes=[said("“Tony Blair found £5m,”", "Tony Blair")],
                   figures=[figure("£5m", 5e6, counts="money")])
    page = page_of(site(item), "a")
    assert body_of(page) == (
        '<p><span class="hl hl-quote" id="q1" data-speaker="Tony Blair">“'
        '<a class="hl hl-person" id="e1" href="../../people/tony-blair/index.html" data-label="PERSON" '
        'data-tip="Tony Blair · person · opens their page">Tony Blair</a> found '
        '<span class="hl hl-figure" id="f1" data-label="MONEY" data-value="5000000" data-counts="money" '
        'data-tip="money · 5,000,000">'
        '£5m</span>,”</span> he said.</p>\n')


def test_a_quote_across_two_paragraphs_is_one_span_per_paragraph_with_one_id() -> None:
    text = "“We will build schools.\n\nAnd Gordon Brown will pay,” she said."
    item = article("a", text, people=["Gordon Brown"],
                   quotes=[said("“We will build schools.\n\nAnd Gordon Brown will pay,”")])
    body = Body(body_of(page_of(site(item), "a")))
    assert body.ids == ["q1", "e1"]
    assert body.classes_around("“We will build schools.") == [["p", "hl hl-quote"]]
    assert body.classes_around("Gordon Brown") == [["p", "hl hl-quote", "hl hl-person"]]
    assert body.classes_around("And ") == [["p", "hl hl-quote"]]
    assert body.classes_around(" will pay,”") == [["p", "hl hl-quote"]]
    assert body.classes_around(" she said.") == [["p"]]


def test_an_entity_across_two_slots_is_two_pieces_the_first_with_the_id() -> None:
    text = "Tony Blair spoke."
    layout = Layout(html=("<p>", "<em>", "</em>", "</p>"),
                    slots=(Slot(0, 5), Slot(5, 10), Slot(10, 17)))
    item = article("a", text, people=["Tony Blair"], layout=layout)
    fragment = body_of(page_of(site(item), "a"))
    link = ('<a class="hl hl-person"{} href="../../people/tony-blair/index.html" data-label="PERSON" '
            'data-tip="Tony Blair · person · opens their page">')
    first, second = link.format(' id="e1"'), link.format("")
    assert fragment == f"<p>{first}Tony </a><em>{second}Blair</a></em> spoke.</p>"


def test_a_highlight_inside_a_link_is_a_span_not_a_nested_link() -> None:
    text = "Read Tony Blair's speech."
    layout = Layout(html=("<p>", '<a href="https://example.org/speech">', "</a>", "</p>"),
                    slots=(Slot(0, 5), Slot(5, 24, in_link=True), Slot(24, 25)))
    item = article("a", text, people=["Tony Blair"], layout=layout)
    fragment = body_of(page_of(site(item), "a"))
    assert fragment.count("<a ") == 1
    # Inside the article's own link it opens the article's target, not the person's page.
    assert ('<span class="hl hl-person" id="e1" data-label="PERSON" data-tip="Tony Blair · person">'
            'Tony Blair</span>' in fragment)


def test_code_is_never_highlighted_but_escaped() -> None:
    text = "Run <Tony Blair> & Tony Blair."
    layout = Layout(html=("<p>", "<code>", "</code>", "</p>"),
                    slots=(Slot(0, 4), Slot(4, 19, in_code=True), Slot(19, 30)))
    item = article("a", text, people=["Tony Blair"], quotes=[said("<Tony Blair> & Tony")],
                   figures=[figure("Blair>", None)], layout=layout)
    fragment = body_of(page_of(site(item), "a"))
    code = fragment[fragment.index("<code>"):fragment.index("</code>")]
    # No highlight inside code: only the empty anchors that links to the annotations need.
    assert code == ('<code><span id="q1"></span>&lt;<span id="e1"></span>Tony '
                    '<span id="f1"></span>Blair&gt; &amp; ')
    assert visible_text(fragment) == text


def test_every_anchor_the_side_panel_links_to_is_an_id_in_the_body() -> None:
    # A mention inside code is not highlighted, but its id must be there: the side panel and
    # person pages link to it (#e1 was a dead link).
    text = "Call tony_blair() now. Tony Blair said so."
    start, end = text.index("tony_blair()"), text.index(" now")
    layout = Layout(html=("<p>", "<code>", "</code>", "</p>"),
                    slots=(Slot(0, start), Slot(start, end, in_code=True), Slot(end, len(text))))
    blair = person("Tony Blair", "tony_blair", key="tony-blair")
    page = page_of(site(article("a", text, people=[blair], layout=layout)), "a")
    assert page.annotations.mentions[0].text == "tony_blair"  # the first mention is in the code
    panel = side_panel(page, href(page))
    anchors = {entry.anchor for group in panel.groups for entry in group.entries}
    assert anchors <= set(Body(body_of(page)).ids)


RICH = ("“Gordon Brown & <co> found £5m,” said Tony Blair in “London”.\n\n"
        "Labour's \"plan\" costs 22% — Brown said ‘no’.")


def _rich() -> AnnotatedArticle:
    return article(
        "rich", RICH, people=[person("Gordon Brown", "Brown"), person("Tony Blair")],
        names=[org("Labour"), place("London")],
        quotes=[said("“Gordon Brown & <co> found £5m,”", "Tony Blair"), said("“London”"),
                said("‘no’", "Gordon Brown")],
        figures=[figure("£5m", 5e6, "money"), figure("22%", 22, None, "PERCENT")])


def test_the_page_text_is_exactly_the_article_text() -> None:
    page = page_of(site(_rich()), "rich")
    fragment = body_of(page)
    assert visible_text(fragment) == RICH.replace("\n\n", "\n") + "\n"
    assert visible_text(fragment) == unescape(re.sub(r"<[^>]+>", "", fragment))
    assert visible_text(fragment) == visible_text(render_plain(page.article.text, page.article.layout))


def test_each_anchor_id_appears_once() -> None:
    page = page_of(site(_rich()), "rich")
    ids = Body(body_of(page)).ids
    annotations = page.annotations
    expected = ([f"q{n}" for n in range(1, len(annotations.quotes) + 1)]
                + [f"e{n}" for n in range(1, len(annotations.mentions) + 1)]
                + [f"f{n}" for n in range(1, len(annotations.figures) + 1)])
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids))


@st.composite
def highlighted(draw: st.DrawFn) -> tuple[str, Layout, list[Highlight]]:
    text = draw(st.text(alphabet="ab <&>\"'", min_size=1, max_size=30))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=4))) | {0, len(text)})
    slots = tuple(Slot(a, b, in_link=draw(st.booleans()), in_code=draw(st.integers(0, 4)) == 0)
                  for a, b in pairwise(cuts) if a < b)
    layout = Layout(html=("<div>", *["<br>"] * (len(slots) - 1), "</div>"), slots=slots)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)),
                                    st.integers(0, 1), st.booleans()), max_size=6))
    found: list[Highlight] = []
    for n, (a, b, layer, linked) in enumerate(spans):
        start, end = min(a, b), max(a, b)
        # Only entity mentions link, and they never overlap one another (quotes hold them).
        linked = linked and layer == 1 and not any(
            h.href and h.start < end and start < h.end for h in found)
        if start < end:
            found.append(Highlight(start, end, layer, f"hl-{layer}", f"h{n}",
                                   href="x" if linked else None))
    return text, layout, sorted(found, key=lambda h: (h.start, h.layer, -h.end))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(highlighted())
def test_any_highlights_keep_the_text_balance_the_tags_and_give_each_id_once(
        case: tuple[str, Layout, list[Highlight]]) -> None:
    text, layout, highlights = case
    fragment = render_body(text, layout, highlights)
    body = Body(fragment.replace("<br>", ""))
    assert "".join(body.text) == "".join(text[s.start:s.end] for s in layout.slots)
    assert len(body.ids) == len(set(body.ids))
    shown = {h.anchor for h in highlights
             if any(h.start < s.end and s.start < h.end for s in layout.slots)}
    assert set(body.ids) == shown  # in code too: links to an annotation always find it
    for data, stack in body.pieces:
        links = [tag for tag, _ in stack if tag == "a"]
        assert len(links) <= 1, f"nested links around {data!r}: {fragment}"


def test_highlights_skip_ignored_entities_and_keep_the_numbering() -> None:
    text = "Tony Blair met The Queen. Tony Blair left."
    item = article("a", text, people=["Tony Blair", "The Queen"])
    page = page_of(site(item, ignore=frozenset({"the queen"})), "a")
    found = highlights_for(page, href(page))
    assert [(h.anchor, text[h.start:h.end]) for h in found] == [("e1", "Tony Blair"), ("e3", "Tony Blair")]


def test_a_quote_names_its_speaker_as_the_archive_does() -> None:
    text = "“Yes,” said Blair. “No,” said The Queen. “Maybe,” said someone."
    local = article("local", text, people=["Blair", "The Queen"],
                    quotes=[said("“Yes,”", "Blair"), said("“No,”", "The Queen"), said("“Maybe,”")])
    built = site(article("tb", people=["Tony Blair"]), local, ignore=frozenset({"the queen"}))
    page = page_of(built, "local")
    speakers = [dict(h.attributes)["data-speaker"] for h in highlights_for(page, href(page))
                if h.css == "hl hl-quote"]
    assert speakers == ["Tony Blair", "unknown speaker", "unknown speaker"]


PARTIAL = "Tony Blair said a vote for them was “a vote for a Tory government”. “We will win,” he said."


def _partial() -> AnnotatedArticle:
    return article("partial", PARTIAL, people=["Tony Blair"],
                   quotes=[said("“a vote for a Tory government”", "Tony Blair", partial=True),
                           said("“We will win,”", "Tony Blair")])


def test_a_partial_quote_is_marked_apart_with_its_speaker_in_a_tooltip() -> None:
    page = page_of(site(_partial()), "partial")
    body = Body(body_of(page))
    assert body.classes_around("“a vote for a Tory government”") == [["p", "hl hl-quote hl-partial"]]
    assert body.classes_around("“We will win,”") == [["p", "hl hl-quote"]]
    assert sorted(body.ids) == ["e1", "pq1", "q1"]
    partial = next(h for h in highlights_for(page, href(page)) if "hl-partial" in h.css)
    assert partial.tip == "quoted in part · Tony Blair"


def test_the_panel_lists_partial_quotes_apart() -> None:
    page = page_of(site(_partial()), "partial")
    panel = side_panel(page, href(page))
    assert [(q.speaker, q.text, q.anchor) for q in panel.quotes] == [("Tony Blair", "We will win,", "q1")]
    assert [(q.speaker, q.text, q.anchor) for q in panel.partial_quotes] == [
        ("Tony Blair", "a vote for a Tory government", "pq1")]


def test_a_figure_says_what_it_counts_in_its_tooltip() -> None:
    item = article("a", "Profits rose to £5m.", figures=[figure("£5m", 5e6, "profits")])
    (highlight,) = highlights_for(page_of(site(item), "a"), lambda ref: None)
    assert highlight.tip == "money · 5,000,000 · profits"
    assert dict(highlight.attributes)["data-counts"] == "profits"


def test_a_mention_without_a_page_is_a_span() -> None:
    page = page_of(site(article("a", "Sony and Acme.", names=[org("Sony"), org("Acme")]),
                        article("b", names=[org("Acme")])), "a")
    fragment = body_of(page)
    assert ('<span class="hl hl-org" id="e1" data-label="ORG" data-tip="Sony · organisation">Sony</span>'
            in fragment)
    assert ('<a class="hl hl-org" id="e2" href="../../topics/acme/index.html" data-label="ORG" '
            'data-tip="Acme · organisation · opens its page">') in fragment


# --- the side panel -------------------------------------------------------------------------------

def test_two_local_entities_that_are_one_archive_entity_are_one_panel_entry() -> None:
    text = "Blair met voters. Tony Blair left. Tony Blair returned."
    page = page_of(site(article("a", text, people=["Tony Blair", "Blair"])), "a")
    assert {e.key for e in page.annotations.entities} == {"tony-blair", "blair"}
    panel = side_panel(page, href(page))
    (people,) = [g for g in panel.groups if g.kind == "person"]
    assert [(e.name, e.mentions, e.anchor, e.href) for e in people.entries] == [
        ("Tony Blair", 3, "e1", "../../people/tony-blair/index.html")]


def test_panel_groups_follow_the_label_table() -> None:
    text = "The British Labour MP Tony Blair walked by the Thames in London."
    item = article("a", text, people=["Tony Blair"],
                   names=[named("British", "NORP"), org("Labour"), place("Thames", label="LOC"),
                          place("London")])
    panel = side_panel(page_of(site(item), "a"), lambda ref: None)
    assert [(g.kind, g.title) for g in panel.groups] == list(STYLES)
    assert [[e.name for e in g.entries] for g in panel.groups] == [
        ["Tony Blair"], ["Labour"], ["Thames", "London"], ["British"]]


def test_panel_quotes_and_figures_name_speakers_and_anchors() -> None:
    page = page_of(site(_rich()), "rich")
    panel = side_panel(page, href(page))
    assert [(q.speaker, q.href, q.text, q.anchor) for q in panel.quotes] == [
        ("Tony Blair", "../../people/tony-blair/index.html", "Gordon Brown & <co> found £5m,", "q1"),
        (None, None, "London", "q2"),
        ("Gordon Brown", "../../people/gordon-brown/index.html", "no", "q3")]
    assert [(f.text, f.counts, f.anchor) for f in panel.figures] == [
        ("£5m", "money", "f1"), ("22%", None, "f2")]


def test_panel_leaves_out_ignored_entities() -> None:
    page = page_of(site(article("a", people=["Tony Blair", "The Queen"]),
                        ignore=frozenset({"the queen"})), "a")
    names = [e.name for g in side_panel(page, href(page)).groups for e in g.entries]
    assert names == ["Tony Blair"]


# --- fingerprints ---------------------------------------------------------------------------------

def _round_tripped(item: AnnotatedArticle) -> AnnotatedArticle:
    data = json.loads(json.dumps(annotations_to_dict(item.annotations)))
    text = "".join(list(item.article.text))
    return AnnotatedArticle(replace(item.article, text=text), annotations_from_dict(data))


def test_equal_values_built_as_distinct_objects_give_equal_fingerprints() -> None:
    fresh = [_rich(), article("b", people=["Tony Blair"], date=day(1))]
    copies = [_round_tripped(item) for item in fresh]
    assert copies[0].annotations == fresh[0].annotations
    assert copies[0].annotations.mentions[0].text is not fresh[0].annotations.mentions[0].text
    one, two = site(*fresh), site(*copies)
    first, second = Fingerprints("global"), Fingerprints("global")
    for a, b in zip(one.articles, two.articles, strict=True):
        assert a is not b and first.of_article_page(a) == second.of_article_page(b)
    listing = ("index.html", "index.html", {"listing": one.home[0]})
    assert first.of(listing) == second.of(("index.html", "index.html", {"listing": two.home[0]}))
    assert first.of(("person.html", {"person": one.people})) == second.of(
        ("person.html", {"person": two.people}))


def test_the_global_digest_is_part_of_every_fingerprint() -> None:
    page = site(article("a")).articles[0]
    assert Fingerprints("one").of(("article.html", page)) != Fingerprints("two").of(("article.html", page))


def _changed_article_pages() -> dict[str, ArticlePage]:
    page = page_of(site(_rich(), article("b", people=["Tony Blair"])), "rich")
    figures = page.annotations.figures
    ref = page.entities["tony-blair"]
    return {
        "figure value": replace(page, annotations=replace(
            page.annotations, figures=(replace(figures[0], value=6e6), *figures[1:]))),
        "related link": replace(page, related=(Link("Another title", "articles/b/index.html"),)),
        "entity ref path": replace(page, entities={
            **page.entities, "tony-blair": replace(ref, path="people/tony-blair-2/index.html")}),
        "original": page,
        "unchanged copy": replace(page),
    }


@pytest.mark.parametrize("change", ["figure value", "related link", "entity ref path"])
def test_a_change_to_an_article_page_changes_its_fingerprint_and_every_listing_of_it(
        change: str) -> None:
    pages = _changed_article_pages()
    original, changed, copy = pages["original"], pages[change], pages["unchanged copy"]
    assert copy is not original
    fingerprints = Fingerprints("global")
    assert fingerprints.of_article_page(changed) != fingerprints.of_article_page(original)
    assert fingerprints.of_article_page(copy) == fingerprints.of_article_page(original)

    def listing(page: ArticlePage) -> object:
        return ("index.html", "index.html", {"listing": (page,), "title": "Home"})

    assert fingerprints.of(listing(changed)) != fingerprints.of(listing(original))
    assert fingerprints.of(listing(copy)) == fingerprints.of(listing(original))


def test_an_article_pages_annotations_digest_stands_for_its_annotations() -> None:
    page = _changed_article_pages()["original"]
    other = _changed_article_pages()["figure value"]
    fingerprints = Fingerprints("global")
    assert fingerprints.of_article_page(other) != fingerprints.of_article_page(page)
    # With a digest, the digest is what counts: the records are not read (the build's digest is
    # the annotations' cache key, so other records under one key cannot happen).
    tagged, tagged_other = replace(page, annotations_digest="k1"), replace(other, annotations_digest="k1")
    assert fingerprints.of_article_page(tagged) == fingerprints.of_article_page(tagged_other)
    assert fingerprints.of_article_page(tagged) != fingerprints.of_article_page(
        replace(page, annotations_digest="k2"))
    assert fingerprints.of_article_page(replace(tagged, related=())) != fingerprints.of_article_page(tagged)


# --- the site plan: every page once ---------------------------------------------------------------

@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(root=tmp_path, content=tmp_path / "seeds", templates=tmp_path / "templates",
                  static=tmp_path / "static", output=tmp_path / "build", cache=tmp_path / ".sitegen",
                  base_url="https://example.org/news/", page_size=1, search=True, jobs=1)


def _small_site(value: float = 5e6) -> Site:
    return site(
        article("x", "Tony Blair found £5m.", people=["Tony Blair"], topics=["economy"],
                figures=[figure("£5m", value)], date=day(2)),
        article("y", "Gordon Brown went to war.", people=["Gordon Brown"], topics=["war"], date=day(1)),
        page_size=1)


def _fingerprints(built: Site, config: Config) -> dict[str, str]:
    plan = SitePlan(built, config)
    pages = [*plan.article_pages(), *plan.other_pages()]
    assert len(pages) == len({p.path for p in pages})
    return {p.path: p.fingerprint for p in pages}


def test_article_pages_and_other_pages_are_every_page_once_sitemap_last(config: Config) -> None:
    built = _small_site()
    plan = SitePlan(built, config)
    articles = [p.path for p in plan.article_pages()]
    others = [p.path for p in plan.other_pages()]
    assert articles == ["articles/x/index.html", "articles/y/index.html"]
    assert not set(articles) & set(others)
    assert len(others) == len(set(others))
    assert others[-2:] == ["sitemap.xml", "robots.txt"]
    expected = {"index.html", "page/2/index.html", "people/index.html", "topics/index.html",
                "feed.xml", "search/index.html", "404.html", "data/people.json", "data/topics.json",
                "data/articles/x.json", "data/articles/y.json", "figures/index.html", "figures/figures.csv"}
    for person_or_topic in ("people/tony-blair", "people/gordon-brown", "topics/economy", "topics/war"):
        expected |= {f"{person_or_topic}/index.html", f"{person_or_topic}/feed.xml"}
    assert set(others[:-2]) == expected


def test_the_search_page_says_whether_it_has_filters_to_wait_for(config: Config) -> None:
    """static/search.js holds a search from ?q= until Pagefind's filters have loaded, if any."""
    def search_page(built: Site) -> str:
        return next(p for p in SitePlan(built, config).other_pages()
                    if p.path == "search/index.html").text()

    assert re.search(r'<div id="search"[^>]* data-filters>', search_page(_small_site()))
    assert "data-filters" not in search_page(site(article("z", "Nothing much happened.")))


def test_the_sitemap_lists_every_html_page_but_404_once(config: Config) -> None:
    plan = SitePlan(_small_site(), config)
    html = [p.path for p in [*plan.article_pages(), *plan.other_pages()]
            if p.path.endswith(".html") and p.path != "404.html"]
    sitemap = next(p for p in plan.other_pages() if p.path == "sitemap.xml")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap.text())
    assert Counter(urls) == Counter("https://example.org/news/" + p.removesuffix("index.html")
                                    for p in html)


def test_an_article_page_renders_with_the_default_templates(config: Config) -> None:
    page = next(SitePlan(site(_rich()), config).article_pages())
    text = page.text()
    assert 'id="q1"' in text and 'href="#e1"' in text and text.count('id="e1"') == 1


def test_a_changed_figure_re_renders_its_article_and_every_page_listing_it(config: Config) -> None:
    before = _fingerprints(_small_site(), config)
    assert before == _fingerprints(_small_site(), config)
    after = _fingerprints(_small_site(value=6e6), config)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {
        "articles/x/index.html", "data/articles/x.json", "index.html", "feed.xml",
        "people/index.html", "people/tony-blair/index.html", "people/tony-blair/feed.xml",
        "topics/economy/index.html", "topics/economy/feed.xml",
        "data/people.json", "data/topics.json", "figures/index.html", "figures/figures.csv"}
    # The topics index shows no article (it once received every topic's listing, so it did).


def test_the_code_digest_ignores_what_python_writes_beside_the_code() -> None:
    # Every page's fingerprint holds it: a new .pyc in __pycache__ once re-rendered every page.
    from sitegen.render import fingerprint

    fingerprint.code_digest.cache_clear()
    before = fingerprint.code_digest()
    cache = fingerprint.SITEGEN_ROOT / "__pycache__"
    cache.mkdir(exist_ok=True)
    stray = cache / "zz_written_by_python.cpython-311.pyc"
    try:
        stray.write_bytes(b"\x00compiled")
        fingerprint.code_digest.cache_clear()
        assert fingerprint.code_digest() == before
    finally:
        stray.unlink()
        fingerprint.code_digest.cache_clear()


def _quoted_site(articles: int, changed: int | None = None) -> Site:
    """Tony Blair quoted once in each of ``articles`` dated articles (article ``changed`` says
    something else)."""
    return site(*[article(f"a{n:03d}", people=["Tony Blair"], date=day(1 + n % 28, 1 + n // 28),
                          quotes=[said(f"“We will win {'again' if n == changed else 'it'} {n:03d},”",
                                       "Tony Blair")])
                  for n in range(articles)], page_size=10)


def test_a_person_quoted_in_many_articles_has_every_quote_on_pages_of_their_own(config: Config) -> None:
    pages = {p.path: p for p in SitePlan(_quoted_site(120), config).other_pages()}
    person = pages["people/tony-blair/index.html"].text()
    assert person.count('<ol class="quote-cards">') == 50  # ten shown, forty folded
    assert 'href="quotes/index.html">All 120 quotes</a>, by article (3 pages)' in person
    quote_pages = [pages[path].text() for path in ("people/tony-blair/quotes/index.html",
                                                    "people/tony-blair/quotes/page/2/index.html",
                                                    "people/tony-blair/quotes/page/3/index.html")]
    assert [page.count('<ol class="quote-cards">') for page in quote_pages] == [50, 50, 20]
    said_on_pages = re.findall(r"We will win it (\d{3})", "".join(quote_pages))
    assert sorted(said_on_pages) == [f"{n:03d}" for n in range(120)]  # every quote once
    assert said_on_pages[0] == "119"  # newest first
    assert 'aria-current="page"' in quote_pages[1] and 'rel="prev"' in quote_pages[1]
    small = {p.path: p for p in SitePlan(_quoted_site(12), config).other_pages()}
    assert "people/tony-blair/quotes/index.html" not in small
    assert small["people/tony-blair/index.html"].text().count('<ol class="quote-cards">') == 12


def test_a_quote_changes_only_the_pages_that_show_it(config: Config) -> None:
    """A person's later listing pages show no quotes: their fingerprints leave them out (they
    once held every quote and article of the person, on each of the person's pages)."""
    before, after = (_fingerprints(_quoted_site(120, changed), config) for changed in (None, 3))
    changed = {path for path in before if before[path] != after[path]}
    assert "people/tony-blair/quotes/page/3/index.html" in changed  # where the quote is
    assert "people/tony-blair/index.html" not in changed  # only the 50 newest show there
    listings = {path for path in changed if path.startswith("people/tony-blair/page/")}
    assert listings == {"people/tony-blair/page/12/index.html"}  # the article's own listing page
