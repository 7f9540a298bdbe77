"""Accuracy never drops unnoticed: `eventwire eval` over the seed and the project's gold
set must meet the floors recorded beside them (tests/gold/floors*.json). Raising a floor
is part of improving a stage (`eventwire eval ... --write-floors`); lowering one needs a
reason in the commit."""

from pathlib import Path

from eventwire.evaluate import check_floors, evaluate, load_floors
from helpers import SEED_GOLD, skip_unless_found

GOLD = Path(__file__).parent / "gold"


def test_gold_set_meets_its_floors():
    report = evaluate([GOLD])
    assert len(report.files) >= 30
    assert check_floors(report, load_floors(GOLD / "floors.json")) == []


@skip_unless_found(SEED_GOLD)
def test_seed_meets_its_floors():
    report = evaluate([SEED_GOLD])
    assert check_floors(report, load_floors(GOLD / "floors-seed.json")) == []
