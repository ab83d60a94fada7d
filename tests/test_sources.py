"""Reading the sources: the claims table loads, cites real facts and sources, and a broken row fails loudly;
the trust-weighted estimate is a weighted average of the estimates."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, strategies as st

from helpers import data, sources


def test_claims_load_and_cover_both_articles():
    c = sources.claims()
    assert set(c["source_id"]) == {"seed_buzzoid", "seed_highsocial"}
    assert set(c["verdict"]) <= set(sources.VERDICTS) and len(c) >= 10


@pytest.mark.parametrize("column, value, message", [
    ("verdict", "maybe", "'maybe' is not one of"),
    ("compare_with", "nope", "unknown fact id 'nope'"),
    ("source_id", "seed_x", "unknown source id 'seed_x'"),
    ("checked", "", "'' is not 'YYYY-MM-DD verdict'"),
    ("checked", "2026-11-25 fine", "'2026-11-25 fine' is not 'YYYY-MM-DD verdict'"),
])
def test_a_broken_claim_names_file_row_and_column(tmp_path, column, value, message):
    rows = list(csv.DictReader((data.DATA_DIR / "claims.csv").open()))
    rows[1][column] = value
    path = tmp_path / "claims.csv"
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(data.DataError, match=rf"claims.csv, row 2 \(id '{rows[1]['id']}'\), column '{column}': {message}"):
        sources.load_claims(path)


@given(st.fixed_dictionaries({name: st.floats(0, 1) for name in sources.KIND_WEIGHT.values()}))
def test_trust_weighted_estimate_stays_within_the_estimates(kw):
    values = [data.value(e.fact) for e, _ in sources.GMV_ESTIMATES]
    est = sources.TRUST(**kw)["gmv_estimate_usd_b"]
    assert min(values) - 1e-9 <= est <= max(values) + 1e-9


def test_only_estimates_of_one_measure_are_averaged():
    # every averaged figure is the same quantity, year and region; the figures of another measure are left out
    facts = [data.fact(e.fact) for e, _ in sources.GMV_ESTIMATES]
    assert len({(f.quantity, f.year, f.region, f.unit) for f in facts}) == 1
    for fact_id, why in sources.OTHER_MEASURES:
        assert fact_id not in sources.TRUST.facts and why
    est = sources.TRUST(weight_news=0, weight_analyst=1)["gmv_estimate_usd_b"]
    analysts = [data.value(e.fact) for e, kind in sources.GMV_ESTIMATES if kind == "analyst estimate"]
    assert est == pytest.approx(sum(analysts) / len(analysts))


def test_each_estimate_is_declared_with_the_kind_its_data_row_gives():
    for param, kind in sources.GMV_ESTIMATES:
        assert data.fact(param.fact).kind == kind, param.name
