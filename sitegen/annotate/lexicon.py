"""Every word list the annotator reads, each written once.

Pure data and two small helpers, no spaCy. Modules build their regexes from
these lists (with :func:`alternation`) and never keep a copy of their own.

Titles: one table, three kinds, one gender sub-table.

* ``HONORIFICS``: courtesy and clerical titles ("Mr", "Dame", "Baroness",
  "Cardinal"). A capitalised one makes the name after it a person's, and a
  sentence "Mr X said" after an unclosed quote is narration about its speaker.
* ``OFFICE_TITLES``: offices written with a capital before the holder's name
  ("President Xi", "Mayor Livingstone"). With the honorifics they vouch that a
  one-word name after them is a person.
* ``OTHER_TITLES``: further words that stand before a name without being part
  of it ("chief executive", "striker", "uncle"), matched ignoring case.
* ``TITLES``: all three, lower case: what :func:`clean_name` strips.
* ``TITLE_GENDER``: the titles that tell a person's gender, for "he"/"she".

Until this module, the titles were five hand-typed lists that disagreed. The
decision taken: every list of honorifics became ``HONORIFICS``, the union of
them. So "Baron", "Baroness" (before only in the name cleaner and the gender
lists) and "Mx" now also make a person and vouch for a one-word name, and
"Dame", "Professor", "Cardinal", "Archbishop", "Bishop", "Baron", "Baroness",
"Mx" now also mark narration. The office and other titles kept their roles.

Figure and number words (units, scales, month names) stay with the figure
reader in ``figures.py`` and ``numbers.py``: only it uses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so "chief executive"
    wins over "chief"), ties in alphabetical order for a stable pattern."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- titles ---------------------------------------------------------------------------------

HONORIFICS = _words(
    "Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baron Baroness Prof Professor Cardinal Archbishop Bishop"
)
# Not "Coach": British usage writes "England coach Andy Robinson", and "Coach Carter" is a film.
OFFICE_TITLES = _words(
    "President Minister Secretary Senator Chancellor Judge Justice Governor Mayor King Queen Prince "
    "Princess Pope Captain"
)
OTHER_TITLES = (
    "vice president", "prime minister", "deputy prime minister", "foreign secretary",
    "home secretary", "foreign minister", "chief secretary", "shadow chancellor",
    "shadow home secretary", "tory leader", "labour leader", "president-elect", "us president",
    "u.s. president", "chief executive",
    "sen", "rep", "representative", "gov", "justice", "general", "gen", "capt", "chief",
    "chairman", "chairwoman", "manager", "leader", "premier", "ambassador", "commissioner",
    "inspector", "detective", "sergeant", "constable", "superintendent", "officer", "reverend",
    "rev", "father", "st", "saint", "director", "spokesman", "spokeswoman", "striker",
    "midfielder", "defender", "goalkeeper", "boss", "treasurer", "editor", "uncle", "aunt",
    "auntie", "cousin", "mp", "mep", "msp", "peer",
)
TITLES = frozenset(t.lower() for t in HONORIFICS + OFFICE_TITLES) | frozenset(OTHER_TITLES)
MALE, FEMALE = "m", "f"
TITLE_GENDER = {
    **dict.fromkeys(_words("Mr Sir Lord Baron King Prince Father Cardinal"), MALE),
    **dict.fromkeys(_words("Mrs Ms Miss Lady Dame Baroness Queen Princess"), FEMALE),
}
PRONOUN_GENDER = {"he": MALE, "she": FEMALE}
# Role words that tell a person's gender ("the congresswoman", "Bush's wife Laura").
GENDERED_NOUNS = {
    **dict.fromkeys(_words(
        "man boy father son brother husband uncle nephew grandfather king prince businessman "
        "spokesman chairman congressman councilman sportsman actor lord duke emperor monk widower"
    ), MALE),
    **dict.fromkeys(_words(
        "woman girl mother daughter sister wife aunt niece grandmother queen princess businesswoman "
        "spokeswoman chairwoman congresswoman councilwoman sportswoman actress lady duchess empress "
        "nun widow"
    ), FEMALE),
}

# --- people, organisations, nationalities ---------------------------------------------------

# Common nouns that name a person by role; a definite one ("the judge") refers to the
# person the text is about. Deliberately not organisations or documents ("the report").
PERSON_NOUNS = frozenset(
    _words(
        """
    actor actress star singer songwriter rapper comedian presenter host musician artist
    director producer writer author novelist playwright poet editor columnist journalist
    reporter broadcaster judge magistrate lawyer barrister solicitor prosecutor attorney
    minister chancellor secretary president premier chairman chairwoman chairperson chief
    executive boss manager coach trainer player striker midfielder defender goalkeeper
    keeper captain champion holder winner athlete sprinter runner swimmer cyclist boxer
    golfer batsman bowler skipper officer spokesman spokeswoman spokesperson economist
    analyst expert researcher scientist professor academic doctor surgeon founder
    co-founder leader mayor governor senator mp mep candidate ambassador commissioner
    veteran campaigner activist organiser organizer businessman businesswoman entrepreneur
    tycoon billionaire millionaire head father mother son daughter wife husband brother
    sister man woman girl boy teenager co-chairman designer inventor creator
    developer consultant adviser advisor aide official diplomat envoy monarch king queen
    prince princess pope bishop priest teacher student widow victim witness member
    cardinal archbishop vicar rabbi imam chaplain nurse pilot soldier farmer
    moderator anchor pollster strategist nominee contender challenger incumbent frontrunner
    hopeful operative donor surrogate congressman congresswoman lawmaker legislator
    olympian paralympian medallist medalist employee worker retiree volunteer engineer lobbyist
    historian physician banker investor scholar lecturer clerk mechanic electrician plumber
    """
    )
)
# Names the model often tags as people that are parties, awards or prizes (lower case).
NOT_PEOPLE = frozenset(
    {
        "labour", "tory", "tories", "conservative", "conservatives", "lib dem", "lib dems",
        "liberal democrat", "liberal democrats", "democrat", "democrats", "republican", "republicans",
        "oscar", "oscars", "grammy", "grammys", "bafta", "baftas", "emmy", "emmys", "golden globe",
        "golden globes",
    }
)
# Last words that make a "person" an organisation or a place ("Dana Centre").
ORGANISATION_WORDS = frozenset(
    _words(
        """
    centre center bank group institute university college council committee association agency
    party club company corporation corp inc ltd plc llc foundation trust society union
    federation commission office department ministry court theatre theater hospital school
    airlines airways motors records studios games cup league prize awards festival street road
    house hall stadium museum square towers beach palace cathedral abbey gardens airport station
    brothers partners associates holdings ventures media labs systems technologies solutions
    consulting strategies network networks energy fuels coal grants caucus
    chair professorship scholarship fellowship lecture live harriers watch matter
    """
    )
)
# Nationalities written before a full name ("Russian Dmitriy Bogdanov"): not part of the name.
NATIONALITIES = _words(
    """
    American British English Scottish Welsh Irish French German Spanish Italian Portuguese Dutch
    Belgian Swiss Austrian Swedish Norwegian Danish Finnish Polish Czech Russian Ukrainian Greek
    Turkish Israeli Iranian Iraqi Afghan Pakistani Indian Chinese Japanese Korean Australian
    Canadian Mexican Brazilian Argentine Argentinian Jamaican Kenyan Ethiopian Nigerian Moroccan
    Algerian Egyptian Ugandan Ghanaian Zimbabwean Cuban Croatian Serbian Romanian Bulgarian Hungarian
    """
)


# Nouns for a person of a nation, written before a name ("Briton Tim Abeyie", "Scot Kathy Butler").
DEMONYMS = _words(
    """
    Briton Brit Scot Welshman Welshwoman Englishman Englishwoman Irishman Irishwoman Frenchman
    Frenchwoman Dutchman Dutchwoman Spaniard Swede Dane Finn Pole Turk Kiwi Aussie New Zealander
    Australian American Canadian Kenyan Ethiopian Jamaican Nigerian Russian German Italian
    """
)
# Words written before a surname that are never a first name: nations and sporting roles
# ("Olympian Tomlinson", "Briton Abeyie").
ROLE_PREFIXES = frozenset((*DEMONYMS, "Olympian", "Paralympian", "Sprinter", "Hurdler", "Athlete",
                           "Striker", "Midfielder", "Defender", "Goalkeeper", "Skipper", "Winger"))
# Words before a name that credit a picture or a handle, not a person ("Twitter @X", "Image: X").
CREDIT_WORDS = frozenset({"twitter", "image", "images", "photo", "photos", "picture", "credit",
                          "follow", "via", "getty", "reuters", "ap"})


# Common nouns for the things a name can be instead of a person, with the label each makes:
# "the film Dirty Dancing", "Robey Warshaw, a firm", "the Trump Turnberry golf course".
THING_NOUNS: dict[str, str] = {
    **dict.fromkeys(_words(
        "film movie documentary album song single show series sitcom drama musical opera play "
        "book novel memoir biography poem painting programme program"), "WORK_OF_ART"),
    **dict.fromkeys(_words(
        "firm company companies retailer chain brand business bank band team club network channel "
        "newspaper magazine website site blog agency studio label publisher fund charity"), "ORG"),
    **dict.fromkeys(_words("course resort hotel casino tower building stadium"), "FAC"),
    **dict.fromkeys(_words("console phone device products product app software"), "PRODUCT"),
}


# People named by the work they made or star in: "James Bond star Pierce Brosnan", "Harry Potter
# author JK Rowling" (the first name is the work's).
WORK_ROLES = frozenset(_words(
    "star co-star author creator actor actress director producer writer novelist composer "
    "screenwriter illustrator"))


def is_person_word(word: str) -> bool:
    """Whether a lower-case word names a person by role: "judge", or a hyphenated
    role whose last part does ("co-founder", "vice-captain")."""
    return word in PERSON_NOUNS or word.rsplit("-", 1)[-1] in PERSON_NOUNS


# --- speech ---------------------------------------------------------------------------------


def inflect(base: str) -> set[str]:
    """The regular forms of a verb: "say" → say, says, sayed, saying (irregulars added apart)."""
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("s", "sh", "ch", "x")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


# Verbs that introduce or attribute direct speech. Matched by form (the lemmatizer is left
# out for speed) and only when tagged as a verb.
_SPEECH_BASES = _words(
    """
    say tell add ask tweet write explain insist warn claim argue state declare note reply
    continue admit announce comment confirm predict stress suggest urge believe describe
    recall joke acknowledge agree complain concede conclude observe promise remark reveal
    shout cry vow boast quip confess counter intimate maintain respond retort reiterate
    emphasise emphasize deny caution accept sigh laugh muse protest plead demand concur
    recount lament enthuse yell chant scream exclaim bark mock snap interject gush rave answer
    report proclaim sing assure
    """
)
_IRREGULAR_SPEECH_FORMS = frozenset(
    _words("said told wrote written thought think thinks thinking admitted admitting quipped quipping "
           "sang sung")
)
SPEECH_VERBS = frozenset(
    {form for base in _SPEECH_BASES for form in inflect(base)} | _IRREGULAR_SPEECH_FORMS
)
# Verbs that attribute speech with their particle ("she went on", "Trump shot back").
PHRASAL_SPEECH_VERBS = {
    **{form: "on" for form in inflect("go") | {"went", "gone"}},
    **{form: "back" for form in inflect("shoot") | inflect("fire") | {"shot"}},
    **{form: "out" for form in inflect("point")},
    **{form: "in" for form in inflect("chime") | inflect("weigh")},
    **{form: "it" for form in {"put", "puts", "putting"}},
}
# Speech verbs whose object is the listener ("telling reporters", "asked the crowd").
LISTENER_VERBS = frozenset(
    form for base in _words("tell ask urge assure remind inform thank warn") for form in inflect(base)
) | frozenset(_words("told"))
# The forms that, after "Mr Smith", show a sentence is narration about a speaker, not
# speech: the common reporting verbs the rule was written and checked with, a subset of
# SPEECH_VERBS (widening it would change where unclosed quotes end).
NARRATION_VERBS = _words("said says added told explained argued insisted warned believes thinks")

# Verbs whose object is a name or a state, never something said: a capitalised quote right
# after one is a title or a slogan ("the slogan is “I'm with her”"), not direct speech.
NAMING_VERBS = frozenset(
    _words("is are was were be been being has have had do does did titled entitled called named dubbed")
)

# --- figures: what they count ----------------------------------------------------------------

# Nouns of change: a figure of one says how much of what follows ("a 40% drop in profits").
CHANGE_NOUNS = frozenset(
    form for base in _words("rise fall drop increase decrease cut jump gain decline growth slump surge")
    for form in (base, base + "s")
)
# Nouns of measure: a figure of one counts what they measure ("the number of hotspots",
# "growth forecasts", "forecasts for growth").
MEASURE_NOUNS = frozenset(
    form for base in _words("number total count forecast figure estimate tally level")
    for form in (base, base + "s")
)
# A toll counts the plural of its modifier ("the death toll" counts deaths).
TOLL_NOUNS = frozenset(_words("toll tolls"))
# Verbs whose object figure is a measure of their subject ("turnover was up 4.3%",
# "the toll stands at 1,290", "forecasts were scaled back to 4%").
MEASURE_VERBS = frozenset(
    form
    for base in _words(
        "rise fall grow reach stand stay remain climb drop increase decrease jump slip slide soar "
        "plunge decline total hit top exceed double halve cut raise scale close end number amount "
        "come set average peak hover rank"
    )
    for form in inflect(base)
) | frozenset(_words("rose risen fell fallen grew grown stood came be is are was were been being"))
# Verbs whose money or count is a thing of its own ("lent Russia $6bn" is a loan).
MONEY_VERB_NOUNS = {
    **dict.fromkeys(inflect("cost"), "cost"),
    **dict.fromkeys(inflect("spend") | {"spent"}, "spending"),
    **dict.fromkeys(inflect("fine"), "fine"),
    **dict.fromkeys(inflect("lend") | {"lent"} | inflect("borrow"), "loan"),
    **dict.fromkeys(inflect("pay") | {"paid"}, "payment"),
    **dict.fromkeys(inflect("invest"), "investment"),
    **dict.fromkeys(inflect("earn"), "earnings"),
    **dict.fromkeys(inflect("donate"), "donation"),
    **dict.fromkeys(inflect("owe"), "debt"),
    **dict.fromkeys(inflect("die") | {"died", "dying"} | inflect("kill"), "deaths"),
    **dict.fromkeys(inflect("injure"), "injuries"),
}
# Verbs of sale: "sold for $9.3bn" is the price of what was sold.
SALE_VERBS = frozenset(
    form for base in _words("sell buy auction acquire") for form in inflect(base)
) | frozenset(_words("sold bought"))

# --- function words -------------------------------------------------------------------------

INDEFINITE_DETERMINERS = frozenset(_words("a an another one some any no"))
DEFINITE_DETERMINERS = frozenset(_words("the this that"))
# Words of a description that say nothing about the role ("the former chairman" is a chairman).
DESCRIPTION_STOP_WORDS = frozenset(_words("the this that a an of 's his her its former ex"))
# Words that never make a key noun phrase of their own, or never add to one.
PHRASE_STOP_WORDS = frozenset(
    _words(
        """
    a an the this that these those his her its their our my your some any many much more most
    other such no every each all both which what who whom whose it he she they we i you us them
    him me one ones lot lots part way thing things people time times year years day days
    """
    )
)
# Adjectives that say how big, new or important a thing is, not what it is: a phrase keeps
# its noun without them ("top triple jumper" is a triple jumper, "new rule" a rule).
PHRASE_VAGUE_MODIFIERS = frozenset(
    _words(
        """
    new old big small large good bad great high low long short last next first second third top
    former recent current major key main real full whole same different own only certain possible
    likely further early late previous final little huge strong serious several various particular
    important general senior junior young overall total latest future past present extra special
    potential actual similar usual common wide broad vast tiny massive significant
    """
    )
)
IRREGULAR_PLURALS = {
    "women": "woman", "men": "man", "children": "child", "people": "people", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "data": "data", "series": "series", "species": "species",
    "caucuses": "caucus", "buses": "bus", "crises": "crisis", "analyses": "analysis",
}
