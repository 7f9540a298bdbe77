"""Merging one event's reports across articles: the same act by the same actors, at
places within 50 km, on days within one; undated reports are never taken for one event."""

import datetime as dt

from eventwire.dedup.events import Sighting, same_event

DAMASCUS = (33.51, 36.29)


def _sighting(day: dt.date | None, place=DAMASCUS, kind="ASSAULT") -> Sighting:
    lat, lon = place if place else (None, None)
    return Sighting(type=kind, source_key="ISR", target_key="SYR", date=day, lat=lat, lon=lon)


def test_reports_a_day_apart_near_the_same_place_are_one_event():
    assert same_event(_sighting(dt.date(2025, 3, 4)), _sighting(dt.date(2025, 3, 5), place=(33.6, 36.3)))


def test_reports_a_week_apart_are_two_events():
    assert not same_event(_sighting(dt.date(2025, 3, 4)), _sighting(dt.date(2025, 3, 11)))


def test_reports_far_apart_are_two_events():
    idlib = (35.93, 36.63)
    assert not same_event(_sighting(dt.date(2025, 3, 4)), _sighting(dt.date(2025, 3, 4), place=idlib))


def test_undated_reports_are_never_merged():
    assert not same_event(_sighting(None), _sighting(None))


def test_another_type_is_another_event():
    assert not same_event(_sighting(dt.date(2025, 3, 4)), _sighting(dt.date(2025, 3, 4), kind="ACCUSE"))
