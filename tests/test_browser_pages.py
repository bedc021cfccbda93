"""Pages readers want (issue 18) in a real browser: the figures table's sort and filter,
highlight labels, highlight colours, page numbers and search in dark mode.

Uses the fixtures of ``test_browser`` (Debian's chromium, the test archive over HTTP).
"""

from __future__ import annotations

import re
from itertools import combinations

import pytest
from test_browser import ARTICLE, KINDS, _rgb, base_url, browser, contrast, goto, page, site

pytestmark = pytest.mark.browser
__all__ = ["base_url", "browser", "page", "site"]  # fixtures, used by name


def test_the_figures_table_sorts_and_filters_without_a_server(page, base_url: str) -> None:
    goto(page, base_url, "figures/index.html")
    rows = page.locator("#figures tbody tr")
    total = rows.count()
    assert total >= 6
    page.get_by_role("button", name="Value").click()
    assert page.locator("th:has(button:text('Value'))").get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in page.locator("#figures tbody td.number[data-value]").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-value'))")]
    assert values == sorted(values)
    page.get_by_role("button", name="Value").click()
    assert page.locator("th:has(button:text('Value'))").get_attribute("aria-sort") == "descending"
    page.get_by_label("Kind").select_option("PERCENT")
    visible = page.locator("#figures tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("percentage" in t.lower() for t in visible.all_inner_texts())
    page.get_by_label("Kind").select_option("")
    page.get_by_label("Filter").fill("Sony")
    assert page.locator("#figures tbody tr:not([hidden])").count() >= 1
    assert re.match(r"\d+ of \d+ rows shown", page.locator(".table-tools .shown").inner_text())


def test_a_highlight_says_what_it_is_on_hover_and_keyboard_focus(page, base_url: str) -> None:
    goto(page, base_url, ARTICLE)
    link = page.locator("#body-text a.hl-person").first
    link.focus()
    label = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert label == '"Gordon Brown · person · opens their page"'
    figure = page.locator("#body-text .hl-figure").first
    figure.hover()
    assert "money" in figure.evaluate("e => getComputedStyle(e, '::after').content")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_highlight_has_its_own_colour(page, base_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    goto(page, base_url, ARTICLE)
    colours = {kind: _rgb(page.evaluate(f"""() => {{
        const e = document.createElement('span'); e.style.background = 'var(--{kind})';
        document.body.append(e); const c = getComputedStyle(e).backgroundColor; e.remove();
        return c; }}"""))[:3] for kind in (*KINDS, "other")}
    for (one, first), (other, second) in combinations(colours.items(), 2):
        distance = sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) ** 0.5
        assert distance > 30, f"{scheme}: {one} {first} and {other} {second} look alike"


def test_page_numbers_lead_to_their_page_and_mark_the_current_one(page, base_url: str) -> None:
    goto(page, base_url, "index.html")
    current = page.locator(".pagination [aria-current=page]")
    assert current.inner_text().endswith("1")
    page.locator(".pagination").get_by_role("link", name=re.compile(r"^Page 2")).click()
    page.wait_for_url(re.compile(r"/page/2/"))
    assert page.locator(".pagination [aria-current=page]").inner_text().endswith("2")
    assert "newest first" in page.locator(".pagination .page-number").inner_text()


def test_search_in_dark_mode_is_readable_with_one_box_and_one_title(page, base_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    goto(page, base_url, "search/index.html?q=budget")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    assert page.locator("input[type=search]:visible, input.pagefind-ui__search-input:visible").count() == 1
    background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3]
    for selector in (".pagefind-ui__result-link", ".pagefind-ui__result-excerpt",
                     ".pagefind-ui__message", ".pagefind-ui__filter-name"):
        for colour in page.locator(selector).evaluate_all(
                "nodes => nodes.map(n => getComputedStyle(n).color)"):
            ratio = contrast(_rgb(colour)[:3], background)
            assert ratio >= 4.5, f"{selector}: {colour} is {ratio:.2f}:1"
    for result in page.locator(".pagefind-ui__result").all():
        titles = [t.strip() for t in result.locator(".pagefind-ui__result-title").all_inner_texts()]
        assert titles and titles.count(titles[0]) == 1, titles


def _filter_rows(page, name: str) -> list[tuple[str, int]]:
    """The (value, count) rows the search page's filter group ``name`` shows, in order."""
    group = page.locator("details.pagefind-ui__filter-block", has=page.locator(
        ".pagefind-ui__filter-name", has_text=re.compile(f"^{name}$", re.IGNORECASE)))
    shown = group.locator(".pagefind-ui__filter-value").evaluate_all(
        "rows => rows.map(row => [row.querySelector('label').textContent, row.querySelector('input').value])")
    rows = []
    for label, value in shown:
        match = re.fullmatch(r"(.+) \((\d+)\)", label.strip())
        assert match and match[1] == value, (label, value)  # each row's box is its own
        rows.append((match[1], int(match[2])))
    return rows


def _assert_sorted_by_count(rows: list[tuple[str, int]]) -> None:
    assert rows and all(count > 0 for _, count in rows), rows  # no "(0)" rows
    assert rows == sorted(rows, key=lambda row: (-row[1], row[0].casefold())), rows


@pytest.mark.parametrize("mover", ["moveBefore", "appendChild"])
def test_search_filters_are_sorted_by_count_and_a_filter_narrows_the_results(
        page, base_url: str, mover: str) -> None:
    from playwright.sync_api import expect

    if mover == "appendChild":  # a browser without moveBefore, which keeps focus on a move
        page.add_init_script("delete Element.prototype.moveBefore")
    # "rise" is in two articles: the topic both share (economy) comes after Politics in
    # Pagefind's own order, so an unsorted list shows it second.
    goto(page, base_url, "search/index.html?q=rise")
    assert page.evaluate("'moveBefore' in Element.prototype") == (mover == "moveBefore")
    results = page.locator(".pagefind-ui__result")
    results.first.wait_for(timeout=15_000)
    before = results.count()
    assert before >= 2
    for summary in page.locator(".pagefind-ui__filter-name").all():
        summary.focus()
        page.keyboard.press("Enter")  # a filter group opens from the keyboard
    people, topics = _filter_rows(page, "person"), _filter_rows(page, "topic")
    _assert_sorted_by_count(people)
    _assert_sorted_by_count(topics)
    assert len(people) >= 2 and topics[0][1] > topics[-1][1]

    # Tick, from the keyboard, the first topic of fewest articles: fewer results, the list
    # still sorted, and the box keeps its focus and its tick as its row moves to the top.
    fewest = topics[-1][1]
    value = next(name for name, count in topics if count == fewest)
    box = page.locator(f".pagefind-ui__filter-checkbox[name=topic][value='{value}']")
    box.focus()
    page.keyboard.press("Space")
    expect(results).to_have_count(fewest, timeout=15_000)
    assert results.count() < before
    after = _filter_rows(page, "topic")
    _assert_sorted_by_count(after)
    assert after[0] == (value, fewest) != topics[0]  # every result has it: its row moved up
    assert box.is_checked()
    assert box.evaluate("element => element === document.activeElement")
    _assert_sorted_by_count(_filter_rows(page, "person"))
    box.click()  # a pointer click takes the filter off again
    expect(results).to_have_count(before, timeout=15_000)
    assert _filter_rows(page, "topic") == topics

    # Another search brings back rows the first one hid (no "(0)" shown), sorted as well.
    page.locator(".pagefind-ui__search-input").fill("said")
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^3 results"), timeout=15_000)
    people = _filter_rows(page, "person")
    _assert_sorted_by_count(people)
    assert len(people) == 4
    _assert_sorted_by_count(_filter_rows(page, "topic"))


def test_a_search_from_the_address_counts_filters_of_every_part_on_a_slow_connection(
        page, base_url: str) -> None:
    """Pagefind's UI would run the ?q= search before the filters of every part had loaded."""
    import time

    def counted(path: str) -> list[list[tuple[str, int]]]:
        goto(page, base_url, path)
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")
        return [_filter_rows(page, "person"), _filter_rows(page, "topic")]

    served = counted("search/index.html?q=rise")

    def slowly(route) -> None:
        time.sleep(0.3)  # each filter file of each part comes late (the browser waits)
        route.continue_()

    page.route("**/filter/*.pf_filter", slowly)
    assert counted("search/index.html?q=rise") == served
    assert sum(count for _, count in served[1]) > len(served[1])  # a value in both results


def test_a_term_typed_while_the_filters_load_is_not_replaced_by_the_one_in_the_address(
        page, base_url: str) -> None:
    from playwright.sync_api import expect

    held: list = []
    released = False

    def hold(route) -> None:  # the filter files wait until let go
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/filter/*.pf_filter", hold)
    goto(page, base_url, "search/index.html?q=rise")
    box = page.locator(".pagefind-ui__search-input")
    expect(box).to_have_value("rise")  # the term is there before the search runs
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    box.fill("said")
    message = page.locator(".pagefind-ui__message")
    expect(message).to_have_text(re.compile(r"results? for said"), timeout=15_000)
    released = True
    for route in held:
        route.continue_()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # past the UI's 300 ms debounce
    expect(box).to_have_value("said")
    expect(message).to_have_text(re.compile(r"results? for said"))
