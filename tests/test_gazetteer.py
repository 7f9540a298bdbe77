"""The bundled gazetteer's smaller places: villages of 500 to 1,000 people (GeoNames
cities500) and second-level districts (LGAs, territories, regencies, townships), and how
the places stage reads them. The real spaCy model runs every test, as in production."""

from __future__ import annotations

from eventwire.knowledge.gazetteer import load_gazetteer
from eventwire.knowledge.names import place_key
from eventwire.records import Place
from helpers import parsed
from test_places import near, places_of


def only_place(places: dict[str, Place], name: str) -> Place:
    place = places[name]
    assert place.lat is not None, place.unresolved_reason
    return place


# --- villages ---------------------------------------------------------------------------


def test_a_village_of_under_1000_people_is_in_the_gazetteer():
    (village,) = load_gazetteer().candidates(place_key("Staromaiorske"))
    assert (village.feature, village.country, village.admin1) == ("city", "UKR", "admin1:UKR:Donetsk")
    assert 500 <= village.population < 1000


def test_a_front_line_village_in_a_wire_story_is_placed(nlp):
    places = places_of(
        nlp,
        "KYIV, Ukraine (AP) — Ukrainian troops have pushed Russian forces out of the village of "
        "Staromaiorske in the Donetsk region, a military spokesman said on Thursday, the latest "
        "small gain of the southern counteroffensive.",
    )
    village = only_place(places, "Staromaiorske")
    assert (village.country, village.feature) == ("UKR", "city")
    assert near(village, 47.75, 36.79)


def test_a_village_named_after_a_preposition_is_placed_in_its_country(nlp):
    places = places_of(
        nlp,
        "Ukrainian marines are holding a foothold near Krynky on the left bank of the Dnipro, "
        "Ukraine's navy said, despite Russian shelling in the Kherson region.",
    )
    village = only_place(places, "Krynky")
    assert (village.country, village.feature) == ("UKR", "city")
    assert near(village, 46.73, 33.08)


# --- districts ---------------------------------------------------------------------------


def test_a_district_is_indexed_with_and_without_its_type_word():
    gazetteer = load_gazetteer()
    for name in ("Rutshuru Territory", "Rutshuru"):
        assert "geonames:9179537" in {entry.id for entry in gazetteer.candidates(place_key(name))}, name
    (regency,) = gazetteer.candidates(place_key("Nduga Regency"))
    assert (regency.name, regency.feature, regency.country) == ("Kabupaten Nduga", "district", "IDN")
    assert regency.admin1 == "admin1:IDN:Papua" and regency.bbox is not None


def test_local_government_area_picks_the_lga_and_the_bare_name_the_town(nlp):
    district = places_of(
        nlp,
        "MAIDUGURI, Nigeria (Reuters) — Insurgents killed 12 farmers in Gwoza local government area "
        "of Borno state on Sunday, residents said.",
    )
    lga = only_place(district, "Gwoza")
    assert (lga.feature, lga.gazetteer_id, lga.precision) == ("district", "geonames:8659839", "region")
    town = places_of(
        nlp,
        "MAIDUGURI, Nigeria (Reuters) — Insurgents attacked Gwoza on Sunday, burning the market, "
        "residents in Borno state said.",
    )
    assert (only_place(town, "Gwoza").feature, only_place(town, "Gwoza").gazetteer_id) == (
        "city",
        "geonames:2339665",
    )


def test_territory_picks_the_congolese_territory_and_the_bare_name_the_town(nlp):
    territory = places_of(
        nlp,
        "GOMA, Congo (AP) — M23 rebels took control of more villages in Rutshuru territory in "
        "North Kivu province, local officials said on Tuesday.",
    )
    assert only_place(territory, "Rutshuru").feature == "district"
    assert near(only_place(territory, "Rutshuru"), -0.95, 29.33)
    town = places_of(
        nlp,
        "GOMA, Congo (AP) — Thousands fled Rutshuru on Tuesday as M23 rebels advanced in North Kivu "
        "province, local officials said.",
    )
    assert only_place(town, "Rutshuru").feature == "city"


def test_regency_and_township_find_districts_with_no_town_of_that_name(nlp):
    regency = places_of(
        nlp,
        "JAKARTA (Reuters) — Separatist rebels in Indonesia's Papua region shot dead two soldiers "
        "in Nduga regency on Saturday, the army said.",
    )
    nduga = only_place(regency, "Nduga")
    assert (nduga.country, nduga.feature) == ("IDN", "district")
    township = places_of(
        nlp,
        "Fighting between the Arakan Army and Myanmar's military forced thousands from their homes "
        "in Maungdaw township of Rakhine state, aid workers said.",
    )
    maungdaw = only_place(township, "Maungdaw")
    assert (maungdaw.country, maungdaw.feature) == ("MMR", "district")
    assert near(maungdaw, 20.83, 92.36)


def test_a_loose_type_word_after_an_organisation_makes_no_place(nlp):
    doc = parsed(
        nlp,
        "The drones never entered NATO territory, the alliance said, while Cambodian territory "
        "was shelled overnight, Phnom Penh said.",
    )
    assert not {"NATO", "Cambodian"} & {place.name for place in doc._.ew_places}


def test_an_admin1_named_with_its_type_word_is_not_the_district_inside_it(nlp):
    places = places_of(
        nlp,
        "Myanmar's military bombed a village in Sagaing Region on Friday, killing 11 people, "
        "residents told reporters in Yangon.",
    )
    region = only_place(places, "Sagaing Region")
    assert (region.country, region.feature) == ("MMR", "admin1")
