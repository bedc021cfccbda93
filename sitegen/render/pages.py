"""Stage 4, render: every page of the archive model as text (Jinja2 lives here only)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.archive import ArticlePage, EntityRef, ListingPage, PersonPage, Redirect, Site
from sitegen.archive.export import article_export, people_records, topic_records
from sitegen.archive.urls import relative_url
from sitegen.render.figures_csv import FIGURES_CSV, figures_csv
from sitegen.render.highlight import highlights_for, render_body
from sitegen.render.links import linked_layout
from sitegen.render.panel import side_panel

FEED_LENGTH = 20
HOME_PEOPLE = 6  # the most covered people, on the first page of the home page


@dataclass(frozen=True)
class SiteInfo:
    """What every template may show about the site itself."""

    title: str
    description: str
    url: str  # base_url with a trailing slash
    base_path: str
    search: bool = False
    figures: bool = False  # whether the archive has a figures table (the menu links to it)
    generator: str = "sitegen"

    @property
    def absolute(self) -> bool:
        """Whether ``url`` names a host (needed for sitemaps and feed ids)."""
        return self.url.startswith(("http://", "https://"))

    def absolute_url(self, path: str) -> str:
        """The public URL of an output path ("articles/a/index.html" → ".../articles/a/")."""
        return self.url + path.removesuffix("index.html")


@dataclass(frozen=True)
class RenderedPage:
    """One output file: its path inside the output folder and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class PageJob:
    """A page to render: its path, the data it shows (for its fingerprint), and how."""

    path: str
    inputs: Any
    make: Callable[[], RenderedPage]

    def render(self) -> RenderedPage:
        """Render the page now."""
        return self.make()


class PageRenderer:
    """Renders the pages of one ``Site`` with one compiled template environment."""

    def __init__(self, environment: jinja2.Environment, info: SiteInfo, site: Site,
                 search_bundles: tuple[str, ...]):
        self.environment = environment
        self.info = info
        self.site = site
        self.search_bundles = search_bundles
        self.filters = site.search_filters()

    def _render(self, template: str, path: str, **context: Any) -> RenderedPage:
        text = self.environment.get_template(template).render(
            site=self.info, page_path=path, **context
        )
        return RenderedPage(path, text)

    def _job(self, template: str, path: str, **context: Any) -> PageJob:
        """A page whose template receives ``context``; the context is its fingerprint input."""
        return PageJob(path, (template, path, context),
                       lambda: self._render(template, path, **context))

    def article_job(self, page: ArticlePage) -> PageJob:
        """An article page (its entity refs say which of its entities have pages)."""
        return PageJob(page.path, ("article.html", page, sorted(self.filters)), lambda: self.article(page))

    def article(self, page: ArticlePage) -> RenderedPage:
        """An article with its annotations highlighted and its side panel."""
        article = page.article

        def href(ref: EntityRef) -> str | None:
            return relative_url(page.path, ref.path) if ref.path else None

        layout = linked_layout(article.layout, page.path)
        body = Markup(render_body(article.text, layout, highlights_for(page, href)))
        # The article's image, unless its body shows it already.
        image = article.image if article.image and f'"{article.image}"' not in "".join(
            article.layout.html) else None
        return self._render("article.html", page.path, page=page, article=article, image=image,
                            annotations=page.annotations, body=body,
                            panel=side_panel(page, href, self.filters), filters=self.filters)

    def feed(self, path: str, title: str, page_path: str, pages: tuple[ArticlePage, ...]) -> PageJob:
        """An Atom feed of the newest articles in ``pages``."""
        entries = pages[:FEED_LENGTH]
        moments = [moment for p in entries if (moment := _updated(p)) is not None]
        # Only a feed without articles is dated 1970: an undated article counts by its file.
        updated = max(moments) if moments else datetime(1970, 1, 1, tzinfo=UTC)
        return self._job("feed.xml", path, title=title, feed_path=path, home_path=page_path,
                         entries=entries, updated=updated, fallback_date=updated)

    def redirect_pages(self) -> Iterator[PageJob]:
        """A page at each old address of an article, sending readers on to it."""
        for redirect in self.site.redirects:
            yield self.redirect(redirect)

    def redirect(self, redirect: Redirect) -> PageJob:
        """The page at one old address: a refresh and a canonical link, as Hugo's aliases."""
        target = relative_url(redirect.path, redirect.target)
        canonical = self.info.absolute_url(redirect.target) if self.info.absolute else target
        return self._job("redirect.html", redirect.path, target=target, canonical=canonical)

    def article_pages(self) -> Iterator[PageJob]:
        """The article pages, newest first: the pages search indexes."""
        for page in self.site.articles:
            yield self.article_job(page)

    def other_pages(self) -> Iterator[PageJob]:
        """Every page but the articles, in a stable order, ending with the sitemap."""
        jobs = list(self._listings_and_indexes())
        yield from jobs
        yield from self.data()
        html = [job.path for job in jobs if job.path.endswith(".html")]
        articles = [page.path for page in self.site.articles]
        home = len(self.site.home)  # the sitemap lists the home pages, then the articles, then the rest
        yield from self.sitemap(html[:home] + articles + html[home:])

    def _listings_and_indexes(self) -> Iterator[PageJob]:
        site = self.site
        # A page receives the people and topics it shows without their article listings (and
        # a person without their quotes but on their first page): a page's fingerprint pickles
        # what it receives, and page 600 of a person in 6,000 articles must not pickle them all.
        slim = {person.key: replace(person, listing=(), quotes=(), quote_pages=())
                for person in site.people}
        leading = tuple(slim[p.key] for p in site.leading_people(HOME_PEOPLE))
        for listing in site.home:
            yield self._job("index.html", listing.path, listing=listing,
                            leading=leading if listing.number == 1 else ())
        yield self._job("people.html", "people/index.html", people=tuple(slim.values()),
                        letters=site.letters(),
                        leading=tuple(slim[p.key] for p in site.leading_people()))
        for person in site.people:
            for listing in person.listing:
                shown = _first_page(person) if listing.number == 1 else slim[person.key]
                yield self._job("person.html", listing.path, person=shown, listing=listing)
            for quotes in person.quote_pages:
                yield self._job("person_quotes.html", quotes.path, person=slim[person.key], listing=quotes)
            yield self.feed(person.feed_path, f"{person.name} · {self.info.title}", person.path,
                            _pages_of(person.listing))
        bare = {topic.key: replace(topic, listing=()) for topic in site.topics}
        yield self._job("topics.html", "topics/index.html", topic_groups=[
            (kind, [bare[t.key] for t in topics]) for kind, topics in site.topics_by_kind()])
        for topic in site.topics:
            for listing in topic.listing:
                yield self._job("topic.html", listing.path, topic=bare[topic.key], listing=listing)
            yield self.feed(topic.feed_path, f"{topic.name} · {self.info.title}", topic.path,
                            _pages_of(topic.listing))
        for table in site.figures:
            yield self._job("figures.html", table.path, listing=table)
        yield self.feed("feed.xml", self.info.title, "index.html", site.articles)
        if self.info.search:
            yield self._job("search.html", "search/index.html", bundles=self.search_bundles,
                            filtered=bool(self.filters))
        yield self._job("404.html", "404.html", absolute_links=True)

    def data(self) -> Iterator[PageJob]:
        """The static JSON API (one file per article, people.json and topics.json) and the
        figures table as CSV."""
        for page in self.site.articles:
            path = f"data/articles/{page.article.slug}.json"
            yield PageJob(path, ("json", page), _json_maker(
                path, lambda page=page: article_export(page)))
        yield PageJob("data/people.json", ("json", self.site.people),
                      _json_maker("data/people.json", lambda: people_records(self.site)))
        yield PageJob("data/topics.json", ("json", self.site.topics),
                      _json_maker("data/topics.json", lambda: topic_records(self.site)))
        if self.site.figures:
            yield PageJob(FIGURES_CSV, ("csv", self.site.figures),
                          lambda: RenderedPage(FIGURES_CSV, figures_csv(self.site.figures)))

    def sitemap(self, html_paths: list[str]) -> Iterator[PageJob]:
        """sitemap.xml (when the site has an absolute base_url) and robots.txt."""
        if self.info.absolute:
            urls = [self.info.absolute_url(p) for p in html_paths if p != "404.html"]
            yield self._job("sitemap.xml", "sitemap.xml", urls=urls)
        yield self._job("robots.txt", "robots.txt")


def _first_page(person: PersonPage) -> PersonPage:
    """What a person's first page shows: the quotes of their newest articles, up to a quote
    page's worth, and where the quote pages are."""
    if not person.quote_pages:
        return replace(person, listing=())
    shown = tuple(entry for group in person.quote_pages[0].groups for entry in group.quotes)
    return replace(person, listing=(), quotes=shown,
                   quote_pages=tuple(replace(page, groups=()) for page in person.quote_pages))


def _json_maker(path: str, records: Callable[[], object]) -> Callable[[], RenderedPage]:
    return lambda: RenderedPage(path, json.dumps(records(), ensure_ascii=False, indent=1))


def _updated(page: ArticlePage) -> datetime | None:
    """When an article last changed, for feeds: its update, else its publication."""
    article = page.article
    moments = [m for m in (article.updated, article.moment) if m is not None]
    return max(moments) if moments else None


def _pages_of(listing: tuple[ListingPage, ...]) -> tuple[ArticlePage, ...]:
    return tuple(page for part in listing for page in part.articles)
