"""The dated actor knowledge base: lookups by name and date, and the data files behind it."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from eventwire.knowledge.actors import (
    ACTOR_TYPES,
    ActorDataError,
    ActorKB,
    Person,
    Role,
    load_actor_kb,
    read_people_yaml,
)
from helpers import SHARED, import_script, skip_unless_found

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "eventwire" / "data" / "actors"
PHOENIX = SHARED / "data" / "petrarch2"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_actor_kb()


def _converter():
    """tools/convert_phoenix.py, imported from its path (tools/ is not a package)."""
    return import_script(REPO / "tools" / "convert_phoenix.py")


# ---------------------------------------------------------------- people on a date


def test_assad_is_syrian_president_in_2018(kb):
    role = kb.person("Bashar al-Assad", on="2018-09-04")
    assert (role.country, role.actor_type, role.former) == ("SYR", "GOV", False)
    assert "President" in role.title


def test_assad_is_a_former_president_in_2025(kb):
    role = kb.person("Bashar al-Assad", on=date(2025, 6, 1))
    assert (role.country, role.actor_type, role.title, role.former) == ("SYR", "GOV", "President", True)
    assert role.end == date(2024, 12, 8)


def test_guler_is_turkish_defence_minister_in_2025_and_akar_in_2019(kb):
    guler = kb.person("Yasar Guler", on="2025-03-01")
    akar = kb.person("Hulusi Akar", on="2019-03-01")
    assert (guler.country, guler.actor_type, guler.title) == ("TUR", "GOV", "Defence Minister")
    assert (akar.country, akar.actor_type, akar.title) == ("TUR", "GOV", "Defence Minister")
    assert not guler.former and not akar.former


def test_defence_ministry_handover_day_belongs_to_the_new_minister(kb):
    assert kb.person("Guler", on="2023-06-03").title == "Defence Minister"
    assert kb.person("Akar", on="2023-06-03").former is True


def test_surname_alone_finds_lavrov_as_russian_foreign_minister(kb):
    role = kb.person("Lavrov", on="2018-09-04")
    assert (role.name, role.country, role.actor_type, role.title) == (
        "Sergei Lavrov",
        "RUS",
        "GOV",
        "Foreign Minister",
    )


def test_accents_and_spelling_variants_find_the_same_person(kb):
    assert kb.person("Recep Tayyip Erdoğan", on="2020-01-01").title == "President"
    assert kb.person("ERDOGAN", on="2010-01-01").title == "Prime Minister"


def test_sharaa_is_a_rebel_leader_before_the_fall_of_assad_and_president_after(kb):
    assert kb.person("Abu Mohammad al-Jolani", on="2020-01-01").actor_type == "REB"
    role = kb.person("Ahmed al-Sharaa", on="2025-06-01")
    assert (role.country, role.actor_type, role.title) == ("SYR", "GOV", "President")


def test_person_with_no_role_yet_at_the_date_is_not_returned(kb):
    assert kb.person("Yasar Guler", on="2010-01-01") is None


def test_former_official_is_not_returned_as_current(kb):
    role = kb.person("Mohammad Javad Zarif", on="2022-01-01")
    assert role.former is True and role.title == "Foreign Minister"


def test_hand_made_entry_closes_an_open_phoenix_role(kb):
    # Phoenix leaves Karzai in office from 2001 on; people_current.yaml ends it in 2014.
    role = kb.person("Hamid Karzai", on="2020-01-01")
    assert (role.title, role.end, role.former) == ("President", date(2014, 9, 29), True)


def test_open_phoenix_role_after_the_dictionaries_stop_is_marked_stale(kb):
    role = kb.person("Carl Bildt", on="2020-01-01")
    assert role.source == "phoenix" and role.stale is True


def _kb_with(*people: Person) -> ActorKB:
    return ActorKB(countries=[], people=list(people), organisations=[], agents={})


def _role(start: str | None, end: str | None, title: str = "Minister") -> Role:
    start_date = date.fromisoformat(start) if start else None
    end_date = date.fromisoformat(end) if end else None
    return Role("XYZ", "GOV", title, start_date, end_date, "eventwire")


def test_surname_shared_by_two_office_holders_is_ambiguous():
    kb = _kb_with(
        Person("Anna Novak", (), (_role("2020-01-01", None),), "eventwire"),
        Person("Petr Novak", (), (_role("2021-01-01", None),), "eventwire"),
    )
    assert kb.person("Novak", on="2022-01-01") is None
    assert kb.person("Petr Novak", on="2022-01-01").name == "Petr Novak"


def test_surname_prefers_the_person_in_office_on_the_date():
    kb = _kb_with(
        Person("Anna Novak", (), (_role("2010-01-01", "2015-01-01"),), "eventwire"),
        Person("Petr Novak", (), (_role("2021-01-01", None),), "eventwire"),
    )
    assert kb.person("Novak", on="2022-01-01").name == "Petr Novak"
    assert kb.person("Novak", on="2012-01-01").name == "Anna Novak"


# ---------------------------------------------------------------- second-tier officials in wire text


def _person_in(doc, name: str):
    from eventwire.evaluate import same_person

    found = [e for e in doc._.ew_entities if e.type == "PERSON" and same_person(name, e.name)]
    assert len(found) == 1, [(e.name, e.type) for e in doc._.ew_entities]
    return found[0]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2022-10-01", ("IRN", "Chief of Police", "COP")),
        ("2024-03-01", ("IRN", "former Chief of Police", "CVL")),
    ],
)
def test_a_police_chief_named_without_a_title_is_one_while_in_office_and_former_after(
    nlp, published, expected
):
    from helpers import parsed

    doc = parsed(
        nlp,
        "Hossein Ashtari told state television that officers would show no leniency towards "
        "rioters who set fire to banks.",
        published=published,
        dateline="TEHRAN",
    )
    ashtari = _person_in(doc, "Hossein Ashtari")
    assert (ashtari.country, ashtari.role, ashtari.actor_type) == expected


def test_a_governor_and_a_military_spokesman_take_country_and_office_from_the_kb(nlp):
    from helpers import parsed

    doc = parsed(
        nlp,
        "Babagana Zulum told reporters in Maiduguri that the displaced families would be resettled "
        "before the rains. Daniel Hagari said troops had found a tunnel shaft under a school.",
        published="2024-01-15",
    )
    zulum = _person_in(doc, "Babagana Zulum")
    assert (zulum.country, zulum.role, zulum.actor_type) == ("NGA", "Governor of Borno", "GOV")
    hagari = _person_in(doc, "Daniel Hagari")
    assert (hagari.country, hagari.role, hagari.actor_type) == ("ISR", "Military Spokesman", "MIL")


def test_a_security_council_secretary_is_former_once_his_successor_is_appointed(nlp):
    from helpers import parsed

    text = (
        "Oleksiy Danilov said Ukraine would not negotiate while Russian troops remained on its soil. "
        "Danilov added that the drills near the border were being watched closely."
    )
    title = "Secretary of the National Security and Defence Council"
    then = _person_in(parsed(nlp, text, published="2023-05-05", dateline="KYIV"), "Oleksiy Danilov")
    assert (then.country, then.role, then.actor_type) == ("UKR", title, "GOV")
    now = _person_in(parsed(nlp, text, published="2025-05-05", dateline="KYIV"), "Oleksiy Danilov")
    assert (now.country, now.role, now.actor_type) == ("UKR", f"former {title}", "CVL")


# ---------------------------------------------------------------- countries, organisations, agents


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turkish", "TUR"),
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("DRC", "COD"),
        ("Congo-Kinshasa", "COD"),
        ("U.S.", "USA"),
        ("UK", "GBR"),
        ("UAE", "ARE"),
        ("DPRK", "PRK"),
        ("Russian Federation", "RUS"),
        ("Élysée", "FRA"),
        ("Downing Street", "GBR"),
        ("Kosovo", "XKX"),
    ],
)
def test_country_names_adjectives_and_metonyms(kb, text, iso3):
    assert kb.country(text).iso3 == iso3


def test_metonym_says_which_actor_of_the_country(kb):
    assert kb.country_match("Ankara").actor_type == "GOV"
    assert kb.country_match("the Pentagon").actor_type == "MIL"
    assert kb.country_match("Iranian").kind == "adjective"


def test_brussels_is_not_belgium(kb):
    assert kb.country("Brussels") is None


def test_news_agencies_are_media(kb):
    assert kb.organisation("Reuters").actor_type == "MED"
    assert kb.organisation("AFP").actor_type == "MED"
    assert kb.organisation("Asharq Al-Awsat").actor_type == "MED"


@pytest.mark.parametrize(
    "name",
    [
        "the European Commission",
        "the Council of the EU",
        "APEC",
        "the ILO",
        "African Union",
        "ECOWAS",
        "ASEAN",
        "SADC",
        "IGAD",
        "OSCE",
        "the WHO",
        "UNHCR",
        "OCHA",
        "WFP",
        "the ICJ",
        "the ICC",
        "Mercosur",
        "OECD",
    ],
)
def test_international_bodies_news_names_are_igos_of_no_country(kb, name):
    organisation = kb.organisation(name, on="2025-03-04")
    assert (organisation.actor_type, organisation.country) == ("IGO", None)


def test_hamas_is_a_palestinian_armed_group(kb):
    hamas = kb.organisation("Hamas")
    assert (hamas.country, hamas.actor_type) == ("PSE", "REB")


def test_organisation_type_follows_the_date(kb):
    assert kb.organisation("Taliban", on="2019-01-01").actor_type == "REB"
    assert kb.organisation("Taliban", on="2022-01-01").actor_type == "GOV"
    assert kb.organisation("RSF", on="2020-01-01").actor_type == "MIL"
    assert kb.organisation("RSF", on="2024-01-01").actor_type == "REB"


@pytest.mark.parametrize(
    ("phrase", "actor_type"),
    [
        ("regime forces", "MIL"),
        ("Syrian regime forces", "MIL"),
        ("the forces of the regime", "MIL"),
        ("police", "COP"),
        ("riot policemen", "COP"),
        ("protesters", "CVL"),
        ("heavily armed militants", "REB"),
        ("opposition factions", "REB"),
        ("refugees", "REF"),
        ("journalists", "MED"),
        ("parliament", "LEG"),
        ("foreign ministers", "GOV"),
        ("spokesman", "GOV"),
    ],
)
def test_agent_phrases(kb, phrase, actor_type):
    assert kb.agent(phrase) == actor_type


# ---------------------------------------------------------------- the data files


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _iso(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    return date.fromisoformat(value)


def _check_dated(row: dict, countries: set[str], where: str) -> None:
    assert row["type"] in ACTOR_TYPES, where
    assert row.get("country") is None or row["country"] in countries, where
    start, end = _iso(row.get("start")), _iso(row.get("end"))
    assert start is None or end is None or start <= end, where


def test_countries_cover_the_un_and_the_extra_entities():
    rows = _tsv(DATA / "countries.tsv")
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert sum(row["status"] == "member" for row in rows) == 193
    assert {"PSE", "TWN", "XKX", "VAT", "ESH"} <= set(codes)
    for row in rows:
        for metonym in filter(None, row["metonyms"].split("|")):
            assert metonym.partition("=")[2] in {"", *ACTOR_TYPES}, metonym


def test_sector_table_maps_to_plover_types_only():
    rows = _tsv(DATA / "sectors.tsv")
    assert all(row["plover_type"] in ACTOR_TYPES and row["rank"] in {"primary", "secondary"} for row in rows)
    assert {row["cameo_code"]: row["plover_type"] for row in rows}["ELI"] == "CVL"


def test_every_person_row_has_valid_countries_types_and_dates():
    countries = {row["iso3"] for row in _tsv(DATA / "countries.tsv")}
    for number, line in enumerate((DATA / "people.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        person = json.loads(line)
        assert person["name"] and person["roles"], number
        for role in person["roles"]:
            _check_dated(role, countries, f"people.jsonl row {number}")
    hand_made = yaml.safe_load((DATA / "people_current.yaml").read_text(encoding="utf-8"))
    assert sum(len(person["roles"]) for person in hand_made) >= 600
    for person in hand_made:
        for role in person["roles"]:
            assert "start" in role and "end" in role and role.get("title"), person["name"]
            _check_dated(role, countries, person["name"])


def test_every_organisation_and_agent_row_is_valid():
    countries = {row["iso3"] for row in _tsv(DATA / "countries.tsv")}
    for number, line in enumerate((DATA / "organisations.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        organisation = json.loads(line)
        _check_dated(organisation, countries, f"organisations.jsonl row {number}")
        for period in organisation.get("periods", []):
            _check_dated(period, countries, f"organisations.jsonl row {number}")
    for row in _tsv(DATA / "agents.tsv"):
        assert row["plover_type"] in ACTOR_TYPES and row["source"] in {"phoenix", "eventwire"}, row
        assert row["phrase"] == " ".join(row["phrase"].split()).lower(), row


def test_malformed_hand_made_entry_names_the_file_and_the_entry(tmp_path):
    broken = tmp_path / "people_current.yaml"
    broken.write_text("- name: Jane Roe\n  roles:\n    - {country: GBR, type: KING, start: 2020-01-01}\n")
    with pytest.raises(
        ActorDataError, match=r"people_current.yaml entry 1 .*'KING' is not a PLOVER actor type"
    ):
        read_people_yaml(broken)


# ---------------------------------------------------------------- the converter


def test_converter_reads_dated_roles_aliases_and_two_digit_years(tmp_path):
    converter = _converter()
    source = tmp_path / "Phoenix.Countries.actors.txt"
    source.write_text(
        "# Presidents\n"
        "IVO_JOSIPOVIC_\n"
        "PRESIDENT_JOSIPOVIC_\n"
        "\t[HRVGOV >20100218]\n"
        "MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt\n"
        "+ZAHIR_SHAH_\n"
        "\t[AFGELI 320101-331108]\n"
        "\t[AFGGOV 331108-730717]\n"
        "\t[AFGELI]\n"
    )
    vocabulary = converter.load_vocabulary(DATA)
    entries = converter.read_actor_file(source, vocabulary.sectors)
    assert [entry.names for entry in entries] == [
        ["IVO_JOSIPOVIC_", "PRESIDENT_JOSIPOVIC_"],
        ["MOHAMMAD_ZAHIR_SHAH_"],
    ]
    problems = converter.Counter()
    king = converter.person_record(
        entries[1], converter.parsed_codes(entries[1], vocabulary, problems), vocabulary, problems
    )
    assert king["name"] == "Mohammad Zahir Shah" and king["aliases"] == ["Zahir Shah"]
    assert [(r["type"], r["start"], r["end"]) for r in king["roles"]] == [
        ("CVL", "1932-01-01", "1933-11-08"),
        ("GOV", "1933-11-08", "1973-07-17"),
    ]
    president = converter.person_record(
        entries[0], converter.parsed_codes(entries[0], vocabulary, problems), vocabulary, problems
    )
    assert president["roles"][0]["title"] == "President"
    assert president["aliases"] == ["Josipovic"]


def test_converter_reads_codes_of_territories_and_international_bodies():
    converter = _converter()
    vocabulary = converter.load_vocabulary(DATA)

    def parse(code: str):
        parsed = converter.parse_code(converter.RawCode(code, "", None, 0), vocabulary)
        return parsed.country, parsed.actor_type

    assert parse("EGYGOVMIL") == ("EGY", "GOV")
    assert parse("GBRFLKGOV") == ("FLK", "GOV")
    assert parse("KSVOPP") == ("XKX", "OPP")
    assert parse("IGOUNOREFHCR") == (None, "IGO")
    assert parse("NGOUSAEDU") == ("USA", "NGO")
    assert parse("IMGMUSRUSCNY") == ("RUS", "REB")
    assert parse("BUDREB") == (None, "REB")


@pytest.mark.slow
@skip_unless_found(PHOENIX)
def test_converter_reproduces_the_committed_files(tmp_path):
    out = tmp_path / "actors"
    shutil.copytree(DATA, out)
    assert _converter().main([str(PHOENIX), "--out", str(out)]) == 0
    for name in ("people.jsonl", "organisations.jsonl", "agents.tsv"):
        assert filecmp.cmp(out / name, DATA / name, shallow=False), name
