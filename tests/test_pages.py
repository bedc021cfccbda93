"""Pages readers want (issue 18): timelines, grouped quotes, the figures table, numbered pages.

A small dated archive spanning November 2015 to July 2016 is built once; an undated one
checks the order's name and the feed's dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest
from conftest import built_archive, parse_page
from plain_data import article, day, figure, site

from sitegen.archive.figure_table import figure_pages
from sitegen.archive.indexes import page_links
from sitegen.archive.timelines import archive_span, timeline
from sitegen.render.charts import _nice_ceiling, sparkline_svg, timeline_svg

DATED = {
    "politics/2015-11-03-launch.txt": (
        "Clinton opens her campaign in Iowa\n\n"
        "Former Secretary of State Hillary Clinton opened her campaign in Des Moines on Tuesday.\n\n"
        '"We are going to win this state and then the country," Mrs Clinton told supporters.\n\n'
        "She said the campaign had raised $5m in a week. "
        '"Every single dollar came from people who believe in us," Mrs Clinton said.\n'
    ),
    "politics/2016-03-10-primary.txt": (
        "Clinton wins the Michigan primary\n\n"
        "Hillary Clinton won the Michigan primary with 52% of the vote, ahead of Bernie Sanders.\n\n"
        '"This is a night for every family in Michigan," Mrs Clinton said in Detroit.\n'
    ),
    "politics/2016-07-20-endorse.txt": (
        "Sanders endorses Clinton\n\n"
        "Senator Bernie Sanders endorsed Hillary Clinton at a rally in New Hampshire.\n\n"
        '"She will be an outstanding president," Mr Sanders told the crowd of 3,000 people.\n'
    ),
    "politics/2016-05-02-poll.txt": (
        "Poll puts Clinton ahead\n\n"
        "A new poll puts Hillary Clinton 8 points ahead of Bernie Sanders in California.\n"
    ),
    "politics/2016-06-14-debate.txt": (
        "Sanders presses on after the last primary\n\n"
        "Bernie Sanders said he would take his campaign to the convention in Philadelphia.\n"
    ),
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dated")
    (folder / "sitegen.toml").write_text('base_url = "https://example.org/"\nsearch = false\n',
                                         encoding="utf-8")
    return built_archive(folder, DATED, "--page-size", "2")


def _read(build: Path, path: str) -> str:
    return (build / path).read_text(encoding="utf-8")


def test_person_page_has_a_timeline_with_a_title_a_summary_and_a_table(dated: Path) -> None:
    html = _read(dated, "people/hillary-clinton/index.html")
    parse_page(dated / "people/hillary-clinton/index.html")  # balanced
    svg = html[html.index("<svg class=\"chart timeline-svg\""):html.index("</svg>") + 6]
    assert "<title>Hillary Clinton: articles and quotes per month</title>" in svg
    assert 'role="img"' in svg
    assert svg.count('class="bar articles"') == 4  # four months with an article naming her
    # The archive's span, month by month: November 2015 to July 2016 is nine periods.
    assert svg.count('class="hit"') == 9
    summary = re.search(r'<span class="summary">([^<]+)</span>', html).group(1)
    # One article a month at most: no month is "the most".
    assert summary == "4 dated articles and 3 quotes, from November 2015 to July 2016."
    table = html[html.index('<details class="chart-table">'):]
    assert "<th scope=\"row\">November 2015</th><td>1</td><td>2</td>" in table
    assert "<dt>First seen</dt><dd><a href=\"../../articles/clinton-opens-her-campaign-in-iowa/" in html
    assert "3 November 2015" in html and "20 July 2016" in html


def test_quotes_are_grouped_by_article_newest_first_with_their_sentence(dated: Path) -> None:
    html = _read(dated, "people/hillary-clinton/index.html")
    groups = html[html.index('<ol class="quote-groups">'):html.index("</section>",
                                                                     html.index("quote-groups"))]
    titles = re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", groups)
    assert titles == ["Clinton wins the Michigan primary", "Clinton opens her campaign in Iowa"]
    iowa = groups[groups.index("Clinton opens her campaign in Iowa"):]
    assert "<span>2 quotes</span>" in iowa and iowa.count('class="in-context"') == 2
    # The sentence around the quote: the quote in bold, what comes after it as plain text.
    assert re.search(r'<strong class="said">&#34;We are going to win[^<]+</strong> '
                     r"Mrs Clinton told supporters\.", iowa)
    assert "#q1" in iowa and "#q2" in iowa


def test_often_mentioned_with_is_a_ranked_list_with_bars(dated: Path) -> None:
    html = _read(dated, "people/hillary-clinton/index.html")
    panel = html[html.index("Often mentioned with"):]
    assert re.search(r'<a href="../bernie-sanders/index.html">Bernie Sanders</a> '
                     r'<svg class="chart bar-svg"[^>]*aria-hidden="true"', panel)
    assert "3 articles" in panel


def test_topic_page_has_the_timeline_standfirsts_and_the_most_quoted(dated: Path) -> None:
    html = _read(dated, "topics/politics/index.html")
    assert "<title>Politics: articles and quotes per month</title>" in html
    assert '<p class="standfirst">Senator Bernie Sanders endorsed Hillary Clinton' in html
    assert "<time datetime=\"2016-07-20\">20 July 2016</time>" in html
    quoted = html[html.index("Most quoted"):]
    assert quoted.index("Hillary Clinton") < quoted.index("Bernie Sanders")
    assert "3 quotes" in quoted and "1 quote<" in quoted


def test_pages_are_numbered_with_the_current_one_marked_and_the_order_named(dated: Path) -> None:
    html = _read(dated, "page/2/index.html")
    nav = html[html.index('<nav class="pagination"'):html.index("</nav>", html.index('class="pagination"'))]
    assert ('<a href="index.html" aria-current="page">'
            '<span class="visually-hidden">Page </span>2</a>') in nav
    assert '<span class="visually-hidden">Page </span>1<span class="visually-hidden"> (first)</span>' in nav
    assert '3<span class="visually-hidden"> (last)</span>' in nav
    assert "← Newer" in nav and "Older →" in nav and "Page 2 of 3 · newest first" in nav


def test_home_names_link_to_their_pages_and_the_most_covered_have_sparklines(dated: Path) -> None:
    home = _read(dated, "index.html")
    assert '<a href="people/hillary-clinton/index.html">Hillary Clinton</a>' in home
    strip = home[home.index('class="home-people"'):home.index("</section>", home.index("home-people"))]
    assert strip.count('<svg class="chart sparkline"') >= 2
    people = _read(dated, "people/index.html")
    leading = people[people.index('class="name-list leading"'):people.index("</ol>")]
    assert re.search(r"<title>Hillary Clinton: 4 dated articles, the most in [A-Z][a-z]+ 20\d\d</title>",
                     leading)


def test_the_figures_table_and_csv_hold_every_figure(dated: Path) -> None:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (dated / "data/articles").glob("*.json")]
    figures = sum(len(r["figures"]) for r in records)
    assert figures == 3
    html = _read(dated, "figures/index.html")
    parse_page(dated / "figures/index.html")
    assert html.count("<tr data-kind=") == figures
    assert '<a href="figures/index.html">Figures</a>' in _read(dated, "index.html")
    assert '<td class="number" data-value="5000000">5,000,000</td>' in html
    assert '<th scope="col" data-sort="date">Date</th>' in html
    rows = list(csv.DictReader(io.StringIO(_read(dated, "figures/figures.csv"))))
    assert len(rows) == figures
    five = next(r for r in rows if r["figure"] == "$5m")
    assert five["value"] == "5000000" and five["kind"] == "MONEY" and five["date"] == "2015-11-03"
    assert five["sentence"] == "She said the campaign had raised $5m in a week."
    assert five["url"].startswith("articles/clinton-opens-her-campaign-in-iowa/#f")


def test_an_undated_archive_is_a_to_z_and_its_feed_is_never_dated_1970(tmp_path: Path) -> None:
    files = {f"note-{n}.txt": f"Note {n}\n\nTony Blair said the plan costs £5m." for n in "abc"}
    build = built_archive(tmp_path, files, "--page-size", "1")
    nav = _read(build, "page/2/index.html")
    assert "A–Z by title (the articles have no dates)" in nav
    assert "← Previous" in nav and "Next →" in nav and "Newer" not in nav
    feed = feedparser.parse(_read(build, "feed.xml"))
    years = {entry.updated_parsed.tm_year for entry in feed.entries} | {feed.feed.updated_parsed.tm_year}
    assert 1970 not in years
    figures = _read(build, "figures/index.html")
    assert "data-sort=\"date\"" not in figures  # no Date column when nothing has a date


# --- units ----------------------------------------------------------------------------------


def test_page_links_show_the_ends_and_the_pages_around_the_current_one() -> None:
    numbers = [(link.number, link.path is None, link.current) for link in page_links("", 7, 40)]
    assert [n for n, gap, _ in numbers if not gap] == [1, 5, 6, 7, 8, 9, 40]
    assert [n for n, gap, _ in numbers if gap] == [4, 39]  # each "…" stands in for pages left out
    assert [n for n, _, current in numbers if current] == [7]
    assert [link.number for link in page_links("", 4, 9)][:2] == [1, 2]  # one page left out: shown


def test_timelines_run_over_the_archive_span_by_month_or_year() -> None:
    span = archive_span([date(2015, 11, 3), date(2016, 7, 20), None])
    assert span is not None and span.unit == "month" and len(span.starts) == 9
    line = timeline(span, [date(2016, 3, 1), date(2016, 3, 9), None], [date(2016, 3, 9)])
    assert line is not None and line.articles == 2 and line.quotes == 1
    assert line.busiest.start == date(2016, 3, 1) == line.first.start == line.last.start
    assert timeline(span, [None]) is None and archive_span([None]) is None
    long = archive_span([date(2001, 5, 1), date(2005, 1, 1)])
    assert long is not None and long.unit == "year" and len(long.starts) == 5


def test_charts_are_titled_svg_scaled_to_a_round_number() -> None:
    assert [_nice_ceiling(v) for v in (0, 1, 2, 3, 7, 11, 65, 101)] == [1, 1, 2, 4, 8, 20, 80, 200]
    span = archive_span([date(2016, 1, 5), date(2016, 4, 5)])
    line = timeline(span, [date(2016, 1, 5), date(2016, 4, 5), date(2016, 4, 6)])
    assert line is not None
    svg = str(timeline_svg(line, "A & B"))
    assert svg.startswith('<svg class="chart timeline-svg"') and "<title>A &amp; B</title>" in svg
    assert "<title>April 2016: 2 articles</title>" in svg and "quotes" not in svg
    spark = str(sparkline_svg(line, "Spark"))
    assert spark.count("<rect") == 4 and spark.count('class="bar empty"') == 2


def test_the_figures_table_is_paginated_in_the_archive_order() -> None:
    built = site(article("a", "It cost £5m and £6m.", figures=[figure("£5m", 5e6), figure("£6m", 6e6)],
                         date=day(2)),
                 article("b", "Up 3%.", figures=[figure("3%", 3, label="PERCENT")], date=day(1)))
    pages = figure_pages(built.articles, 2)
    assert [p.path for p in pages] == ["figures/index.html", "figures/page/2/index.html"]
    assert [[e.figure.text for e in p.figures] for p in pages] == [["£5m", "£6m"], ["3%"]]
    assert pages[1].offset == 2 and pages[1].total == 3 and pages[1].newer == "figures/index.html"
    assert pages[0].figures[0].context.text == "£5m"
    assert figure_pages(site().articles, 2) == ()


def test_a_person_named_with_fewer_than_three_people_has_no_network(dated: Path) -> None:
    html = _read(dated, "people/hillary-clinton/index.html")
    assert html[html.index("Often mentioned with"):].count('<li><a href="../') < 3
    assert 'class="chart network"' not in html and "Who appears with" not in html


def test_ties_count_the_articles_that_name_two_neighbours() -> None:
    from sitegen.archive.entities import ArchiveEntity
    from sitegen.archive.network import ties

    def someone(key: str) -> ArchiveEntity:
        return ArchiveEntity(key, key.title(), "PERSON")

    a, b, c = someone("a"), someone("b"), someone("c")
    people_of = [[a, b], [a, b, c], [c], [b, c]]
    found = ties([0, 1, 2], ["a", "b", "c"], people_of)
    assert [(t.a, t.b, t.count) for t in found] == [(0, 1, 2), (0, 2, 1), (1, 2, 1)]
    assert ties([2], ["a", "b", "c"], people_of) == ()


def test_the_network_svg_links_each_person_and_scales_its_lines() -> None:
    from sitegen.archive import Link, Tie
    from sitegen.render.network import network_svg

    people = [Link("Gordon Brown", "people/gordon-brown/index.html", 6),
              Link("Michael Howard", "people/michael-howard/index.html", 10),
              Link("A Very Long Name Indeed Here", "people/long/index.html", 1)]
    svg = str(network_svg("Tony Blair", people, [Tie(0, 1, 3)], "people/tony-blair/index.html"))
    assert "<title>Tony Blair and the 3 people most often named in the same articles</title>" in svg
    assert svg.count("<a href=") == 3 and 'href="../gordon-brown/index.html"' in svg
    assert "<title>Michael Howard: 10 articles with Tony Blair</title>" in svg
    assert svg.count('class="tie"') == 1 and svg.count('class="spoke"') == 3
    assert "A Very Long Name…" in svg and str(network_svg("X", [], [], "index.html")) == ""
