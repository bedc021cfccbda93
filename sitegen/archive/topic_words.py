"""The word tables topics are chosen with: pure data, read by ``topic_names`` and ``topic_entities``.

Kept apart from the rules so that each table can be read (and argued with) on its own. The
rules that decide what is generic are measured on the archive (``topic_subjects``); these
tables only say what the words of English and of news writing are.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One thing, many names: the common ones, as name keys (``topic_names.name_key``) → one key.
# An archive adds its own through "Long Name (ABBR)" in its text and ``[topics]``.
VARIANTS: dict[str, str] = {
    **dict.fromkeys(("us", "usa", "united states", "united states of america", "america"), "us"),
    **dict.fromkeys(("uk", "united kingdom", "britain", "great britain"), "uk"),
    **dict.fromkeys(("un", "united nations"), "un"),
    **dict.fromkeys(("eu", "european union"), "eu"),
    **dict.fromkeys(("nato", "north atlantic treaty organization"), "nato"),
    **dict.fromkeys(("gop", "republican", "grand old party"), "republican"),
    **dict.fromkeys(("democrat", "democratic"), "democratic"),
    **dict.fromkeys(("lib dem", "liberal democrat"), "liberal democrat"),
    **dict.fromkeys(("tory", "conservative"), "conservative"),
    **dict.fromkeys(("olympic", "olympic game", "olympiad"), "olympic"),
    **dict.fromkeys(("oscar", "academy award"), "oscar"),
    **dict.fromkeys(("isis", "isil", "islamic state", "islamic state of iraq and syria",
                     "islamic state of iraq and the levant"), "isis"),
    **dict.fromkeys(("house of representative", "us house"), "house"),
    **dict.fromkeys(("dc", "washington dc", "district of columbia"), "washington"),
    **dict.fromkeys(("fed", "federal reserve", "us federal reserve"), "federal reserve"),
}

# US states as news writing abbreviates them (AP style: "Fla.", "N.H.", "R-Ky."), as name
# keys. Left out: the ones that are also words or other bodies' initials ("Mass.", "Miss.",
# "Ill.", "Ind.", "Del.", "Ore.", "Wash.", "La." for LA, "Pa." for PA, "Va." for the VA, "Ga.",
# "Mo.", "Me.").
STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "fla": "florida", "kan": "kansas", "ky": "kentucky", "md": "maryland",
    "mich": "michigan", "minn": "minnesota", "mont": "montana", "neb": "nebraska", "nev": "nevada",
    "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york",
    "nc": "north carolina", "nd": "north dakota", "okla": "oklahoma", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tenn": "tennessee", "vt": "vermont",
    "wis": "wisconsin", "wyo": "wyoming", "w va": "west virginia", "wva": "west virginia",
}
VARIANTS.update(STATE_ABBREVIATIONS)

# Names that are never topics whatever their label: time zones ("all times Eastern Standard
# Time"), as name keys.
TIME_ZONES = _words("gmt bst utc est edt cst cdt mst mdt pst pdt cet cest")
TIME_ZONE_ENDINGS = ("standard time", "daylight time", "summer time", "mean time", "eastern time",
                     "central time", "pacific time", "mountain time", "european time")
# Faiths are subjects an archive follows, never organisations ("radical Islam").
FAITHS = _words("islam christianity judaism hinduism buddhism sikhism catholicism protestantism "
                "mormonism evangelicalism atheism")

# Words that are written in capitals in a section folder's title ("usa-today" → "USA Today");
# a word with no vowel is one too ("nyt"), and so is one the section's articles write so.
ACRONYMS = _words("usa us uk eu un abc ap afp npr itv uae nhs nasa fifa uefa nfl nba bbc cbs ceo "
                  "ai it tv gop")

# A trailing word that only says what sort of body a name is ("Labour Party" is Labour).
ORGANISATION_SUFFIXES = _words("party inc ltd plc corp corporation co company group limited llc "
                               "fc afc rfc cf club holdings")
# A leading word naming the country a body belongs to: "US Congress" is Congress when the
# archive has a Congress, "US Open" stays itself.
COUNTRY_PREFIXES = ("us ", "uk ", "united states ", "british ", "american ")

# A last word that names one arm of a brand: "Fox News" and "Fox", "Mitsubishi Motors" and
# "Mitsubishi" are one topic, the one in more articles.
BRAND_ARMS = _words("news channel network tv television radio motors airways airlines corporation "
                    "sport sports online media studios entertainment records")

# The last word of an event's name ("European Indoor Championships", "Australian Open").
EVENT_HEADS = _words("championship championships games olympics olympic cup tournament festival "
                     "awards award prix marathon trophy open series summit final finals "
                     "paralympics grammys grammy emmys emmy baftas bafta oscars oscar globes "
                     "convention caucus caucuses primary primaries debate debates election elections "
                     "referendum war")
# The names a page for a thing of the table is shown by, when the archive uses them: never the
# informal or adjectival ones ("America", "Olympic"), which are only found by.
SHOWN_NAMES: dict[str, tuple[str, ...]] = {
    "us": ("US", "U.S.", "United States"), "uk": ("UK", "U.K.", "United Kingdom"),
    "olympic": ("Olympics", "Olympic Games"), "oscar": ("Oscars", "Academy Awards"),
    "republican": ("Republican Party", "Republicans"),
    "democratic": ("Democratic Party", "Democrats"), "liberal democrat": ("Liberal Democrats", "Lib Dems"),
    "conservative": ("Conservative Party", "Conservatives", "Tories"),
}

# British spellings and their American forms, word by word (a name key uses one of them).
SPELLINGS: dict[str, str] = {
    "programme": "program", "programmes": "programs", "labour": "labor", "colour": "color",
    "favour": "favor", "honour": "honor", "behaviour": "behavior", "neighbour": "neighbor",
    "harbour": "harbor", "humour": "humor", "rumour": "rumor", "flavour": "flavor",
    "armour": "armor", "tumour": "tumor", "vigour": "vigor", "endeavour": "endeavor",
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter", "fibre": "fiber",
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "analyse": "analyze", "paralyse": "paralyze", "catalogue": "catalog", "dialogue": "dialog",
    "travelled": "traveled", "travelling": "traveling", "traveller": "traveler",
    "cancelled": "canceled", "modelling": "modeling", "labelled": "labeled", "fuelled": "fueled",
    "counsellor": "counselor", "jewellery": "jewelry", "tyre": "tire", "grey": "gray",
    "plough": "plow", "draught": "draft", "aluminium": "aluminum", "mould": "mold",
    "sceptic": "skeptic", "sceptical": "skeptical", "ageing": "aging", "judgement": "judgment",
    "fulfil": "fulfill", "enrol": "enroll", "skilful": "skillful", "manoeuvre": "maneuver",
    "paediatric": "pediatric", "anaemia": "anemia", "oestrogen": "estrogen", "foetus": "fetus",
    "leukaemia": "leukemia", "diarrhoea": "diarrhea", "encyclopaedia": "encyclopedia",
    "aeroplane": "airplane", "pyjamas": "pajamas", "cheque": "check", "kerb": "curb",
}
# Word endings spelt "-ise" in British and "-ize" in American English ("organisation").
ISE_ENDINGS = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
               ("ises", "izes"), ("ising", "izing"), ("yse", "yze"), ("ysed", "yzed"))

# Cues in the words around a mention that say how it is used.
# Before an outlet cited as a source: "told the BBC", "in an interview with CNN".
SOURCE_BEFORE_PHRASES = (
    "told", "tells", "telling", "speaking to", "talking to", "according to", "interview with",
    "interviews with", "interviewed by", "quoted by", "quoted in", "reported by", "writing in",
    "wrote in", "wrote for", "writes in", "appearing on", "appeared on", "speaking on", "op-ed in",
    "column in", *(f"{poll} {by}" for poll in ("poll", "polls") for by in ("by", "for", "from", "of")),
    "survey by", "survey for", "survey of", "conducted by", "conducted for", "count by",
    "tally by", "obtained by", "published by", "provided to", "released to", "leaked to",
    "shared with", "confirmed to", "reported to", "hosted by", "broadcast by", "aired on",
    "airs on", *(f"{word} on" for word in (
        "said", "says", "saying", "appeared", "appears", "appearance", "speaking", "spoke",
        "interview", "interviewed", "tweeted", "wrote", "interviews", "segment", "remarks")),
)
SOURCE_BEFORE = "(?:" + "|".join(SOURCE_BEFORE_PHRASES) + ")"
# After one: "the AP reported", "a CNN/ORC poll", "the BBC News website".
SOURCE_AFTER = (r"(?:reported|reports|reporting|poll|polls|polling|survey|exit poll|website|"
                r"interview|reporter|reporters|correspondent|correspondents|anchor|host|columnist|"
                r"contributor|analysis|programme|program|show|broadcast|podcast|editorial|"
                r"op-ed|debate|debates|writer|writers|article|story|account|count|tally|"
                r"investigation|report|reports|photographer|video|footage|segment|panel|"
                r"town hall|quoted|coverage|contributor|commentator|pundit|/)")
# A role after a name says whose it is ("Dallas Mavericks owner Mark Cuban", "the Vermont
# senator"): the mention describes a person, the article is not about the name.
ROLE_AFTER = _words(
    "owner owners chief boss bosses founder co-founder chairman chairwoman president ceo executive "
    "executives spokesman spokeswoman spokesperson analyst analysts economist economists official "
    "officials veteran veterans alumnus graduate professor researcher researchers director lawyer "
    "employee employees worker workers staffer staffers senator senators governor congressman "
    "congresswoman lawmaker lawmakers legislator legislators mayor delegate delegates native "
    "resident residents representative rep secretary minister ambassador attorney judge "
    "manager coach player players striker midfielder defender goalkeeper keeper winger captain "
    "forward chairman star stars fan fans supporters")
# Words around a place name that show it is a sports club ("Liverpool striker", "beat Leeds").
CLUB_AFTER = _words("manager boss coach player players striker midfielder defender goalkeeper "
                    "keeper winger captain squad side team fans supporters chairman youngster "
                    "forward academy reserves")
CLUB_BEFORE_PHRASES = (
    "beat", "beats", "beating", "against", "versus", "vs", "v", "signed for", "signs for",
    "played for", "plays for", "scored for", "loan at", "loan to", "move to", "joined", "joins",
    "draw with", "drew with", "lost to", "defeat", "defeated", "knocked out", "host", "hosts",
    "visit", "visits")
CLUB_BEFORE = "(?:" + "|".join(CLUB_BEFORE_PHRASES) + ")"
# Words before a name that show it is a work ("the film Sideways", "the novel Vera").
WORK_BEFORE = _words("film films movie movies drama comedy thriller documentary novel novels book "
                     "books album albums single song songs play musical opera series sitcom show "
                     "musical biopic")
# Countries (and the nations of the UK): their national teams play too, but a country's name
# is filed as a place, never as a club.
COUNTRIES = frozenset({
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia",
    "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium",
    "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana", "brazil", "brunei", "bulgaria",
    "burkina faso", "burundi", "cambodia", "cameroon", "canada", "chad", "chile", "china",
    "colombia", "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic", "denmark",
    "djibouti", "dominica", "dominican republic", "ecuador", "egypt", "el salvador", "eritrea",
    "estonia", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany",
    "ghana", "greece", "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras", "hungary",
    "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "ivory coast",
    "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kosovo", "kuwait", "kyrgyzstan", "laos",
    "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg",
    "macedonia", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania",
    "mauritius", "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "burma", "namibia", "nepal", "netherlands", "holland", "new zealand", "nicaragua",
    "niger", "nigeria", "north korea", "norway", "oman", "pakistan", "palestine", "panama",
    "papua new guinea", "paraguay", "peru", "philippines", "poland", "portugal", "qatar",
    "romania", "russia", "rwanda", "samoa", "saudi arabia", "senegal", "serbia", "sierra leone",
    "singapore", "slovakia", "slovenia", "somalia", "south africa", "south korea", "korea",
    "spain", "sri lanka", "sudan", "suriname", "swaziland", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga", "trinidad", "tunisia",
    "turkey", "turkmenistan", "uganda", "ukraine", "united arab emirates", "uruguay", "uzbekistan",
    "venezuela", "vietnam", "yemen", "zambia", "zimbabwe", "england", "scotland", "wales",
    "northern ireland", "britain", "great britain", "united kingdom", "uk", "us", "usa",
    "united states", "america",
})
# Nouns of news writing that say what kind of thing happened, not what it was about: a single
# one is never a subject ("report", "plan", "deal"); in a phrase it may be ("trade deal").
GENERIC_NOUNS = _words(
    """
    report plan deal case issue question problem number figure part side hope take group state
    country world nation government company firm business campaign support effort point place
    fact idea thing way time year day week month end start move step change decision statement
    comment claim call talk talks meeting event record result performance title role work life
    home family friend lot kind sort type form list level rate share sale price cost money cash
    deal system service project programme program data information source story news word name
    term detail version release action order rule power right future past history chance risk
    threat fear concern problem challenge opportunity success failure win defeat victory loss
    lead letter investigation evidence allegation lawsuit deadline fall rise speech passenger
    team season match game race tour round final spokesman official critic rival winner
    majority minority other something anything everything nothing someone everyone people
    city area region site website line report view position situation process reason effect
    impact response attempt pressure interest control attention use access office head body
    member leader leadership authority department agency board unit network market industry
    sector figure total amount percent percentage half quarter third
    """
)
