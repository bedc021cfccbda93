"""Annotation with the real spaCy model: the sample article pinned exactly."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import REPO, SAMPLE

from sitegen.annotate import annotate_texts
from sitegen.cli import main
from sitegen.config import DEFAULT_MODEL
from sitegen.models import Annotations
from sitegen.read.plaintext import parse_plain


@pytest.fixture(scope="module")
def sample() -> tuple[str, Annotations]:
    text = parse_plain(SAMPLE.read_text(encoding="utf-8")).text
    (annotations,) = annotate_texts([text], DEFAULT_MODEL)
    return text, annotations


def test_sample_has_exactly_its_three_quotes(sample: tuple[str, Annotations]) -> None:
    text, annotations = sample
    quotes = [(q.text[:25], q.speaker, q.text.count("\n\n") + 1) for q in annotations.quotes]
    assert quotes == [
        ("“The virus knows no bound", "Xi Jinping", 3),
        ("“China is willing to cont", "Xi Jinping", 1),
        ("“Just finished a very goo", "Donald Trump", 2),
    ]
    for quote in annotations.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker_key == quote.speaker.lower().replace(" ", "-")
    he_said = annotations.quotes[1]
    assert he_said.speaker_span is not None
    assert text[slice(*he_said.speaker_span)] == "he"
    assert he_said.cue == "said"


def test_sample_has_its_two_people(sample: tuple[str, Annotations]) -> None:
    _, annotations = sample
    people = {(p.name, p.aliases) for p in annotations.people}
    assert people == {("Xi Jinping", ("Xi",)), ("Donald Trump", ("Trump",))}


def test_sample_figures(sample: tuple[str, Annotations]) -> None:
    _, annotations = sample
    assert [(f.text, f.value) for f in annotations.figures] == [
        ("85,505", 85505), ("81,782", 81782), ("1,290", 1290), ("3,291", 3291),
    ]
    # "China has 81,782" counts the cases elided after it; "stands at 1,290 and 3,291,
    # respectively" counts what the death toll counts.
    assert [f.counts for f in annotations.figures] == ["cases", "cases", "deaths", "deaths"]


def test_entity_offsets_point_at_their_text(sample: tuple[str, Annotations]) -> None:
    text, annotations = sample
    assert annotations.mentions
    for entity in annotations.mentions:
        assert text[entity.start : entity.end] == entity.text
    keys = {e.key for e in annotations.mentions}
    assert "xi-jinping" in keys and "xi" not in keys and "trump" not in keys


def test_paragraph_breaks_become_sentence_starts() -> None:
    import spacy

    from sitegen.annotate.nlp import paragraph_boundaries, paragraph_starts

    doc = spacy.blank("en")("One two.\n\nThree four.\nFive.")
    assert [doc[i].text for i in paragraph_starts(doc)] == ["Three", "Five"]
    paragraph_boundaries(doc)
    assert [t.text for t in doc if t.is_sent_start] == ["Three", "Five"]
    assert doc[1].is_sent_start is None  # the other tokens are left to the parser


def test_importing_the_annotator_registers_no_component() -> None:
    import subprocess
    import sys

    code = (
        "import sitegen.annotate.records, sitegen.annotate.nlp as nlp\n"
        "from spacy.language import Language\n"
        "before = Language.has_factory(nlp.PARAGRAPH_COMPONENT)\n"
        "nlp.register_components()\n"
        "print(before, Language.has_factory(nlp.PARAGRAPH_COMPONENT))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(("plural", "singular"), [
    ("viruses", "virus"), ("politics", "politics"), ("women", "woman"), ("taxes", "tax"),
    ("cases", "case"), ("stories", "story"), ("houses", "house"), ("series", "series"),
])
def test_subject_phrases_are_counted_in_the_singular(plural: str, singular: str) -> None:
    from sitegen.annotate.phrases import _singular

    class Plural:
        lower_ = plural
        tag_ = "NNS"

    assert _singular(Plural()) == singular  # type: ignore[arg-type]


SECOND_ARTICLE = (
    "Leaders speak again\n\n"
    "President Xi spoke to Mr Trump by phone on Friday about trade.\n\n"
    "\"We will work together,\" Xi said after the call.\n"
)
SCHEMAS = REPO / "docs" / "schema"


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_annotate_command_prints_the_json_the_build_writes(site, capsys) -> None:
    (site / "seeds" / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (site / "seeds" / "leaders.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    assert main(["annotate", "-q", f"seeds/{SAMPLE.name}", "seeds/leaders.txt"]) == 0
    record, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    article_schema = validator("article")
    for each in (record, second):
        article_schema.validate(each)
        assert "archive_entities" not in each  # the annotate stage knows no archive
    text = record["text"]
    assert not text.startswith(record["title"])  # the body only
    for entity in record["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"] and entity["key"]
    speakers = [(q["speaker"], q["speaker_key"]) for q in record["quotes"]]
    assert speakers == [("Xi Jinping", "xi-jinping")] * 2 + [("Donald Trump", "donald-trump")]
    for quote in record["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
    assert [f["text"] for f in record["figures"]][:2] == ["85,505", "81,782"]
    # In the second article alone, its people are "Xi" and "Trump".
    assert [(q["speaker"], q["speaker_key"]) for q in second["quotes"]] == [("Xi", "xi")]
    assert {p["key"] for p in second["people"]} == {"xi", "trump"}

    assert main(["build", "-q"]) == 0
    data = site / "build" / "data"
    for each in (record, second):
        built = json.loads((data / "articles" / f"{each['slug']}.json").read_text(encoding="utf-8"))
        article_schema.validate(built)
        # The annotate record, unchanged (but "source": relative to the content folder in a
        # build), and what its keys stand for in the archive beside it.
        assert each.pop("source").startswith("seeds/") and not built["source"].startswith("seeds/")
        assert {key: built[key] for key in each} == each
        assert set(built) - set(each) == {"source", "archive_entities"}
        for person in each["people"]:
            assert person["key"] in built["archive_entities"]
    built_second = json.loads((data / "articles" / f"{second['slug']}.json").read_text(encoding="utf-8"))
    resolved = {key: (ref["archive_key"], ref["name"], ref["url"])
                for key, ref in built_second["archive_entities"].items() if ref["label"] == "PERSON"}
    assert resolved == {"xi": ("xi-jinping", "Xi Jinping", "people/xi-jinping/"),
                        "trump": ("donald-trump", "Donald Trump", "people/donald-trump/")}
    people = json.loads((data / "people.json").read_text(encoding="utf-8"))
    validator("people").validate(people)
    assert {p["key"]: p["articles"] for p in people} == {"xi-jinping": 2, "donald-trump": 2}
    validator("topics").validate(json.loads((data / "topics.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(("text", "name", "description"), [
    ("Jean-Philippe Cotis, the OECD's chief economist, said growth would slow.", "Jean-Philippe Cotis",
     "the OECD's chief economist"),
    ("The 60m champion Jason Gardener won again in Birmingham.", "Jason Gardener", "60m champion"),
    ("NAO head Sir John Bourn said the figures were wrong.", "John Bourn", "NAO head"),
    ("Kevin Spacey, a double Oscar-winner, will run the theatre.", "Kevin Spacey", "a double Oscar-winner"),
    ("The director of public prosecutions, Ken Macdonald, said the case would go ahead.", "Ken Macdonald",
     "The director of public prosecutions"),
    ("Centers for Disease Control Director Thomas Frieden said the virus spread.", "Thomas Frieden",
     "Centers for Disease Control Director"),
    ("Bank of England governor Mervyn King spoke.", "Mervyn King", "Bank of England governor"),
    ("Elizabeth Holmes, the founder of the embattled blood-testing company Theranos, spoke.",
     "Elizabeth Holmes", "the founder of the embattled blood-testing company Theranos"),
])
def test_a_person_is_described_as_the_article_introduces_them(text: str, name: str, description: str) -> None:
    (annotations,) = annotate_texts([text], DEFAULT_MODEL)
    person = next(p for p in annotations.people if p.name == name)
    assert person.descriptions == (description,)


def test_a_surname_joins_the_person_not_a_place_named_after_them() -> None:
    # The model takes "Trump Tower" for a person; a lone "Trump" is Donald Trump's surname
    # (when he is named) or nobody's first name, never the tower's.
    named, unnamed = annotate_texts([
        "Donald Trump held a rally on Monday. Later Trump went back to Trump Tower, where Trump "
        "met donors. Trump Tower was busy. Trump said he was happy.",
        "Reporters waited outside Trump Tower all day. Trump Tower was closed. Trump said nothing, "
        "and Trump left by car.",
    ], DEFAULT_MODEL)
    forms = {p.name: p.aliases for p in named.people}
    assert forms["Donald Trump"] == ("Trump",) and forms.get("Trump Tower", ()) == ()
    assert all("Trump" not in p.aliases for p in unnamed.people)


def test_a_headline_ending_in_a_surname_is_no_person() -> None:
    (annotations,) = annotate_texts([
        "When the pope spoke, the headline writers had a field day (''Giuseppe Excommunicates Trump,'' "
        "declared a paper in Rome). Mr. Trump said he was unhappy. Trump left."], DEFAULT_MODEL)
    assert [p.name for p in annotations.people] == ["Trump"]


def test_an_employee_is_described_by_their_role() -> None:
    (annotations,) = annotate_texts([
        '"I like the new park," said Mary Boyle, 41, a hospital employee who moved downtown last year.'],
        DEFAULT_MODEL)
    assert [p.descriptions for p in annotations.people] == [("a hospital employee",)]


def test_the_subject_of_the_next_clause_is_no_apposition() -> None:
    (annotations,) = annotate_texts([
        "In an interview with Good Day hosts Tom Hardy and Ella Stone, the Democratic presidential "
        "candidate stated that the remarks were mean."], DEFAULT_MODEL)
    assert {p.name: p.descriptions for p in annotations.people} == {"Tom Hardy": (), "Ella Stone": ()}


def test_a_heading_that_starts_with_a_persons_name_is_that_person() -> None:
    (annotations,) = annotate_texts([
        "Donald Trump Leads In New Poll\n\nDonald Trump has a lead over his rivals, a poll found. Trump "
        "said he was pleased."], DEFAULT_MODEL)
    assert [(p.name, p.aliases) for p in annotations.people] == [("Donald Trump", ("Trump",))]


def test_a_work_named_before_its_star_or_author_is_no_person() -> None:
    (annotations,) = annotate_texts([
        "The cast has Helen Mirren and former James Bond star Pierce Brosnan. Harry Potter author "
        "JK Rowling liked it. Tony Blair aide Alastair Campbell did not."], DEFAULT_MODEL)
    people = {p.name: p for p in annotations.people}
    assert {"Pierce Brosnan", "JK Rowling", "Tony Blair", "Alastair Campbell"} <= set(people)
    for work in ("James Bond", "Harry Potter"):
        assert work not in people or dict(people[work].doubted).get("WORK_OF_ART", 0) >= 2, work
    assert not people["Tony Blair"].doubted


def test_a_name_a_which_clause_follows_reads_as_a_thing_and_one_listed_with_a_person_as_a_person() -> None:
    (annotations,) = annotate_texts([
        "Critics praised Mortimer Blake, which cost $7m to make and took $40m. Postcards by "
        "artists including Damien Hirst and Tracey Emin have sold."], DEFAULT_MODEL)
    people = {p.name: p for p in annotations.people}
    assert dict(people["Mortimer Blake"].doubted) == {"MISC": 1}  # a film named like a person
    assert people["Tracey Emin"].vouched >= 1 and not people["Tracey Emin"].doubted


def test_an_ampersand_name_is_a_firm_and_its_surname_the_person_of_the_article() -> None:
    (annotations,) = annotate_texts([
        "Trump cited Woody Johnson, an heir to the Johnson & Johnson fortune. Johnson served as "
        "finance chairman."], DEFAULT_MODEL)
    people = {p.name: p for p in annotations.people}
    assert "Johnson & Johnson" not in people and "Johnson" in people["Woody Johnson"].aliases


def test_a_royal_title_before_a_name_is_no_part_of_the_role() -> None:
    (annotations,) = annotate_texts([
        "Foreign Minister Prince Saud Al-Faisal has been reported as saying women may vote. "
        "Saud Al-Faisal spoke in Riyadh."], DEFAULT_MODEL)
    assert {p.name: p.descriptions for p in annotations.people}["Saud Al-Faisal"] == ("Foreign Minister",)
