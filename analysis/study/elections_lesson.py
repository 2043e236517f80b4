"""Elections, for notebook 02: the tables its cells show, computed from ``elections.csv`` and
``election_totals.csv``.

Each election has its own sources, so one source is chosen per election by the suite's one rule
(:func:`analysis.study.sources.preferred_source`, applied to the votes, or to the shares where no
source gives votes): the same choice the election charts make. Shares are of valid votes unless a
column says otherwise. The article's figures are never the chosen source.

Every function takes the elections frame (``load("elections")``) or loads it when given none.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.datasets import load
from analysis.study import indicators as ind
from analysis.study.sources import ARTICLE, preferred_source

UP = "Unidad Popular"
CODE = "Confederación de la Democracia (CODE)"
RACE_1970 = "1970-09-04"
MARCH_1973 = "1973-03-04"
MAJORITY = 50.0
# The parties of the Chamber chart, in the order notebook 02 lists them.
PARTIES = ("PDC", "PN", "PL", "PCU", "PR", "PS", "PC")


def _elections(frame: pd.DataFrame | None) -> pd.DataFrame:
    return load("elections") if frame is None else frame


def _dates(frame: pd.DataFrame, election: str) -> list[str]:
    days = frame.loc[frame["election"] == election, "date"]
    return sorted(days.dt.strftime("%Y-%m-%d").unique())


def result(
    date: str, election: str, frame: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, str]:
    """The result of one election as its preferred source gives it: (the candidates' or parties'
    rows in order of share, on the valid-vote basis, alliance totals left out; the source's id)."""
    f = _elections(frame)
    rows = f[(f["date"] == date) & (f["election"] == election) & (f["share_basis"] == "valid")]
    rows = rows.dropna(subset=["share_pct"])
    rows = rows[rows["contender"] != rows["alliance"].fillna("")]
    if rows.empty:
        raise ValueError(f"no valid-vote result for the {election} election of {date}")
    sid = preferred_source(rows, "votes" if rows["votes"].notna().any() else "share_pct")
    best = rows[rows["source_id"] == sid].sort_values("share_pct", ascending=False)
    return best.reset_index(drop=True), sid


def _congress(frame: pd.DataFrame, date: str, sid: str, winner: str, runner_up: str):
    """(winner's votes, runner-up's votes, source) in the vote of Congress that followed a
    presidential election of ``date``, where the data hold it; the popular vote's source first."""
    year = int(date[:4])
    rows = frame[(frame["election"] == "congressional_runoff") & (frame["date"].dt.year == year)]
    rows = rows.dropna(subset=["votes"])
    if rows.empty:
        return pd.NA, pd.NA, pd.NA
    src = sid if sid in set(rows["source_id"]) else preferred_source(rows)
    votes = rows[rows["source_id"] == src].set_index("contender")["votes"]
    return votes.get(winner, pd.NA), votes.get(runner_up, pd.NA), src


def presidential_winners(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per presidential election: the winner and the runner-up of the popular vote with
    their shares of valid votes, the lead in points, whether the winner had an absolute majority,
    the preferred source; and, where the data hold it, the vote of Congress (members' votes for the
    first two) that chose the president when no one had a majority."""
    f = _elections(frame)
    out = []
    for date in _dates(f, "presidential"):
        best, sid = result(date, "presidential", f)
        first, second = best.iloc[0], best.iloc[1]
        yes, no, src = _congress(f, date, sid, first["contender"], second["contender"])
        out.append(
            {
                "date": date,
                "winner": first["contender"],
                "share_pct": round(float(first["share_pct"]), 2),
                "runner_up": second["contender"],
                "runner_up_pct": round(float(second["share_pct"]), 2),
                "lead_points": round(ind.lead(best), 2),
                "majority": bool(first["share_pct"] > MAJORITY),
                "source_id": sid,
                "congress_for": yes,
                "congress_against": no,
                "congress_source": src,
            }
        )
    table = pd.DataFrame(out)
    for column in ("congress_for", "congress_against"):
        table[column] = table[column].astype("Int64")
    table["congress_source"] = table["congress_source"].astype("string")
    return table


def chamber_by_party(
    frame: pd.DataFrame | None = None, parties: tuple[str, ...] = PARTIES
) -> pd.DataFrame:
    """The share of valid votes of each party in ``parties`` at every Chamber of Deputies election,
    from each election's preferred source: one row per party, one column per election year (empty
    where the party did not run)."""
    f = _elections(frame)
    table = {}
    for date in _dates(f, "deputies"):
        best, _ = result(date, "deputies", f)
        shares = best.set_index("contender")["share_pct"]
        table[int(date[:4])] = [shares.get(p, float("nan")) for p in parties]
    return pd.DataFrame(table, index=pd.Index(parties, name="party"))


def sources_used(frame: pd.DataFrame | None = None, election: str = "deputies") -> pd.Series:
    """The preferred source of every election of one kind ("presidential", "deputies"...), by date."""
    f = _elections(frame)
    dates = _dates(f, election)
    return pd.Series(
        [result(d, election, f)[1] for d in dates],
        index=pd.Index(dates, name="date"),
        name="source_id",
    )


def bases_1970(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """4 September 1970: each candidate's votes in every source that gives votes and totals, as a
    share of valid votes and as a share of all ballots (blank and null included), beside the
    article's figure (a share of all ballots)."""
    f = _elections(frame)
    totals = load("election_totals")
    totals = totals[(totals["date"] == RACE_1970) & (totals["election"] == "presidential")]
    totals = totals.set_index("source_id")
    race = f[(f["date"] == RACE_1970) & (f["election"] == "presidential")]
    article = race[race["source_id"] == ARTICLE].set_index("contender")["share_pct"]
    rows = race[(race["share_basis"] == "valid") & race["votes"].notna()]
    rows = rows[rows["source_id"].isin(totals.index)]
    out = []
    for r in rows.itertuples():
        t = totals.loc[r.source_id]
        out.append(
            {
                "contender": r.contender,
                "source_id": r.source_id,
                "votes": r.votes,
                "share_of_valid": round(ind.valid_share(r.votes, t["valid_votes"]), 2),
                "share_of_all_ballots": round(ind.cast_share(r.votes, t["votes_cast"]), 2),
                "article": article.get(r.contender, float("nan")),
            }
        )
    return pd.DataFrame(out)


def march_1973(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """4 March 1973, the Popular Unity against CODE in each chamber: votes, share of valid votes,
    seats won, the seats at stake (every list's seats in the same source) and the share of those
    seats, from the preferred source of the two sides' totals. For the Senate the seats at stake
    are those renewed that day, not the whole Senate."""
    f = _elections(frame)
    out = []
    for chamber in ("deputies", "senate"):
        rows = f[
            (f["date"] == MARCH_1973)
            & (f["election"] == chamber)
            & (f["share_basis"] == "valid")
            & (f["source_id"] != ARTICLE)
        ]
        at_stake = rows.groupby("source_id")["seats"].sum(min_count=1)
        sides = rows[rows["contender"].isin([UP, CODE]) & (rows["contender"] == rows["alliance"])]
        sid = preferred_source(sides)
        for r in sides[sides["source_id"] == sid].sort_values("share_pct").itertuples():
            total = int(at_stake[sid])
            out.append(
                {
                    "chamber": chamber,
                    "side": "UP" if r.contender == UP else "CODE",
                    "votes": r.votes,
                    "share_pct": r.share_pct,
                    "seats": r.seats,
                    "seats_at_stake": total,
                    "seat_pct": round(float(r.seats) / total * 100, 1),
                    "source_id": sid,
                }
            )
    return pd.DataFrame(out)


def senate_seats_won(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Senate seats filled at each renewal in the data, per source that lists the seats of
    every party (a source giving one party's seats only is left out): the parties' seats won that
    day, summed. These renewals filled part of the Senate; the data do not hold the number of
    senators in office after them."""
    f = _elections(frame)
    rows = f[(f["election"] == "senate") & (f["source_id"] != ARTICLE)].dropna(subset=["seats"])
    parties = rows[rows["contender"] != rows["alliance"].fillna("")]
    keys = [parties["date"].dt.strftime("%Y-%m-%d"), "source_id"]
    table = parties.groupby(keys).agg(rows=("contender", "size"), seats_won=("seats", "sum"))
    return table[table["rows"] > 1].reset_index()


def two_thirds(seats: int) -> int:
    """The fewest seats that make at least two thirds of ``seats`` (34 of 50, 17 of 25)."""
    if seats <= 0:
        raise ValueError("seats must be positive")
    return -(-2 * seats // 3)
