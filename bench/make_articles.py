"""Generate realistic synthetic wire articles (JSON Lines) for the store bench.

Each article is a wire story: a headline, a dateline with an agency, and five to eight
paragraphs of the sentences political event data is made of (meetings, strikes,
accusations, aid, protests, arrests, threats, deployments), with people given a title
and a country, places that the gazetteer knows and relative dates. About one story in
ten is reprinted by another site with its own headline, a paragraph dropped and the
site's furniture, and one in fifty is copied word for word: the store's stories and
reprints get work to do. The sentences are assembled from the word lists below,
written for this file (no real article is copied); the same seed gives the same
articles.

    python bench/make_articles.py --articles 10000 --out bench/out/articles.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
from collections.abc import Iterator
from pathlib import Path

from make_corpus import FIRST_NAMES, LAST_NAMES

log = logging.getLogger("make_articles")

AGENCIES = ["Reuters", "AFP", "AP"]
SITES = ["Harbour Chronicle", "Meridian Post", "Northern Dispatch", "Gulf Ledger", "Continental Wire"]
# (country, adjective, capital, other cities), cities as the gazetteer names them.
COUNTRIES = [
    ("Syria", "Syrian", "Damascus", ["Aleppo", "Idlib", "Homs", "Raqqa"]),
    ("Turkey", "Turkish", "Ankara", ["Istanbul", "Gaziantep", "Izmir"]),
    ("Ukraine", "Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Dnipro"]),
    ("Russia", "Russian", "Moscow", ["Belgorod", "Kursk", "Rostov-on-Don"]),
    ("Sudan", "Sudanese", "Khartoum", ["Omdurman", "Port Sudan", "El Fasher"]),
    ("Ethiopia", "Ethiopian", "Addis Ababa", ["Mekele", "Gondar", "Bahir Dar"]),
    ("Somalia", "Somali", "Mogadishu", ["Kismayo", "Baidoa"]),
    ("Kenya", "Kenyan", "Nairobi", ["Mombasa", "Kisumu"]),
    ("Iraq", "Iraqi", "Baghdad", ["Mosul", "Basra", "Erbil"]),
    ("Iran", "Iranian", "Tehran", ["Isfahan", "Tabriz"]),
    ("Israel", "Israeli", "Jerusalem", ["Tel Aviv", "Haifa"]),
    ("Lebanon", "Lebanese", "Beirut", ["Tripoli", "Sidon"]),
    ("Pakistan", "Pakistani", "Islamabad", ["Lahore", "Karachi", "Peshawar"]),
    ("India", "Indian", "New Delhi", ["Mumbai", "Srinagar"]),
    ("Colombia", "Colombian", "Bogota", ["Medellin", "Cali"]),
    ("Mali", "Malian", "Bamako", ["Gao", "Timbuktu"]),
    ("Armenia", "Armenian", "Yerevan", ["Gyumri"]),
    ("Azerbaijan", "Azerbaijani", "Baku", ["Ganja"]),
    ("Yemen", "Yemeni", "Sanaa", ["Aden", "Hodeidah"]),
    ("Libya", "Libyan", "Tripoli", ["Benghazi", "Misrata"]),
]
TITLES = ["Foreign Minister", "Defence Minister", "Interior Minister", "Prime Minister", "President"]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]
FORCES = ["forces", "troops", "artillery units", "security forces", "warplanes"]
TOPICS = [
    "a ceasefire along the border", "the release of detainees", "grain exports", "a prisoner exchange",
    "the return of displaced families", "security at the main crossing", "water sharing on the river",
]  # fmt: skip
# Sentences with an event; {a_...} and {b_...} are two countries (name, adjective, capital, city).
EVENT_SENTENCES = [
    "{a_adj} {title} {person} met his {b_adj} counterpart in {b_capital} {day} to discuss {topic}.",
    "{a_adj} {forces} shelled positions of armed groups near {b_city} {day}, killing {n} fighters, "
    "a monitor said.",
    "{a_adj} drones struck a depot on the edge of {b_city} {day}, officials said.",
    "The government of {a} accused {b} of violating the agreement on {topic}.",
    "{a} condemned the attack on {b_city} and demanded an investigation.",
    "{a} sent {n} tonnes of food and medicine to {b} {day}, the foreign ministry said.",
    "Thousands of people protested in {a_capital} {day} against rising fuel prices.",
    "Police in {a_city} arrested {n} opposition activists {day}, their lawyers said.",
    "{a} threatened to close its border with {b} if the attacks continued.",
    "{a} deployed additional troops to its border with {b} {day}.",
    "{a} and {b} agreed {day} to hold talks on {topic} next week.",
    "{a} expelled {b}'s ambassador {day} over remarks about {topic}.",
]  # fmt: skip
FILLERS = [
    "Diplomats said the two sides remained far apart on the main issues.",
    "The ministry did not respond to a request for comment.",
    "It was not possible to verify the figures independently.",
    "The talks are expected to continue in the coming weeks, officials said.",
    "Aid workers warned that supplies in the area would run out within weeks.",
    "Residents said the streets were calm by evening.",
]  # fmt: skip
FURNITURE = [
    "Share this article",
    "Read more: the region's week in pictures",
    "Sign up for our daily briefing",
]


class WireWriter:
    """Wire stories from the word lists, deterministic per seed."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def sentence(self, home: tuple, other: tuple) -> str:
        pick = self.random.choice
        a, a_adj, a_capital, a_cities = home
        b, b_adj, b_capital, b_cities = other
        fields = {
            "a": a, "a_adj": a_adj, "a_capital": a_capital, "a_city": pick(a_cities),
            "b": b, "b_adj": b_adj, "b_capital": b_capital, "b_city": pick(b_cities),
            "title": pick(TITLES), "person": self.person(), "day": pick(WEEKDAYS), "topic": pick(TOPICS),
            "forces": pick(FORCES), "n": self.random.randrange(2, 400),
        }  # fmt: skip
        return pick(EVENT_SENTENCES).format(**fields)

    def quote(self, home: tuple) -> str:
        claim = self.random.choice(
            ["We will not accept", "There is no alternative to", "We are ready to discuss"]
        )
        speaker = f"{home[1]} {self.random.choice(TITLES)} {self.person()}"
        return f"“{claim} {self.random.choice(TOPICS)},” {speaker} said."

    def story(self, number: int, day: dt.date) -> dict[str, str]:
        home, other = self.random.sample(COUNTRIES, 2)
        lead = self.sentence(home, other)
        paragraphs = [f"{home[2].upper()} ({self.random.choice(AGENCIES)}) - {lead}"]
        for _ in range(self.random.randrange(4, 7)):
            kind = self.random.random()
            if kind < 0.55:
                paragraphs.append(
                    " ".join(self.sentence(home, other) for _ in range(self.random.randrange(1, 3)))
                )
            elif kind < 0.8:
                paragraphs.append(self.quote(home))
            else:
                paragraphs.append(self.random.choice(FILLERS))
        headline = lead.split(",")[0].rstrip(".")
        return {
            "id": f"wire-{number:06d}",
            "title": headline,
            "published": day.isoformat(),
            "text": "\n\n".join(paragraphs),
        }

    def reprint(self, number: int, original: dict[str, str]) -> dict[str, str]:
        """Another site's copy: its own headline, the last paragraph dropped, its furniture."""
        paragraphs = original["text"].split("\n\n")
        if len(paragraphs) > 3:
            paragraphs = paragraphs[:-1]
        paragraphs.append(self.random.choice(FURNITURE))
        site = self.random.choice(SITES)
        return {
            "id": f"{site.lower().replace(' ', '-')}-{number:06d}",
            "title": f"{original['title']} ({site})",
            "published": original["published"],
            "text": "\n\n".join(paragraphs),
        }


def generate_articles(count: int, seed: int = 11) -> Iterator[dict[str, str]]:
    """`count` JSON Lines records (id, title, published, text), one at a time."""
    writer = WireWriter(seed)
    recent: list[dict[str, str]] = []
    start = dt.date(2024, 1, 1)
    for number in range(1, count + 1):
        roll = writer.random.random()
        if recent and roll < 0.10:
            record = writer.reprint(number, writer.random.choice(recent))
        elif recent and roll < 0.12:
            record = dict(writer.random.choice(recent), id=f"copy-{number:06d}")
        else:
            record = writer.story(number, start + dt.timedelta(days=number * 600 // max(count, 1)))
            recent = (recent + [record])[-50:]
        yield record


def write_jsonl(path: Path, count: int, seed: int = 11) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in generate_articles(count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=11, help="random seed: same seed, same articles")
    parser.add_argument("--out", type=Path, required=True, help="the JSON Lines file to write")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_jsonl(args.out, args.articles, args.seed)
    log.info("wrote %d articles into %s", args.articles, args.out)


if __name__ == "__main__":
    main()
