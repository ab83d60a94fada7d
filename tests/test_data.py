"""Data checks: the shipped tables load and obey their rules; each kind of broken file fails loudly
with its file, row and column."""

from __future__ import annotations

import csv
import re
import sys

import pandas as pd

import pytest

from helpers import data
from tests.conftest import ROOT


def test_shipped_tables_load_and_every_source_is_used():
    sources, facts = data.sources_table(), data.facts_table()
    assert len(facts) >= 20
    assert set(facts["source_id"]) <= set(sources.index)
    unused = set(sources.index) - set(facts["source_id"])
    assert not unused, f"sources no fact cites: {sorted(unused)}"


def test_every_kind_is_known_and_seed_articles_are_blog_claims():
    facts = data.facts_table()
    assert set(facts["kind"]) <= set(data.KINDS)
    seeds = facts[facts["source_id"].str.startswith("seed_")]
    assert len(seeds) >= 4 and set(seeds["kind"]) == {"blog claim"}


def test_derived_rows_match_their_formulas_and_cite_inputs():
    f = data.fact("ad_revenue_per_user_2024")
    expected = data.value("tiktok_ad_revenue_2024_central") * 1000 / data.value("tiktok_mau_2024_warc")
    assert f.value == pytest.approx(expected, rel=0.02)
    # a derived row cites its inputs' sources, through every level of derivation
    assert {"information_2025", "mediapost_2025", "warc_2024"} <= set(data.fact_sources(["ad_revenue_per_user_2024"]))


def test_unknown_ids_suggest_the_closest():
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        data.fact("shop_take_rat")
    with pytest.raises(KeyError, match="did you mean 'tktk_2025'"):
        data.source("tktk_2024")
    with pytest.raises(KeyError, match="no quantity"):
        data.estimates("no_such_quantity")


def test_estimates_show_disagreement():
    est = data.estimates("shop_gmv")
    assert len(est) >= 3 and est["value"].max() > est["value"].min()


def test_cite_and_table_are_readable():
    assert data.cite(["tiktok_revenue_2024"]).startswith("Source: TKTK")
    full = data.cite(["tiktok_keep_share_gifts"], style="full")
    assert "apple_2020" in full and "https://" in full
    with pytest.raises(ValueError, match="style"):
        data.cite(["tiktok_revenue_2024"], style="long")
    t = data.table(["shop_take_rate"])
    assert t.loc["shop_take_rate", "Value"] == "5%" and t.loc["shop_take_rate", "Kind"] == "teaching assumption"


def test_accessors_return_copies():
    t = data.facts_table()
    t.loc[t.index[0], "value"] = -1.0
    assert data.facts_table().iloc[0]["value"] != -1.0


# ------------------------------------------------------------------------------------ broken files
def _edit(path, row_id, column, new):
    with path.open() as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["id"] == row_id:
            r[column] = new
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return [r["id"] for r in rows].index(row_id) + 1


@pytest.mark.parametrize(
    "column, new, message",
    [
        ("value", "50", "value 50 is outside its plausible range 20 to 39"),
        ("value", "abc", "'abc' is not a number"),
        ("value", "inf", "not a finite number"),
        ("unit", "USD bilion", "unknown unit 'USD bilion' (did you mean 'USD billion'?)"),
        ("kind", "blog", "unknown kind 'blog'"),
        ("source_id", "nowhere", "unknown source id 'nowhere'"),
        ("year", "twenty", "is not a year"),
        ("formula", "tiktok_revenue_2024 * 2", "only a derived figure has a formula"),
        ("checked", "", "a fact row carries its audit against its source"),
    ],
)
def test_broken_fact_names_file_row_and_column(data_copy, column, new, message):
    row = _edit(data_copy / "facts_start.csv", "tiktok_revenue_2024", column, new)
    with pytest.raises(data.DataError) as err:
        data.load(data_copy)
    text = str(err.value)
    assert text.startswith(f"facts_start.csv, row {row} (id 'tiktok_revenue_2024'), column '{column}'"), text
    assert message in text


def test_share_above_one_is_refused(data_copy):
    _edit(data_copy / "facts_shop.csv", "shop_take_rate", "high", "1.5")
    with pytest.raises(data.DataError, match="column 'high': a share must lie between 0 and 1"):
        data.load(data_copy)


def test_derived_value_must_match_formula(data_copy):
    _edit(data_copy / "facts_start.csv", "ad_revenue_per_user_2024", "value", "20")
    with pytest.raises(data.DataError, match="does not match its formula"):
        data.load(data_copy)


def test_teaching_assumption_needs_reasoning(data_copy):
    _edit(data_copy / "facts_shop.csv", "shop_take_rate", "note", "")
    with pytest.raises(data.DataError, match="column 'note': a teaching assumption needs its reasoning"):
        data.load(data_copy)


def test_duplicate_id(data_copy):
    path = data_copy / "facts_shop.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n")
    with pytest.raises(data.DataError, match=rf"row {len(lines)} .*column 'id': duplicate id"):
        data.load(data_copy)


def test_missing_column(data_copy):
    path = data_copy / "facts_shop.csv"
    rows = list(csv.reader(path.open()))
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows([r[:-1] for r in rows])
    with pytest.raises(data.DataError, match="facts_shop.csv, column 'checked': missing column"):
        data.load(data_copy)


def test_broken_source(data_copy):
    row = _edit(data_copy / "sources_start.csv", "tktk_2025", "url", "www.tktk.com")
    with pytest.raises(data.DataError, match=rf"sources_start.csv, row {row} \(id 'tktk_2025'\), column 'url'"):
        data.load(data_copy)


@pytest.mark.parametrize("column, new, message", [
    ("url", "https://www.google.com/search?q=tiktok+revenue+2024", "is a search, not a page"),
    ("url", "https://datasetsearch.research.google.com/search?query=tiktok", "is a search, not a page"),
    ("url", "https://www.tktk.com/en/news?keyword=revenue", "is a search, not a page"),
    ("url", "", "a source needs a url"),
    ("title", "", "must not be empty"),
])
def test_a_source_is_a_titled_page(data_copy, column, new, message):
    row = _edit(data_copy / "sources_start.csv", "tktk_2025", column, new)
    with pytest.raises(data.DataError, match=rf"sources_start.csv, row {row} \(id 'tktk_2025'\), column '{column}': "
                                             + ".*" + re.escape(message)):
        data.load(data_copy)


def test_a_source_no_fact_cites_is_refused(data_copy):
    path = data_copy / "sources_start.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + ["orphan_2025,A page nothing cites,Nobody,https://example.org/page,2025,news"]) + "\n")
    with pytest.raises(data.DataError, match=rf"sources_start.csv, row {len(lines)} \(id 'orphan_2025'\), column 'id': "
                                             "source 'orphan_2025' is cited by no fact"):
        data.load(data_copy)


def test_empty_and_missing_files(data_copy):
    (data_copy / "facts_shop.csv").write_text("")
    with pytest.raises(data.DataError, match="facts_shop.csv: the file is empty"):
        data.load(data_copy)
    for p in data_copy.glob("sources_*.csv"):
        p.unlink()
    with pytest.raises(data.DataError, match=r"sources_<topic>.csv: file not found"):
        data.load(data_copy)


def test_topic_tables_join_into_one_table(data_copy):
    with (data_copy / "facts_shop.csv").open("a") as fh:
        fh.write("extra_share,extra,shop,An extra share,0.5,share,0.4,0.6,2024,worldwide,derived,extra_src,"
                 "shop_take_rate * 10,Ten times the take rate.,2026-11-25 confirmed\n")
    with (data_copy / "sources_shop.csv").open("a") as fh:
        fh.write("extra_src,Extra,Someone,https://example.org,2024,news\n")
    sources, facts = data.load(data_copy)
    assert facts.loc["extra_share", "file"] == "facts_shop.csv" and "extra_src" in sources.index
    assert facts.loc["ad_load", "file"] == "facts_in_feed.csv"


def test_duplicate_id_across_files_names_both(data_copy):
    first = (data_copy / "facts_start.csv").read_text().splitlines()[1].split(",")
    first[2] = "attention"
    with (data_copy / "facts_attention.csv").open("a") as fh:
        fh.write(",".join(first) + "\n")
    with pytest.raises(data.DataError, match=r"facts_start.csv, row 1 .*duplicate id .*also in facts_attention.csv"):
        data.load(data_copy)


def test_a_derived_row_in_a_topic_table_is_checked_against_its_formula(data_copy):
    rows = (data_copy / "facts_shop.csv").read_text().splitlines()
    with (data_copy / "facts_shop.csv").open("a") as fh:
        fh.write("extra_share,extra,shop,An extra share,0.9,share,0.4,0.95,2024,worldwide,derived,course,"
                 "shop_take_rate * 10,Ten times the take rate.,2026-11-25 confirmed\n")
    with pytest.raises(data.DataError, match=rf"facts_shop.csv, row {len(rows)} \(id 'extra_share'\), column 'value'"):
        data.load(data_copy)


def test_a_fact_sits_in_its_own_topics_table(data_copy):
    row = _edit(data_copy / "facts_shop.csv", "shop_take_rate", "topic", "gifts")
    with pytest.raises(data.DataError, match=rf"facts_shop.csv, row {row} \(id 'shop_take_rate'\), column 'topic': "
                                             "'gifts' does not match the file"):
        data.load(data_copy)
    (data_copy / "facts_shops.csv").write_text((data_copy / "facts_shop.csv").read_text().splitlines()[0] + "\n")
    with pytest.raises(data.DataError, match=r"facts_shops.csv: 'shops' is not a topic of the course; did you mean 'shop'"):
        data.load(data_copy)


def test_every_topic_is_one_word_in_six_places():
    """A topic's data, model, views, exercises, tests and notebook share one word."""
    from tests.conftest import NOTEBOOKS, ROOT

    assert len(data.TOPICS) == len(NOTEBOOKS)
    for topic, nb in zip(data.TOPICS, NOTEBOOKS):
        assert topic in nb.stem, f"{nb.name} does not carry its topic word {topic!r}"
        for place in (f"data/facts_{topic}.csv", f"helpers/{topic}.py", f"helpers/charts/{topic}.py",
                      f"helpers/exercises/{topic}.py", f"tests/test_{topic}.py"):
            assert (ROOT / place).exists(), f"topic {topic!r} has no {place}"


def test_data_dictionary_documents_every_file_column_and_kind():
    from tests.conftest import ROOT

    text = (ROOT / "data" / "README.md").read_text()
    for col in set(data.FACT_COLUMNS) | set(data.SOURCE_COLUMNS):
        assert f"`{col}`" in text, f"data/README.md does not document the column {col}"
    for kind in data.KINDS + data.SOURCE_KINDS:
        assert f"`{kind}`" in text, f"data/README.md does not explain the kind {kind}"
    for path in sorted((ROOT / "data").glob("*.csv")):
        stem = path.stem.split("_")[0]
        assert f"`{path.name}`" in text or f"`{stem}_<topic>.csv`" in text, f"{path.name} is not documented"


def test_the_data_dictionary_quotes_the_base_case_at_its_current_value():
    """data/README.md explains where sources disagree with the course's own estimates in words; those words must
    follow the data when a row changes (one quantity, one value)."""
    from tests.conftest import ROOT

    text = (ROOT / "data" / "README.md").read_text()
    from helpers import style

    for phrase, fact_id in (("central estimate, {}", "tiktok_revenue_2024_central"),
                            ("the central {}", "tiktok_ad_revenue_2024_central"),
                            ("the top-down {}", "tiktok_ad_revenue_2024_top_down"),
                            ("TikTok's share: {}", "tiktok_revenue_2024_top_down"),
                            ("coins: {}", "tiktok_revenue_2024_bottom_up")):
        expected = phrase.format(style.money(data.value(fact_id), "USD billion"))
        assert expected in text, f"data/README.md should say {expected!r} ({fact_id})"


def test_named_scenarios_are_data_and_follow_their_facts():
    from helpers import analysis

    named = {s.name: s for s in analysis.named_scenarios("revenue_mix")}
    assert named["us_ban"].changes["lost_market_share"] == data.value("us_share_ad_revenue")
    with pytest.raises(KeyError, match="did you mean 'revenue_mix'"):
        analysis.named_scenarios("revenue_mx")


@pytest.mark.parametrize("changes, message", [
    ("cpm_usd", r"'cpm_usd' is not 'input=value'"),
    ("cpm_usd=us_share_ad_revenu", r"unknown fact id 'us_share_ad_revenu'; did you mean 'us_share_ad_revenue'"),
    ("cpm_usd=lots", r"unknown fact id 'lots'"),
    ("cpm_usd=1e999", r"'1e999' is not a finite number"),
])
def test_a_broken_scenario_names_file_row_and_column(data_copy, changes, message):
    path = data_copy / "scenarios.csv"
    path.write_text("id,topic,changes,rationale\nfine,revenue_mix,cpm_usd=5,ok\n"
                    f"broken,revenue_mix,{changes},because\n")
    with pytest.raises(data.DataError, match=r"scenarios.csv, row 2 \(id 'broken'\), column 'changes': " + message):
        data.scenarios_table(path)


#: Topics whose tables have been audited row by row (data/CHANGELOG.md); the list grows table by table.
def test_every_fact_row_is_checked_with_its_reason_and_every_table_is_in_the_changelog():
    """The audit is complete: every row of every table has its verdict (the loader refuses a row without
    one), the reason in its note, and the changelog names each table as audited."""
    from tests.conftest import ROOT

    facts = data.facts_table()
    assert set(facts["topic"]) == set(data.TOPICS)
    short = [rid for rid, n in zip(facts.index, facts["note"]) if len(n) < 40]
    assert not short, f"the reason for each verdict goes in 'note': {short}"
    log = (ROOT / "data" / "CHANGELOG.md").read_text()
    missing = [t for t in data.TOPICS if f"Audited: `facts_{t}.csv`" not in log]
    assert not missing, f"data/CHANGELOG.md does not record the audit of: {missing}"


@pytest.mark.parametrize("checked, message", [("confirmed", "is not 'YYYY-MM-DD verdict'"),
                                              ("2026-11-25 ok", "is not 'YYYY-MM-DD verdict'")])
def test_a_malformed_check_names_file_row_and_column(data_copy, checked, message):
    row = _edit(data_copy / "facts_shop.csv", "shop_take_rate", "checked", checked)
    with pytest.raises(data.DataError, match=rf"facts_shop.csv, row {row} \(id 'shop_take_rate'\), column 'checked': "
                                             + re.escape(repr(checked)) + " " + message):
        data.load(data_copy)


@pytest.mark.parametrize("value, unit, text", [(5e6, "count", "5,000,000"), (2025, "year", "2025"),
                                               (0.005, "USD per diamond", "$0.005"), (50_000, "USD per day", "$50k"),
                                               (0.45, "share", "45%"), (-0.62, "USD billion", "-$620M"),
                                               (0.0054, "USD billion", "$5.4M"), (1.84, "USD billion", "$1.8B"),
                                               (1.37, "ratio", "1.37")])
def test_a_fact_is_written_as_a_reader_writes_it(value, unit, text):
    assert data._format_value(value, unit) == text


# ------------------------------------------------------------------------------ the age report
def _row(rid, quantity, year, kind="news", checked="2026-11-25 confirmed"):
    return {"id": rid, "quantity": quantity, "kind": kind, "year": year, "checked": checked}


def test_the_age_report_puts_the_oldest_checks_first_and_flags_only_stale_fast_quantities():
    facts = pd.DataFrame([
        _row("old_users", "tiktok_mau", 2019),                       # fast, latest figure 2019: stale
        _row("shorts_views_2020", "shorts_views", 2020, checked="2026-12-07 confirmed"),
        _row("shorts_views_2025", "shorts_views", 2025),             # a newer figure: the quantity is current
        _row("assumed_users", "assumed_users", 2015, kind="teaching assumption"),  # the course's own
        _row("india_2020", "india_users_lost", 2020),                # a past event
        _row("recession_growth", "ad_growth", 2009),                 # not fast-moving
        _row("never", "tiktok_dau", 2024, checked=""),               # never checked: listed first
    ])
    report = data.age_report(2024, facts)
    assert report["id"].iloc[0] == "never" and report["checked_on"].iloc[0] == "never"
    assert list(report["checked_on"].iloc[1:]) == sorted(report["checked_on"].iloc[1:])
    assert set(report.loc[report["stale"], "id"]) == {"old_users"}
    assert report.set_index("id").loc["shorts_views_2020", "latest_year"] == 2025
    assert set(data.age_report(2030, facts).loc[lambda r: r["stale"], "id"]) == {
        "old_users", "shorts_views_2020", "shorts_views_2025", "never"}  # a later base year ages them all


def test_the_age_report_runs_on_the_course(capsys):
    sys.path.insert(0, str(ROOT / "tools"))
    import facts_age

    assert facts_age.main([]) == 0
    out = capsys.readouterr().out
    report = data.age_report()
    assert len(report) == len(data.facts_table()) and f"{len(report)} facts" in out
    assert list(report["checked_on"]) == sorted(report["checked_on"].replace("never", "0000"))
    assert report["checked_on"].ne("never").all(), "every fact records when it was last checked"


def test_an_estimates_table_keeps_the_unit_beside_a_bare_number():
    """Minutes and million users do not carry their unit as money and shares do: the unit column comes with them."""
    minutes = data.estimates_table("minutes_per_day", ["label", "value", "year"])
    assert list(minutes.columns) == ["Figure", "Value", "Unit", "Year"]
    assert set(minutes["Unit"]) == {"minutes per day"}
    money = data.estimates_table("in_feed_cpm_us", ["label", "value", "low", "high", "year"])
    assert "Unit" not in money.columns and money["Value"].str.startswith("$").all()
    with pytest.raises(KeyError, match="did you mean"):
        data.estimates_table("minutes_per_day", ["label", "valeu"])
