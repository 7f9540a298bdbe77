"""Accuracy never drops unnoticed: `eventwire eval` over the seed and the project's gold
set must meet the floors recorded beside them (tests/gold/floors*.json). Raising a floor
is part of improving a stage (`eventwire eval ... --write-floors`); lowering one needs a
reason in the commit."""

from pathlib import Path

import pytest

from eventwire.evaluate import check_floors, evaluate, load_floors

GOLD = Path(__file__).parent / "gold"
SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_e0df5a808a47a71b.expected.json"


def test_gold_set_meets_its_floors():
    report = evaluate([GOLD])
    assert len(report.files) >= 30
    assert check_floors(report, load_floors(GOLD / "floors.json")) == []


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="the seed lives in ../shared beside the repository")
def test_seed_meets_its_floors():
    report = evaluate([SEED_GOLD])
    assert check_floors(report, load_floors(GOLD / "floors-seed.json")) == []
