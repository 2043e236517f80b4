"""Citations: every source id resolves, credit lines collapse, disagreements are found."""

from __future__ import annotations

import pandas as pd

from analysis import load
from analysis.charts.credits import credit_line
from analysis.data.datasets import names, validate_all
from analysis.study.sources import attributions, disagreements, preferred_source


def test_every_curated_dataset_is_valid() -> None:
    problems = {name: v for name, v in validate_all().items() if v}
    assert not problems, "\n".join(str(v) for vs in problems.values() for v in vs)


def test_every_dataset_cites_known_sources() -> None:
    known = set(load("sources")["source_id"])
    for name in names():
        frame = load(name)
        if "source_id" in frame and name != "sources":
            assert set(frame["source_id"]) <= known, name


def test_every_source_is_cited() -> None:
    cited: set[str] = set()
    for name in names():
        frame = load(name)
        if name != "sources" and "source_id" in frame:
            cited |= set(frame["source_id"])
    sources = load("sources")
    origins = {o for d in sources["derived_from"].dropna() for o in d.split(";")}
    unused = set(sources["source_id"]) - cited - origins
    assert not unused, f"sources cited by no row and copied by no source: {sorted(unused)}"


def test_derived_from_names_known_sources_without_cycles() -> None:
    sources = load("sources").set_index("source_id")
    parents = {
        sid: [] if pd.isna(d) else str(d).split(";") for sid, d in sources["derived_from"].items()
    }
    for sid, ps in parents.items():
        assert sid not in ps, f"{sid} derives from itself"
        for p in ps:
            assert p in parents, f"{sid} derives from unknown source {p!r}"

    def reaches(start: str, seen: frozenset[str]) -> None:
        for p in parents[start]:
            assert p not in seen, f"derived_from cycle through {p}"
            reaches(p, seen | {p})

    for sid in parents:
        reaches(sid, frozenset({sid}))


def test_credit_line_names_every_source_in_its_language() -> None:
    ids = ["clioinfra_labour_disputes", "ohl_coes_lafferte_tables", "ine_ipc_empalme_1928_2009"]
    line = credit_line(ids, "en")
    assert line.startswith("Sources: ") and "other source" not in line
    assert all(name in line for name in attributions(ids))
    spanish = credit_line(ids, "es")
    assert spanish.startswith("Fuentes: ") and " via " not in spanish and "from ILO" not in spanish
    assert "serie mensual empalmada" in spanish
    assert credit_line(ids[:1], "es").startswith("Fuente: ")
    many = [f"s{i}" for i in range(12)]
    assert credit_line(many, "en", evidence=True).startswith("Sources: 12 sources")


def _rows(*spec: tuple[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"source_id": sid, "value": float(i)} for sid, n in spec for i in range(n)]
    )


def test_preferred_source_rule() -> None:
    """Among sources giving at least half as many values as the fullest: the best kind, then the
    fullest, then the id; never the article or a copy of it."""
    kinds = load("sources").set_index("source_id")["kind"]
    producer = "ine_ipc_empalme_1928_2009"
    scholarly = "clioinfra_inflation_dezwart"
    assert (kinds[producer], kinds[scholarly]) == ("producer", "scholarly")
    # A producer's full series beats a fuller compilation.
    assert preferred_source(_rows((scholarly, 60), (producer, 40)), "value") == producer
    # A fragment of a producer does not displace a full series.
    assert preferred_source(_rows((scholarly, 60), (producer, 5)), "value") == scholarly
    # The article is never preferred, however full.
    assert preferred_source(_rows(("article", 90), (scholarly, 3)), "value") == scholarly
    copies = load("sources")
    copy = copies[copies["derived_from"].fillna("").str.split(";").apply(lambda d: "article" in d)]
    if not copy.empty:
        sid = copy["source_id"].iloc[0]
        assert preferred_source(_rows((sid, 90), (scholarly, 3)), "value") == scholarly


def test_disagreements() -> None:
    frame = pd.DataFrame(
        {
            "year": [1970, 1970, 1971, 1972, 1972],
            "strikes": [1819, 5295, 2696, 3325, 3325],
            "source_id": ["ilo", "other", "ilo", "ilo", "other"],
        }
    )
    d = disagreements(frame, ["year"], "strikes")
    assert list(d["year"]) == [1970, 1972]
    row = d.iloc[0]
    assert (row["low"], row["high"], row["low_source"], row["high_source"]) == (
        1819,
        5295,
        "ilo",
        "other",
    )
    assert row["spread_pct"] == round((5295 / 1819 - 1) * 100, 2)
    assert d.iloc[1]["spread_pct"] == 0


def test_spread_of_negative_values_is_finite() -> None:
    from analysis.study.sources import spread_pct

    assert spread_pct(100, 150) == 50
    assert round(spread_pct(-12.91, -12.90), 3) == 0.077
    assert spread_pct(-1.02, -0.1) > 0 and spread_pct(0, 0) == 0


def test_every_csv_is_in_the_one_written_form() -> None:
    """Each CSV is exactly as the suite writes it (minimal quoting, LF), so that a workbook round trip
    of unchanged data is byte for byte the same file."""
    import csv
    import io

    from analysis.core.fileio import csv_bytes
    from analysis.core.paths import DATASETS

    for path in sorted(DATASETS.glob("*.csv")):
        data = path.read_bytes()
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert csv_bytes(rows[0], rows[1:]) == data, path.name
