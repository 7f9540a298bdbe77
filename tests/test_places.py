"""The places stage: toponyms resolved against the bundled gazetteer, and the place of
an event. The real spaCy model runs every test, as in production."""

from __future__ import annotations

import math
from importlib import resources

import pytest
import yaml

import eventwire
from eventwire.knowledge.gazetteer import load_gazetteer
from eventwire.knowledge.names import place_key
from eventwire.places import place_for_trigger
from eventwire.records import Place
from helpers import SAMPLE, parsed, trigger

TOLERANCE_KM = 161


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def places_of(nlp, text: str, dateline: str | None = None) -> dict[str, Place]:
    return {place.name: place for place in parsed(nlp, text, dateline=dateline)._.ew_places}


def near(place: Place, lat: float, lon: float) -> bool:
    return place.lat is not None and distance_km(place.lat, place.lon, lat, lon) <= TOLERANCE_KM


# --- the seed ---------------------------------------------------------------------------

SEED_GOLD = {
    0: {
        "Idlib": (35.93, 36.63),
        "Tehran": (35.69, 51.42),
        "Moscow": (55.75, 37.62),
        "Damascus": (33.51, 36.29),
    },
    1: {"Türkiye": (39.0, 35.0), "Syria": (35.0, 38.0), "Damascus": (33.51, 36.29), "Gaza": (31.5, 34.47)},
}


@pytest.fixture(scope="module")
def seed_records(nlp):
    return eventwire.extract(paths=[str(SAMPLE)])


@pytest.mark.parametrize("article", [0, 1])
def test_seed_places_lie_within_161_km_of_the_gold_points(seed_records, article):
    places = {place_key(place["name"]): place for place in seed_records[article]["places"]}
    for name, (lat, lon) in SEED_GOLD[article].items():
        place = places[place_key(name)]
        assert distance_km(place["lat"], place["lon"], lat, lon) <= TOLERANCE_KM, name


def test_seed_places_carry_country_feature_and_every_mention(seed_records):
    places = {place["name"]: place for place in seed_records[1]["places"]}
    turkiye = places["Türkiye"]
    assert (turkiye["country"], turkiye["feature"], turkiye["precision"]) == ("TUR", "country", "country")
    body = seed_records[1]["body"]
    assert [body[m["start"] : m["end"]] for m in turkiye["mentions"]] == ["Türkiye"] * len(
        turkiye["mentions"]
    )
    assert len(turkiye["mentions"]) == body.count("Türkiye")
    damascus = places["Damascus"]
    assert (damascus["country"], damascus["feature"], damascus["gazetteer_id"]) == (
        "SYR",
        "city",
        "geonames:170654",
    )


# --- disambiguation ---------------------------------------------------------------------


def test_tripoli_is_the_libyan_capital_in_a_libyan_story(nlp):
    places = places_of(
        nlp,
        "Heavy gunfire rang out across Tripoli overnight as rival armed groups clashed near "
        "Mitiga airport, Libya's Government of National Unity said. Flights were diverted to Misrata.",
    )
    tripoli = places["Tripoli"]
    assert tripoli.country == "LBY"
    assert near(tripoli, 32.89, 13.19)


def test_tripoli_is_the_lebanese_port_in_a_lebanese_story(nlp):
    places = places_of(
        nlp,
        "Lebanese troops deployed in the northern city of Tripoli on Sunday after clashes between "
        "gunmen, the army said in Beirut. Lebanon's caretaker prime minister called for calm.",
    )
    tripoli = places["Tripoli"]
    assert tripoli.country == "LBN"
    assert near(tripoli, 34.44, 35.83)


def test_georgia_is_the_country_beside_tbilisi(nlp):
    places = places_of(
        nlp,
        "Police in Tbilisi used water cannon against protesters on Rustaveli Avenue, and Georgia's "
        "interior ministry said 40 people were detained.",
    )
    georgia = places["Georgia"]
    assert (georgia.country, georgia.feature) == ("GEO", "country")


def test_georgia_is_the_us_state_beside_atlanta(nlp):
    places = places_of(
        nlp,
        "Voters in Atlanta waited for hours on Tuesday as Georgia counted absentee ballots, "
        "officials in Fulton County said.",
    )
    georgia = places["Georgia"]
    assert (georgia.country, georgia.feature) == ("USA", "admin1")
    assert near(georgia, 32.7, -83.4)


def test_idlib_province_is_the_admin1_and_bare_idlib_the_city(nlp):
    province = places_of(nlp, "Syrian government shelling killed five civilians in Idlib province on Monday.")
    assert province["Idlib"].feature == "admin1"
    assert province["Idlib"].precision == "admin1"
    city = places_of(nlp, "Syrian government shelling killed five civilians in Idlib on Monday.")
    assert city["Idlib"].feature == "city"
    assert near(city["Idlib"], 35.93, 36.63)


def test_bare_idlib_follows_idlib_province_elsewhere_in_the_article(nlp):
    doc = parsed(
        nlp,
        "Rebels hold most of Idlib province, in Syria's northwest.\n\n"
        "Russian jets struck Idlib on Tuesday, a war monitor said.",
    )
    (idlib,) = [place for place in doc._.ew_places if place.name.startswith("Idlib")]
    assert idlib.feature == "admin1"
    assert len(idlib.mentions) == 2


# --- areas, seas and directions -----------------------------------------------------------


def test_southern_syria_lies_south_of_syria_as_a_region(nlp):
    places = places_of(
        nlp, "Israeli troops advanced into southern Syria on Friday, Syria's foreign ministry said."
    )
    syria, south = places["Syria"], places["southern Syria"]
    assert (south.country, south.feature, south.precision) == ("SYR", "region", "region")
    assert south.lat < syria.lat - 1.0
    assert south.lon == syria.lon
    assert south.gazetteer_id == f"{syria.gazetteer_id}#south"


def test_a_direction_with_an_area_noun_is_part_of_the_article_country(nlp):
    places = places_of(
        nlp,
        "Turkish-backed fighters clashed with Syrian troops in Syria on Sunday. The fighting in "
        "the northwestern province killed 12 people, a monitor in Syria said.",
    )
    part = places["northwestern province"]
    assert part.country == "SYR"
    assert part.lat > places["Syria"].lat and part.lon < places["Syria"].lon


def test_black_sea_is_a_sea_with_no_country(nlp):
    places = places_of(
        nlp, "A Turkish minesweeper cleared a drifting mine in the Black Sea off Istanbul on Wednesday."
    )
    sea = places["Black Sea"]
    assert (sea.feature, sea.country, sea.precision) == ("sea", None, "region")
    assert near(sea, 43.0, 34.0)
    assert places["Istanbul"].country == "TUR"


def test_turkey_and_turkiye_are_one_place_with_both_mentions(nlp):
    doc = parsed(
        nlp, "Turkey said on Monday it would keep troops in Syria. Türkiye has about 10,000 soldiers there."
    )
    (turkey,) = [place for place in doc._.ew_places if place.country == "TUR"]
    assert [mention.text for mention in turkey.mentions] == ["Turkey", "Türkiye"]
    assert turkey.name == "Turkey"


# --- what is not resolved ---------------------------------------------------------------


def test_an_unknown_place_is_kept_with_its_reason(nlp):
    places = places_of(
        nlp, "Fighters attacked the village of Qaryat Zorvandi in Syria's Hasakah province on Friday."
    )
    unknown = places["Qaryat Zorvandi"]
    assert (unknown.lat, unknown.lon, unknown.gazetteer_id) == (None, None, None)
    assert unknown.unresolved_reason == "not in gazetteer"
    assert unknown.mentions[0].text == "Qaryat Zorvandi"


def test_a_leader_tagged_as_a_place_is_not_a_small_town_of_his_name(nlp):
    places = places_of(
        nlp,
        "Canada will answer U.S. tariffs dollar for dollar, Carney told reporters in Ottawa, "
        "after talks with Washington stalled.",
    )
    assert places["Ottawa"].country == "CAN"
    assert all(place.country != "USA" or place.name != "Carney" for place in places.values())


# --- datelines --------------------------------------------------------------------------


def test_dateline_city_is_resolved_in_its_state_with_its_mention(nlp):
    text = "PORTLAND, Ore. (AP) — Protesters gathered outside the federal building on Saturday night."
    doc = parsed(nlp, text, dateline="PORTLAND, Ore.")
    places = {place.name: place for place in doc._.ew_places}
    portland = places["Portland"]
    assert portland.country == "USA"
    assert near(portland, 45.52, -122.68)
    assert [(m.text, m.start, m.end) for m in portland.mentions] == [("PORTLAND", 0, 8)]
    assert places["Oregon"].feature == "admin1"


def test_a_dateline_place_missing_from_the_text_has_no_mention(nlp):
    doc = parsed(nlp, "Two diplomats were told to leave the country within 72 hours.", dateline="CHISINAU")
    (place,) = doc._.ew_places
    assert (place.name, place.country, place.mentions) == ("Chisinau", "MDA", ())


# --- the place of an event ----------------------------------------------------------------


def test_place_for_trigger_takes_the_place_attached_to_the_trigger(nlp):
    doc = parsed(
        nlp,
        "Russia said on Monday that talks in Moscow had made progress. "
        "Its jets bombed targets in Idlib on Sunday.",
    )
    where = place_for_trigger(doc, trigger(doc, "bombed"))
    assert (where.name, where.rule, where.country) == ("Idlib", "trigger-attached", "SYR")
    assert where.place_id == next(place.id for place in doc._.ew_places if place.name == "Idlib")


def test_place_for_trigger_falls_back_to_the_nearest_place_in_the_paragraph(nlp):
    doc = parsed(
        nlp,
        "Officials in Kyiv met the envoy on Monday.\n\n"
        "Air raid sirens sounded over Kharkiv. Two people were killed, the governor said.",
    )
    where = place_for_trigger(doc, trigger(doc, "killed"))
    assert (where.name, where.rule) == ("Kharkiv", "paragraph")


def test_place_for_trigger_falls_back_to_the_dateline(nlp):
    doc = parsed(
        nlp,
        "MOSCOW (Reuters) -\n\nThe ministry expelled two diplomats on Tuesday, the agency said.",
        dateline="MOSCOW",
    )
    where = place_for_trigger(doc, trigger(doc, "expelled"))
    assert (where.rule, where.country) == ("dateline", "RUS")
    assert near(where, 55.75, 37.62)


def test_event_place_says_whether_it_is_a_town_or_a_whole_country(nlp):
    doc = parsed(nlp, "Its jets bombed targets in Aleppo on Sunday. Militants attacked convoys across Syria.")
    town, country = (
        place_for_trigger(doc, trigger(doc, "bombed")),
        place_for_trigger(doc, trigger(doc, "attacked")),
    )
    assert (town.name, town.precision) == ("Aleppo", "city")
    assert (country.name, country.precision) == ("Syria", "country")


def test_place_for_trigger_is_none_without_any_place(nlp):
    doc = parsed(nlp, "The ministry expelled two diplomats on Tuesday, the agency said.")
    assert place_for_trigger(doc, trigger(doc, "expelled")) is None


# --- camps, crossings, islands, valleys and city districts (curated) ----------------------

NEAR_KM = 20

CURATED_CASES = [
    # ((name as written, feature, country, lat, lon), sentence)
    (
        ("Kutupalong", "camp", "BGD", 21.21, 92.16),
        "Aid workers said water supplies at the Kutupalong camp had run low after a fire swept "
        "through shelters on Sunday night, Bangladesh's refugee commissioner said.",
    ),
    (
        ("Zaatari", "camp", "JOR", 32.30, 36.32),
        "Displaced families sheltering in the Zaatari camp in Jordan said winter storms had "
        "flooded dozens of their caravans.",
    ),
    (
        ("Kerem Shalom", "crossing", "ISR", 31.23, 34.28),
        "About 300 trucks carrying flour waited at the Kerem Shalom crossing on Thursday while "
        "inspectors checked their loads, a U.N. spokesperson said.",
    ),
    (
        ("Kinmen", "island", "TWN", 24.44, 118.36),
        "Taiwan's coast guard said four Chinese vessels entered restricted waters off Kinmen on "
        "Saturday before turning back toward Xiamen.",
    ),
    (
        ("Lampedusa", "island", "ITA", 35.51, 12.60),
        "Migrant boats reached Lampedusa overnight after leaving Sfax in Tunisia, the coast guard said.",
    ),
    (
        ("Kamenge", "neighbourhood", "BDI", -3.33, 29.37),
        "Gunmen killed three people in Kamenge, a northern district of Bujumbura, overnight, a "
        "police spokesman said.",
    ),
    (
        ("Kibera", "neighbourhood", "KEN", -1.31, 36.78),
        "Police fired tear gas at protesters in Kibera on Wednesday as demonstrations over fuel "
        "prices spread across Nairobi, witnesses said.",
    ),
    (
        ("Dahiyeh", "neighbourhood", "LBN", 33.85, 35.51),
        "Israeli strikes on Dahiyeh, south of Beirut, flattened two buildings on Friday, "
        "the health ministry said.",
    ),
    (
        ("Cité Soleil", "neighbourhood", "HTI", 18.58, -72.33),
        "Armed gangs seized a police station in Cité Soleil on Tuesday, residents of Port-au-Prince said.",
    ),
    (
        ("Panjshir Valley", "valley", "AFG", 35.40, 69.70),
        "Resistance fighters attacked a checkpoint in the Panjshir Valley on Monday, a spokesman "
        "for the group said, while officials in Kabul denied any losses.",
    ),
    (
        ("Swat Valley", "valley", "PAK", 35.05, 72.40),
        "Pakistani troops launched an operation in the Swat Valley after militants torched two "
        "schools, the army said.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), CURATED_CASES, ids=[case[0][0] for case in CURATED_CASES])
def test_curated_camps_crossings_islands_valleys_and_districts_resolve(nlp, expected, text):
    name, feature, country, lat, lon = expected
    place = places_of(nlp, text)[name]
    assert (place.feature, place.country) == (feature, country)
    assert distance_km(place.lat, place.lon, lat, lon) <= NEAR_KM


def test_matsu_is_the_taiwanese_island_not_matsue_in_japan(nlp):
    places = places_of(
        nlp, "Taiwan's defence ministry said Chinese drones circled Matsu for a second day on Tuesday."
    )
    matsu = places["Matsu"]
    assert (matsu.country, matsu.feature) == ("TWN", "island")
    assert distance_km(matsu.lat, matsu.lon, 26.16, 119.94) <= NEAR_KM


def test_a_camp_named_after_a_town_leaves_the_bare_name_to_the_town():
    gazetteer = load_gazetteer()
    (camp,) = gazetteer.candidates(place_key("Jabalia camp"))
    assert (camp.feature, camp.country) == ("camp", "PSE")
    assert all(entry.feature == "city" for entry in gazetteer.candidates(place_key("Jabalia")))
    (crossing,) = gazetteer.candidates(place_key("Rafah crossing"))
    assert crossing.feature == "crossing"
    assert "crossing" not in {entry.feature for entry in gazetteer.candidates(place_key("Rafah"))}


# --- the gazetteer data -------------------------------------------------------------------


def test_name_key_folds_accents_case_dots_hyphens_and_the():
    assert place_key("Türkiye") == "turkiye"
    assert place_key("U.S.") == "us"
    assert place_key("Port-au-Prince") == "port au prince"
    assert place_key("the Black Sea") == "black sea"
    assert place_key("Kyiv\u2019s") == "kyiv's"


def test_every_curated_admin1_replaces_a_built_row():
    gazetteer = load_gazetteer()
    curated = yaml.safe_load(
        resources.files("eventwire").joinpath("data", "gazetteer", "curated.yaml").read_text(encoding="utf-8")
    )
    for row in curated["places"]:
        if row["feature"] != "admin1":
            continue
        replaced = row.get("replaces", row["name"])
        ident = f"admin1:{row['country']}:{replaced}"
        assert any(
            entry.id == ident and entry.curated for entry in gazetteer.candidates(place_key(replaced))
        ), ident


def test_country_codes_find_countries_at_their_curated_centroids():
    gazetteer = load_gazetteer()
    syria = gazetteer.country("SYR")
    assert (syria.name, syria.feature, syria.lat, syria.lon) == ("Syria", "country", 34.8, 39.0)
    assert gazetteer.country("XXX") is None


def test_towns_the_model_tags_as_organisations_are_places_as_objects_of_attacks(nlp):
    doc = parsed(
        nlp,
        "MAIDUGURI, Nigeria (Sahel Wire) - Boko Haram fighters attacked Gajiram and Monguno "
        "on Sunday, the Borno state government said.",
        dateline="MAIDUGURI, Nigeria",
    )
    places = {place.name: place for place in doc._.ew_places}
    assert places["Gajiram"].country == "NGA" and near(places["Gajiram"], 12.49, 13.21)
    assert places["Monguno"].country == "NGA" and near(places["Monguno"], 12.67, 13.61)


def test_untagged_name_without_a_place_cue_is_not_a_place(nlp):
    doc = parsed(nlp, "Nigeria's army said Monguno Ibrahim, a farmer, had been freed by the troops.")
    assert "Monguno" not in {place.name for place in doc._.ew_places}


# The features of curated.yaml's header.
CURATED_FEATURES = frozenset(
    "admin1 district region valley sea gulf strait river island border city neighbourhood "
    "facility crossing pass camp".split()
)


def test_every_curated_row_has_a_known_feature_and_its_own_name():
    curated = yaml.safe_load(
        resources.files("eventwire").joinpath("data", "gazetteer", "curated.yaml").read_text(encoding="utf-8")
    )
    seen: dict[str, str] = {}
    for row in curated["places"]:
        assert row["feature"] in CURATED_FEATURES, row["name"]
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row["name"]
        for name in [row["name"], *(row.get("aliases") or [])]:
            key = place_key(name)
            first = seen.setdefault(key, row["name"])
            assert first == row["name"], f"{name!r} names both {first} and {row['name']}"


def test_places_are_named_as_a_reader_looks_them_up(nlp):
    doc = parsed(
        nlp,
        "COTABATO CITY — The talks between the Republic of Armenia and the Republic of Azerbaijan "
        "resumed in Almaty on Monday.",
        dateline="COTABATO CITY",
    )
    names = {place.name for place in doc._.ew_places}
    assert {"Cotabato City", "Armenia", "Azerbaijan"} <= names


def test_town_of_a_region_the_article_names_needs_no_preposition(nlp):
    doc = parsed(
        nlp,
        "Residents of Tavush province fear the new border line. Sections of the road linking "
        "Ijevan with Noyemberyan fall close to it, officials in Armenia said.",
    )
    places = {place.name: place for place in doc._.ew_places}
    assert places["Ijevan"].country == "ARM"


def test_countries_joined_in_one_entity_and_capitals_speaking_for_governments_are_places(nlp):
    doc = parsed(
        nlp,
        "Soldiers from Niger and Burkina Faso began a joint sweep. Officials in Mali said the "
        "attackers came from the east. Bamako, where the military has ruled since 2020, has "
        "promised more troops.",
    )
    names = {place.name: place.country for place in doc._.ew_places}
    assert (names["Niger"], names["Burkina Faso"], names["Bamako"]) == ("NER", "BFA", "MLI")


def test_camp_and_crossing_type_words_ask_for_camps_and_crossings(nlp):
    doc = parsed(
        nlp,
        "Syrian families sheltered in the Zaatari refugee camp in Jordan, and aid trucks "
        "crossed into Gaza at the Kerem Shalom crossing on Tuesday.",
    )
    features = {place.name: place.feature for place in doc._.ew_places}
    assert features["Zaatari"] == "camp"
    assert features["Kerem Shalom"] == "crossing"


def test_arabic_names_are_found_in_the_gazetteers_other_spellings(nlp):
    from eventwire.knowledge.place_words import load_place_words
    from eventwire.places import transliteration_variants

    assert "at turbah" in transliteration_variants("al turbah", load_place_words())
    doc = parsed(nlp, "Houthi shells hit al-Turbah and al-Khawkha in Yemen on Monday, local sources said.")
    places = {place.name: place for place in doc._.ew_places}
    assert places["al-Turbah"].country == "YEM" and near(places["al-Turbah"], 13.21, 44.12)
    assert places["al-Khawkha"].country == "YEM"


def test_a_city_that_dwarfs_every_namesake_needs_only_a_preposition(nlp):
    doc = parsed(nlp, "Cambodia's envoy said on Monday that the meeting would be held in Sousse next month.")
    sousse = [p for p in doc._.ew_places if p.name == "Sousse"]
    assert sousse and sousse[0].country == "TUN"
