"""Content written for Jekyll, Hugo, Zola and Pelican builds as it is (issue 17)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from conftest import broken_links, parse_page, write_files

from sitegen.cli import main
from sitegen.read import read_content
from sitegen.read.dates import DateProblem, parse_when
from sitegen.read.layout import render_plain


def read(root: Path, files: dict[str, str | bytes]):
    write_files(root, files)
    return read_content(root)


def only(root: Path, text: str, name: str = "a.md"):
    result = read(root, {name: text})
    assert result.problems == (), result.problems
    (article,) = result.articles
    return article


# --- Front matter -------------------------------------------------------------------------


def test_unknown_keys_are_kept_and_common_ones_mapped(tmp_path: Path) -> None:
    article = only(tmp_path, (
        "---\nlayout: post\ntitle: Hello\ncategories: [News, Tech]\ntags: python web\n"
        "excerpt: The short of it.\nauthors: [Ann Lee, Bo Chan]\nimage: /img/cover.jpg\n"
        "permalink: /blog/hello/\ncomments: true\n---\nBody.\n"))
    assert article.meta["layout"] == "post" and article.meta["comments"] is True
    assert article.topics == ("python", "web", "News", "Tech")
    assert article.summary == "The short of it."
    assert article.authors == ("Ann Lee", "Bo Chan") and article.author == "Ann Lee and Bo Chan"
    assert article.image == "/img/cover.jpg"
    assert "/blog/hello/" in article.old_urls


def test_description_is_a_summary_and_published_false_a_draft(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "---\ntitle: A\ndescription: Said briefly.\n---\nBody.",
                           "b.md": "---\ntitle: B\npublished: false\n---\nBody."})
    (article,) = read_content(tmp_path).articles
    assert article.summary == "Said briefly."


def test_toml_front_matter_with_zola_taxonomies(tmp_path: Path) -> None:
    article = only(tmp_path, ('+++\ntitle = "Zola post"\ndate = 2021-04-05T08:00:00+02:00\n'
                              'aliases = ["/old/zola-post/"]\n[taxonomies]\ntags = ["rust", "web"]\n'
                              "[extra]\ntoc = true\n+++\nBody.\n"))
    assert article.title == "Zola post" and article.topics == ("rust", "web")
    assert article.published == datetime(2021, 4, 5, 8, tzinfo=timezone(timedelta(hours=2)))
    assert article.meta["extra"] == {"toc": True} and "/old/zola-post/" in article.old_urls


def test_json_front_matter(tmp_path: Path) -> None:
    article = only(tmp_path, '{\n  "title": "JSON post",\n  "tags": ["a"],\n  "draft": false\n}\n'
                             "Body text.\n")
    assert (article.title, article.topics, article.text) == ("JSON post", ("a",), "Body text.")


def test_pelican_header(tmp_path: Path) -> None:
    article = only(tmp_path, ("Title: My super title\nDate: 2010-12-03 10:20\nCategory: Python\n"
                              "Tags: pelican, publishing\nAuthors: Alexis Métaireau, Conan Doyle\n"
                              "Summary: Short version\n\nThis is the content.\n"), name="post.md")
    assert article.title == "My super title" and article.slug == "my-super-title"
    assert article.published == datetime(2010, 12, 3, 10, 20, tzinfo=UTC)
    assert article.topics == ("pelican", "publishing", "Python")
    assert article.authors == ("Alexis Métaireau", "Conan Doyle")
    assert article.text == "This is the content." and "/my-super-title.html" in article.old_urls


def test_a_bad_value_names_its_line(tmp_path: Path) -> None:
    result = read(tmp_path, {"a.md": "+++\ntitle = \"T\"\ndate = \"someday\"\n+++\nBody."})
    (problem,) = result.problems
    assert (problem.line, problem.message.split(",")[0]) == (3, "'date' must be a date like 2020-03-27 or "
                                                                "2020-03-27 10:30 +01:00")


# --- Dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "day", "moment"), [
    ("2019-05-02 10:30:00 -0400", date(2019, 5, 2), "2019-05-02T10:30:00-04:00"),
    ("2016-03-21 12:00 EDT", date(2016, 3, 21), "2016-03-21T12:00:00-04:00"),
    ("2019-12-3", date(2019, 12, 3), None),
    ("March 2, 2021", date(2021, 3, 2), None),
    ("2 March 2021", date(2021, 3, 2), None),
    ("2021-03-02T09:05:00Z", date(2021, 3, 2), "2021-03-02T09:05:00+00:00"),
    ("Tue, 02 Mar 2021 10:00:00 +0000", date(2021, 3, 2), "2021-03-02T10:00:00+00:00"),
])
def test_dates_as_people_write_them(written: str, day: date, moment: str | None) -> None:
    parsed_day, parsed_moment = parse_when(written)
    assert parsed_day == day
    assert (parsed_moment.isoformat() if parsed_moment else None) == moment


def test_a_time_without_offset_is_in_the_site_time_zone() -> None:
    from zoneinfo import ZoneInfo

    _, moment = parse_when("2019-07-01 09:00", ZoneInfo("Europe/London"))
    assert moment is not None and moment.utcoffset() == timedelta(hours=1)
    with pytest.raises(DateProblem):
        parse_when("2019-02-30")


def test_times_order_one_days_articles_and_feeds_keep_them(site: Path) -> None:
    write_files(site / "seeds", {
        f"_posts/2019-05-02-post-{n}.md": f"---\ntitle: Post {n}\ndate: 2019-05-02 {9 + n}:00:00 -0400\n"
                                          f"---\nStory number {n}.\n"
        for n in (1, 2, 3)
    } | {"undated.md": "---\ntitle: Undated\n---\nNo date here.\n"})
    assert main(["build", "-q"]) == 0
    home = parse_page(site / "build" / "index.html")
    order = [link for link in home.links if link.startswith("articles/")]
    assert order[:3] == [f"articles/post-{n}/index.html" for n in (3, 2, 1)]
    feed = feedparser.parse((site / "build" / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo
    when = {entry.title: entry.get("published") for entry in feed.entries}
    assert when["Post 3"] == "2019-05-02T12:00:00-04:00"
    undated = next(entry for entry in feed.entries if entry.title == "Undated")
    assert "published" not in undated and not undated.updated.startswith("1970")


# --- Folders and slugs --------------------------------------------------------------------


def test_drafts_folder_posts_folder_and_slugs_from_file_names(tmp_path: Path) -> None:
    result = read(tmp_path, {
        "_posts/2020-03-10-po-vs-cor.md": "---\ntitle: A very long title about PO versus COR\n---\nB.",
        "_drafts/not-yet.md": "---\ntitle: Not yet\n---\nB.",
        "_posts/2023-05-8-one-digit.md": "---\ntitle: One digit\n---\nB.",
        "_config.yml": "permalink: pretty\n",
        "_index.md": "+++\ntitle = \"Blog\"\n+++\n",
        "_layouts/post.html": "<html>{{ content }}</html>",
    })
    assert result.problems == ()
    by_slug = {a.slug: a for a in result.articles}
    assert sorted(by_slug) == ["one-digit", "po-vs-cor"]
    assert by_slug["po-vs-cor"].section is None and by_slug["po-vs-cor"].date == date(2020, 3, 10)
    assert by_slug["one-digit"].date == date(2023, 5, 8)
    assert "/2020/03/10/po-vs-cor/" in by_slug["po-vs-cor"].old_urls  # permalink: pretty
    assert result.files == ()


def test_page_bundle_publishes_its_images_with_the_article(site: Path) -> None:
    write_files(site / "seeds", {
        "posts/my-trip/index.md": "---\ntitle: My trip\n---\n![The view](view.png)\n\nWe went.\n",
        "posts/my-trip/view.png": b"\x89PNG\r\n\x1a\n",
        "posts/other.md": ("---\ntitle: Other\n---\n"
                           "See [the trip](my-trip/) and ![](/posts/my-trip/view.png)."),
    })
    assert main(["build", "-q"]) == 0
    output = site / "build"
    assert (output / "articles" / "my-trip" / "view.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    trip = parse_page(output / "articles" / "my-trip" / "index.html")
    assert "view.png" in trip.links
    other = parse_page(output / "articles" / "other" / "index.html")
    assert "../my-trip/index.html" in other.links and "../my-trip/view.png" in other.links
    assert (output / "posts" / "my-trip" / "index.html").is_file()  # Hugo's address redirects
    assert broken_links(output) == []


# --- Old addresses ------------------------------------------------------------------------


def test_old_addresses_redirect_to_the_article(site: Path) -> None:
    write_files(site / "seeds", {
        "_posts/2019-05-02-hello.md": ("---\ntitle: Hello\ncategories: News\n"
                                       "aliases: [/old/hello.html]\n---\nBody.\n"),
    })
    assert main(["build", "-q", "--base-url", "https://example.org/blog/"]) == 0
    output = site / "build"
    for old in ("news/2019/05/02/hello.html", "old/hello.html"):
        page = (output / old).read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in page
        assert '<link rel="canonical" href="https://example.org/blog/articles/hello/">' in page
        parser = parse_page(output / old)
        assert all((output / old).parent.joinpath(link).resolve() ==
                   (output / "articles/hello/index.html").resolve() for link in parser.links
                   if not link.startswith("http"))
    assert "news/2019" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert broken_links(output) == []


# --- Markdown -----------------------------------------------------------------------------


def test_footnotes_heading_ids_definition_and_task_lists(tmp_path: Path) -> None:
    article = only(tmp_path, (
        "# T\n\nA claim.[^note]\n\n## Why it matters {#why}\n\n## Second heading\n\n"
        "Term\n: Its definition\n\n- [x] done\n- [ ] to do\n\n{: .notice}\n\n"
        "See [why](#why).\n\n[^note]: The source.\n"))
    html = render_plain(article.text, article.layout)
    assert '<h2 id="why">Why it matters</h2>' in html and 'id="second-heading"' in html
    assert '<a href="#fn1" id="fnref1">[1]</a>' in html and 'id="fn1"' in html
    assert "<dt>Term</dt>" in html and "<dd>Its definition</dd>" in html
    assert 'type="checkbox"' in html and "checked" in html
    assert "{#" not in html and "{:" not in html and "[^" not in html
    assert "[1]" not in article.text and "The source." in article.text


def test_entity_highlights_stay_out_of_raw_tags_and_code(site: Path) -> None:
    write_files(site / "seeds", {"a.md": (
        "# Visit\n\n<figure><img src='https://example.org/x.png' alt='Tony Blair'>"
        "<figcaption>Tony Blair in London</figcaption></figure>\n\n"
        "Tony Blair met Gordon Brown in London. `Tony Blair` is code.\n\n"
        "<pre>Tony Blair</pre>\n")})
    assert main(["build", "-q"]) == 0
    page = (site / "build" / "articles" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'alt="Tony Blair"' in page  # an attribute is never highlighted
    assert re.search(r'<code>(<span id="e\d+"></span>)?Tony Blair</code>', page)  # nor is code
    assert "<pre>Tony Blair</pre>" in page
    assert "<figcaption><a class=\"hl hl-person\"" in page or "<figcaption><span class=\"hl" in page


# --- Liquid and shortcodes ----------------------------------------------------------------


def test_liquid_and_shortcodes_become_links_figures_and_code(site: Path, capsys) -> None:
    write_files(site / "seeds", {
        "_posts/2019-01-01-target.md": "---\ntitle: Target\n---\nThe target.\n",
        "images/a.png": b"png",
        "_posts/2019-01-02-source.md": (
            "---\ntitle: Source\n---\n"
            "![A]({{ site.baseurl }}/images/a.png) [t]({% post_url 2019-01-01-target %}) "
            "[l]({% link _posts/2019-01-01-target.md %}) [r]({{< ref \"2019-01-01-target.md\" >}}) "
            "[u]({{ \"/images/a.png\" | relative_url }})\n\n"
            "{% raw %}{{ kept }}{% endraw %}\n\n"
            "{{< figure src=\"/images/a.png\" caption=\"A caption\" >}}\n\n"
            "{% highlight python %}\nprint('{{ x }}')\n{% endhighlight %}\n\n"
            "Before {% include gallery.html %} after. {{< unknown thing >}}\n\n"
            "`{{ in code }}`\n"),
    })
    assert main(["build"]) == 0
    errors = capsys.readouterr().err
    assert "seeds/_posts/2019-01-02-source.md:14: the template tag '{% include gallery.html %}'" in errors
    assert "seeds/_posts/2019-01-02-source.md:14: the shortcode '{{< unknown thing >}}'" in errors
    output = site / "build"
    page = parse_page(output / "articles" / "source" / "index.html")
    body = page.text_of("body-text")
    assert "{{ kept }}" in body and "{{ in code }}" in body and "print('{{ x }}')" in body
    assert "{%" not in body and "{{<" not in body and "Before  after." in body
    assert page.links.count("../target/index.html") == 3 + 1  # and the "older" link below
    assert page.links.count("../../images/a.png") == 3
    html = (output / "articles" / "source" / "index.html").read_text(encoding="utf-8")
    assert "<figcaption>A caption</figcaption>" in html and 'class="language-python"' in html
    assert broken_links(output) == []
