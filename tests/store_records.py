"""Hand-made articles and findings for the store, report and export tests.

They stand for what the NLP stages give (entities, places, quotes, dates, events with
actors, places and evidence), so those tests do not depend on the stages being built.
The wire copy was written for these tests.

The world they describe, in March 2025:
- a Reuters story from Ankara (a meeting of defence ministers, a drone strike near
  Manbij) and a reprint of it by another site with its own headline and furniture;
- an AFP story on the same drone strike near Manbij (another story, same event);
- an AP story of a strike in Aleppo on the same day (80 km away: another event) and a
  strike near Manbij three days later (another event);
- a Kenyan deployment to Haiti, with a denied withdrawal (negated: never counted).
"""

from __future__ import annotations

from eventwire.dedup import NearDuplicateIndex
from eventwire.records import (
    ActorRef,
    Article,
    Caption,
    Entity,
    Event,
    EventPlace,
    EventTime,
    Findings,
    Mention,
    Paragraph,
    Place,
    Quote,
    TextSpan,
    TimeExpr,
)

MANBIJ = ("Manbij", "SYR", 36.5281, 37.9549, "geonames:166365")
ALEPPO = ("Aleppo", "SYR", 36.2021, 37.1343, "geonames:170063")
ANKARA = ("Ankara", "TUR", 39.9199, 32.8543, "geonames:323786")
PORT_AU_PRINCE = ("Port-au-Prince", "HTI", 18.5392, -72.335, "geonames:3718426")

TURKEY_GOV = ActorRef("Türkiye", "TUR", "GOV", "e1")
GULER = ActorRef("Yasar Guler", "TUR", "GOV", "e2")
ABU_QASRA = ActorRef("Murhaf Abu Qasra", "SYR", "GOV", "e3")
TURKISH_DRONES = ActorRef("Turkish forces", "TUR", "MIL", "e4")
SDF = ActorRef("Syrian Democratic Forces", "SYR", "REB", "e5")
KENYA = ActorRef("Kenya", "KEN", "GOV", "e1")
HAITI = ActorRef("Haiti", "HTI", "GOV", "e2")

ANKARA_BODY = (
    "ANKARA (Reuters) - Turkish Defence Minister Yasar Guler met his Syrian counterpart Murhaf Abu "
    "Qasra in Ankara on Monday to discuss training for Syria's new army, the ministry said.\n\n"
    "“We will stand by the Syrian people as they rebuild their armed forces,” Guler told reporters "
    "after the meeting.\n\n"
    "Turkish drones struck positions of the Kurdish-led Syrian Democratic Forces near Manbij on "
    "Sunday, a war monitor said. The SDF said two of its fighters were wounded.\n\n"
    "Ankara regards the SDF's main component as an extension of militants it has fought for decades."
)
REPRINT_BODY = ANKARA_BODY + "\n\nRead more: Syria's new army takes shape, one brigade at a time"
AFP_BODY = (
    "MANBIJ, Syria (AFP) - A Turkish drone strike on Sunday hit a position of the Syrian Democratic "
    "Forces on the edge of Manbij, wounding two fighters, the Kurdish-led group said.\n\n"
    "“The occupation state keeps bombing our villages while it talks of peace,” SDF spokesman Farhad "
    "Shami said.\n\n"
    "Residents said the strike hit a farm building used by the fighters east of the town."
)
AP_BODY = (
    "ALEPPO, Syria (AP) - Turkish forces shelled an SDF checkpoint on the northern edge of Aleppo on "
    "Sunday, the group said, in the second attack of the day.\n\n"
    "Turkish drones struck SDF positions near Manbij again on Wednesday, the monitor said, hours after "
    "a ceasefire call by the United Nations.\n\n"
    "“There can be no military solution in the north,” UN envoy Geir Pedersen said in Geneva."
)
KENYA_BODY = (
    "NAIROBI (Reuters) - Kenya sent a third contingent of 200 police officers to Haiti on Tuesday, "
    "the interior ministry said, to join a UN-backed mission fighting gangs in Port-au-Prince.\n\n"
    "Interior Minister Kipchumba Murkomen denied that Kenya planned to withdraw its officers before "
    "the mission's mandate ends.\n\n"
    "“Our officers will stay until the job is done,” Murkomen said."
)


def article(
    source: str,
    title: str,
    body: str,
    published: str,
    *,
    url: str | None = None,
    dateline: str | None = None,
    captions: tuple[Caption, ...] = (),
) -> Article:
    """An article as the clean stage gives it, paragraphs with their body offsets."""
    paragraphs, start = [], 0
    for text in body.split("\n\n"):
        paragraphs.append(Paragraph(text, start, start + len(text)))
        start += len(text) + 2
    return Article(
        id=f"a-{source.rsplit('/', 1)[-1].split('.')[0]}",
        source=source,
        title=title,
        body=body,
        paragraphs=tuple(paragraphs),
        captions=captions,
        published=published,
        date_source="page" if published else None,  # as a JSON Lines record's own date
        dateline=dateline,
        url=url,
        language="en",
    )


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def mention(body: str, text: str) -> Mention:
    return Mention(text, *span(body, text))


def place(body: str, place_id: str, gazetteer: tuple, text: str) -> Place:
    name, country, lat, lon, geonames = gazetteer
    return Place(place_id, name, country, lat, lon, geonames, "city", "city", (mention(body, text),))


def event(
    body: str,
    event_id: str,
    kind: str,
    evidence: str,
    source: tuple[ActorRef, ...],
    target: tuple[ActorRef, ...] = (),
    *,
    mode: str | None = None,
    cameo: str | None = None,
    where: tuple | None = None,
    when: tuple[str, str | None] | None = None,
    negated: bool = False,
    quote_id: str | None = None,
) -> Event:
    start, end = span(body, evidence)
    event_place = None
    if where is not None:
        name, country, lat, lon, geonames, *precision = where
        event_place = EventPlace(name, country, lat, lon, geonames, "trigger-attached", *precision)
    event_time = EventTime(when[0], when[1], "reference-date") if when else None
    return Event(
        id=event_id,
        type=kind,
        mode=mode,
        context=None,
        cameo=cameo,
        source=source,
        target=target,
        where=event_place,
        when=event_time,
        negated=negated,
        hypothetical=False,
        evidence=evidence,
        start=start,
        end=end,
        spans=(TextSpan(start, end),),
        quote_id=quote_id,
        confidence=0.8,
    )


def quote(body: str, quote_id: str, text: str, speaker: str, speaker_id: str | None, verb: str) -> Quote:
    return Quote(quote_id, text, "direct", speaker, speaker_id, verb, *span(body, text))


def _ankara_reading(body: str) -> Findings:
    consult = (
        "Turkish Defence Minister Yasar Guler met his Syrian counterpart Murhaf Abu Qasra in Ankara on Monday"
    )
    strike = (
        "Turkish drones struck positions of the Kurdish-led Syrian Democratic Forces near Manbij on Sunday"
    )
    return Findings(
        entities=(
            Entity("e1", "Türkiye", "GPE", "TUR", None, "GOV", (mention(body, "Ankara regards"),)),
            Entity(
                "e2",
                "Yasar Guler",
                "PERSON",
                "TUR",
                "Defence Minister",
                "GOV",
                (mention(body, "Yasar Guler"),),
            ),
            Entity(
                "e3",
                "Murhaf Abu Qasra",
                "PERSON",
                "SYR",
                "Defence Minister",
                "GOV",
                (mention(body, "Murhaf Abu"),),
            ),
            Entity(
                "e5",
                "Syrian Democratic Forces",
                "ORG",
                "SYR",
                None,
                "REB",
                (mention(body, "Syrian Democratic Forces"),),
            ),
            Entity("e6", "Reuters", "ORG", None, None, "MED", (mention(body, "Reuters"),)),
        ),
        places=(place(body, "P1", ANKARA, "ANKARA"), place(body, "P2", MANBIJ, "Manbij")),
        quotes=(
            quote(
                body,
                "q1",
                "We will stand by the Syrian people as they rebuild their armed forces",
                "Yasar Guler",
                "e2",
                "told",
            ),
        ),
        dates=(
            TimeExpr("on Monday", "2025-03-10", "day", *span(body, "on Monday")),
            TimeExpr("Sunday", "2025-03-09", "day", *span(body, "Sunday")),
        ),
        events=(
            event(
                body,
                "ev1",
                "CONSULT",
                consult,
                (GULER, ABU_QASRA),
                mode="visit",
                cameo="042",
                where=ANKARA,
                when=("on Monday", "2025-03-10"),
            ),
            event(
                body,
                "ev2",
                "ASSAULT",
                strike,
                (TURKISH_DRONES,),
                (SDF,),
                mode="drone",
                cameo="195",
                where=MANBIJ,
                when=("Sunday", "2025-03-09"),
            ),
        ),
    )


def _afp_reading(body: str) -> Findings:
    strike = (
        "A Turkish drone strike on Sunday hit a position of the Syrian Democratic Forces on the edge of "
        "Manbij, wounding two fighters, the Kurdish-led group said."
    )
    spoken = "The occupation state keeps bombing our villages while it talks of peace"
    return Findings(
        entities=(
            Entity("e4", "Turkish forces", "NORP", "TUR", None, "MIL", (mention(body, "Turkish drone"),)),
            Entity(
                "e5",
                "Syrian Democratic Forces",
                "ORG",
                "SYR",
                None,
                "REB",
                (mention(body, "Syrian Democratic"),),
            ),
            Entity("e7", "Farhad Shami", "PERSON", "SYR", "SDF spokesman", "REB", (mention(body, "Farhad"),)),
        ),
        places=(place(body, "P1", MANBIJ, "MANBIJ"),),
        quotes=(quote(body, "q1", spoken, "Farhad Shami", "e7", "said"),),
        dates=(TimeExpr("on Sunday", "2025-03-09", "day", *span(body, "on Sunday")),),
        events=(
            event(
                body,
                "ev1",
                "ASSAULT",
                strike,
                (TURKISH_DRONES,),
                (SDF,),
                mode="drone",
                cameo="195",
                where=MANBIJ,
                when=("on Sunday", "2025-03-09"),
            ),
            event(
                body,
                "ev2",
                "ACCUSE",
                "The occupation state keeps bombing our villages",
                (ActorRef("Farhad Shami", "SYR", "REB", "e7"),),
                (TURKEY_GOV,),
                mode="disapprove",
                cameo="111",
                quote_id="q1",
            ),
        ),
    )


def _ap_reading(body: str) -> Findings:
    aleppo = "Turkish forces shelled an SDF checkpoint on the northern edge of Aleppo on Sunday"
    manbij_later = "Turkish drones struck SDF positions near Manbij again on Wednesday"
    spoken = "There can be no military solution in the north"
    return Findings(
        entities=(
            Entity("e4", "Turkish forces", "NORP", "TUR", None, "MIL", (mention(body, "Turkish forces"),)),
            Entity(
                "e5",
                "Syrian Democratic Forces",
                "ORG",
                "SYR",
                None,
                "REB",
                (mention(body, "SDF checkpoint"),),
            ),
            Entity(
                "e8", "Geir Pedersen", "PERSON", None, "UN envoy", "IGO", (mention(body, "Geir Pedersen"),)
            ),
        ),
        places=(place(body, "P1", ALEPPO, "Aleppo"), place(body, "P2", MANBIJ, "Manbij")),
        quotes=(quote(body, "q1", spoken, "Geir Pedersen", "e8", "said"),),
        dates=(
            TimeExpr("on Sunday", "2025-03-09", "day", *span(body, "on Sunday")),
            TimeExpr("on Wednesday", "2025-03-12", "day", *span(body, "on Wednesday")),
        ),
        events=(
            event(
                body,
                "ev1",
                "ASSAULT",
                aleppo,
                (TURKISH_DRONES,),
                (SDF,),
                mode="heavy-weapons",
                cameo="194",
                where=ALEPPO,
                when=("on Sunday", "2025-03-09"),
            ),
            event(
                body,
                "ev2",
                "ASSAULT",
                manbij_later,
                (TURKISH_DRONES,),
                (SDF,),
                mode="drone",
                cameo="195",
                where=MANBIJ,
                when=("on Wednesday", "2025-03-12"),
            ),
        ),
    )


def _kenya_reading(body: str) -> Findings:
    sent = "Kenya sent a third contingent of 200 police officers to Haiti on Tuesday"
    denied = "Interior Minister Kipchumba Murkomen denied that Kenya planned to withdraw its officers"
    return Findings(
        entities=(
            Entity("e1", "Kenya", "GPE", "KEN", None, "GOV", (mention(body, "Kenya sent"),)),
            Entity("e2", "Haiti", "GPE", "HTI", None, "GOV", (mention(body, "Haiti"),)),
            Entity(
                "e3",
                "Kipchumba Murkomen",
                "PERSON",
                "KEN",
                "Interior Minister",
                "GOV",
                (mention(body, "Kipchumba"),),
            ),
        ),
        places=(place(body, "P1", PORT_AU_PRINCE, "Port-au-Prince"),),
        quotes=(
            quote(
                body, "q1", "Our officers will stay until the job is done", "Kipchumba Murkomen", "e3", "said"
            ),
        ),
        dates=(TimeExpr("on Tuesday", "2025-03-11", "day", *span(body, "on Tuesday")),),
        events=(
            event(
                body,
                "ev1",
                "AID",
                sent,
                (KENYA,),
                (HAITI,),
                cameo="074",
                where=PORT_AU_PRINCE,
                when=("on Tuesday", "2025-03-11"),
            ),
            event(body, "ev2", "RETREAT", denied, (KENYA,), (HAITI,), mode="withdraw", negated=True),
        ),
    )


def wire_pairs() -> list[tuple[Article, Findings]]:
    """The five articles with their findings, marked by dedup as a run would mark them."""
    pairs = [
        (
            article(
                "wire/reuters-ankara.txt",
                "Turkey, Syria defence chiefs meet in Ankara as drones hit Kurdish fighters",
                ANKARA_BODY,
                "2025-03-10",
                url="https://wire.example/ankara-talks",
                dateline="ANKARA",
                captions=(Caption("Yasar Guler, left, greets Murhaf Abu Qasra in Ankara.", "Reuters"),),
            ),
            _ankara_reading(ANKARA_BODY),
        ),
        (
            article(
                "sites/gulf-ledger-ankara.txt",
                "Ankara hosts Syria's defence minister",
                REPRINT_BODY,
                "2025-03-10",
                url="https://gulfledger.example/world/ankara-hosts",
                dateline="ANKARA",
            ),
            _ankara_reading(REPRINT_BODY),
        ),
        (
            article(
                "wire/afp-manbij.txt",
                "Turkish drone hits Kurdish-led fighters near Manbij",
                AFP_BODY,
                "2025-03-10",
                dateline="MANBIJ",
            ),
            _afp_reading(AFP_BODY),
        ),
        (
            article(
                "wire/ap-aleppo.txt",
                "Turkish shelling hits Aleppo checkpoint",
                AP_BODY,
                "2025-03-12",
                dateline="ALEPPO",
            ),
            _ap_reading(AP_BODY),
        ),
        (
            article(
                "wire/reuters-nairobi.txt",
                "Kenya sends more police to Haiti",
                KENYA_BODY,
                "2025-03-11",
                dateline="NAIROBI",
            ),
            _kenya_reading(KENYA_BODY),
        ),
    ]
    index = NearDuplicateIndex()
    return [(index.mark(a), findings) for a, findings in pairs]


# The United States under five names, as the news names it (for the actors' grouping),
# and a joint statement of three actors, one of them without a country (for exports).
US_NAMES = (
    ActorRef("WASHINGTON", "USA", "GOV", None),
    ActorRef("United States", "USA", "GOV", "u1"),
    ActorRef("U.S.", "USA", "GOV", None),
    ActorRef("White House", "USA", "GOV", None),
    ActorRef("US", "USA", "GOV", None),
)
FRANCE = ActorRef("France", "FRA", "GOV", "u2")
UNITED_NATIONS = ActorRef("United Nations", None, "IGO", "u3")
RUSSIAN_FORCES = ActorRef("Russian forces", "RUS", "MIL", "u4")
KHARKIV = ("Kharkiv", "UKR", 49.9935, 36.2304, "geonames:706483")
UKRAINE_CENTROID = ("Ukraine", "UKR", 49.0, 32.0, "geonames:690791", "country")

JOINT_BODY = (
    "WASHINGTON (AP) - The United States, France and the United Nations condemned the shelling of "
    "Kharkiv by Russian forces on Saturday, which killed six people in a residential district.\n\n"
    "The United States and France agreed to send air-defence systems to Ukraine within weeks, "
    "officials said.\n\n"
    "The White House accused Russian forces of targeting the power grid. U.S. officials said Russian "
    "forces had fired more than 40 missiles. WASHINGTON also warned Moscow against further strikes. "
    "US envoys met Ukrainian officials in Kyiv on Sunday."
)


def joint_statement_pair() -> tuple[Article, Findings]:
    """An article whose events have several actors a side, a CAMEO code with a leading
    zero, a country-level place and the United States under five names."""
    body = JOINT_BODY
    us, france, un, russians = US_NAMES[1], FRANCE, UNITED_NATIONS, RUSSIAN_FORCES
    condemned = "The United States, France and the United Nations condemned the shelling of Kharkiv"
    agreed = "The United States and France agreed to send air-defence systems to Ukraine within weeks"
    events = (
        event(
            body, "ev1", "ACCUSE", condemned, (us, france, un), (russians,), mode="disapprove", cameo="111"
        ),
        event(body, "ev2", "AGREE", agreed, (us, france), (), cameo="030", where=UKRAINE_CENTROID),
        event(
            body,
            "ev3",
            "ACCUSE",
            "The White House accused Russian forces",
            (US_NAMES[3],),
            (russians,),
            cameo="112",
        ),
        event(
            body,
            "ev4",
            "ASSAULT",
            "Russian forces had fired more than 40 missiles",
            (russians,),
            (US_NAMES[2],),
            cameo="195",
            where=KHARKIV,
        ),
        event(
            body,
            "ev5",
            "THREATEN",
            "WASHINGTON also warned Moscow",
            (US_NAMES[0],),
            (ActorRef("Moscow", "RUS", "GOV", None),),
            cameo="130",
        ),
        event(
            body,
            "ev6",
            "CONSULT",
            "US envoys met Ukrainian officials in Kyiv",
            (US_NAMES[4],),
            (ActorRef("Ukrainian officials", "UKR", "GOV", None),),
            cameo="040",
        ),
    )
    joint = article(
        "wire/ap-washington.txt",
        "US, France condemn Kharkiv shelling",
        body,
        "2025-04-07",
        url="https://wire.example/kharkiv-statement",
        dateline="WASHINGTON",
    )
    return joint, Findings(entities=(), places=(), quotes=(), dates=(), events=events)


# A scraped page that carries terminal escapes: an OSC 8 hyperlink, BEL, a C1 CSI (\x9b),
# bidi overrides and a right-to-left mark, in its headline, an actor's name, a place's
# name and the evidence sentence; the headline hides a spreadsheet formula behind one.
HOSTILE_TITLE = (
    '\u202e=HYPERLINK("https://evil.example","Armenia says Azerbaijani troops shelled Nerkin Hand")'
)
HOSTILE_EVIDENCE = (
    "Azerbaijani troops\x1b]8;;https://evil.example\x07 shelled\x1b]8;;\x07 Armenian positions "
    "near \u202eNerkin Hand\u202c on Tuesday\x9b2J"
)
HOSTILE_BODY = f"YEREVAN (Wire) — {HOSTILE_EVIDENCE}, the Armenian defence ministry said.\x07"
AZERBAIJANI_TROOPS = ActorRef("Azerbaijani\u200f troops", "AZE", "MIL", "h1")
ARMENIA = ActorRef("Armenia", "ARM", "GOV", "h2")
NERKIN_HAND = ("Nerkin\x85 Hand", "ARM", 39.0903, 46.4464, "geonames:616530")


def hostile_pair() -> tuple[Article, Findings]:
    """One article whose stored text is full of control and bidi characters."""
    body = HOSTILE_BODY
    shelled = event(
        body,
        "ev1",
        "ASSAULT",
        HOSTILE_EVIDENCE,
        (AZERBAIJANI_TROOPS,),
        (ARMENIA,),
        mode="artillery",
        cameo="195",
        where=NERKIN_HAND,
        when=("Tuesday", "2025-05-13"),
    )
    page = article("sites/border-news.txt", HOSTILE_TITLE, body, "2025-05-14", url="https://border.example/a")
    return page, Findings(events=(shelled,))
