"""Properties of the claims judge, for every kind of claim, and verdicts that follow the data.

The first half tests the grammar without data (:class:`Rule`, :func:`relative_difference`,
:func:`judge_span`, :func:`decide`) on generated numbers, negative values, zero, ranges and bounds
included. The second half changes the data a real claim rests on and watches its verdict flip, once
for each kind."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import rewrite
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis import load
from analysis.study.claims import (
    RELATIVE_WITHIN,
    Rule,
    decide,
    judge,
    judge_span,
    period,
    relative_difference,
    row_period,
)

settings.register_profile("claims", max_examples=60, deadline=None, derandomize=True)
settings.load_profile("claims")

# Finite numbers of the sizes the article deals in, negative and zero included.
numbers = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
small = st.floats(min_value=0, max_value=50, allow_nan=False)
sides = st.sampled_from(["both", "below", "above"])


def tolerances():
    """(tolerance_pct, tolerance_abs): exactly one of them, as the grammar requires."""
    return st.one_of(
        st.tuples(small, st.none()),
        st.tuples(st.none(), st.floats(min_value=0, max_value=1e5, allow_nan=False)),
    )


def _room(rule: Rule, value: float) -> float:
    """A margin well beyond float rounding at the scale of ``value`` and of the tolerance."""
    return 1e-6 * (1 + abs(value) + rule.slack(value))


# --------------------------------------------------------------------------------------------
# Points and ratios
# --------------------------------------------------------------------------------------------


@given(v=numbers, tol=tolerances(), side=sides, kind=st.sampled_from(["point", "ratio"]))
def test_a_point_accepts_its_own_figure_and_its_region_never_inverts(v, tol, side, kind) -> None:
    rule = Rule(kind, value=v, side=side, tolerance_pct=tol[0], tolerance_abs=tol[1])
    lo, hi, strict = rule.region()
    assert lo <= v <= hi and not strict
    assert rule.accepts(v)
    assert rule.difference(v) == 0


@given(v=numbers, tol=tolerances(), frac=st.floats(min_value=0, max_value=0.99))
def test_a_point_is_supported_inside_its_tolerance_on_both_sides(v, tol, frac) -> None:
    rule = Rule("point", value=v, tolerance_pct=tol[0], tolerance_abs=tol[1])
    t = rule.slack(v)
    assert rule.accepts(v + frac * t) and rule.accepts(v - frac * t)


@given(v=numbers, tol=tolerances(), extra=st.floats(min_value=0.01, max_value=10))
def test_a_point_differs_beyond_its_tolerance_and_says_which_way(v, tol, extra) -> None:
    rule = Rule("point", value=v, tolerance_pct=tol[0], tolerance_abs=tol[1])
    t = rule.slack(v)
    step = t * (1 + extra) + _room(rule, v)
    above, below = v + step, v - step
    assert not rule.accepts(above) and not rule.accepts(below)
    # The difference is the article minus the data: negative when the data is higher.
    assert rule.difference(above) < 0 < rule.difference(below)


@given(v=numbers, tol=tolerances(), frac=st.floats(min_value=0.01, max_value=0.99))
def test_almost_is_a_one_sided_tolerance(v, tol, frac) -> None:
    """'Almost X' accepts a little under X and nothing over it; 'just over' the reverse."""
    below = Rule("point", value=v, side="below", tolerance_pct=tol[0], tolerance_abs=tol[1])
    above = Rule("point", value=v, side="above", tolerance_pct=tol[0], tolerance_abs=tol[1])
    t = below.slack(v)
    assume(t > _room(below, v))
    assert below.accepts(v - frac * t) and not below.accepts(v + frac * t + _room(below, v))
    assert above.accepts(v + frac * t) and not above.accepts(v - frac * t - _room(above, v))


@given(pct=small, x=numbers)
def test_zero_with_a_relative_tolerance_accepts_only_zero(pct, x) -> None:
    """A relative tolerance of zero's own figure is zero wide: nothing blows up, nothing is loose."""
    rule = Rule("point", value=0.0, tolerance_pct=pct)
    assert rule.accepts(x) == (x == 0)


@given(v=st.floats(min_value=-1e6, max_value=-1e-3), pct=st.floats(min_value=0.1, max_value=50))
def test_a_negative_figure_gets_the_same_tolerance_as_its_mirror(v, pct) -> None:
    neg = Rule("point", value=v, tolerance_pct=pct)
    pos = Rule("point", value=-v, tolerance_pct=pct)
    lo, hi, _ = neg.region()
    plo, phi, _ = pos.region()
    assert math.isclose(lo, -phi) and math.isclose(hi, -plo)


# --------------------------------------------------------------------------------------------
# Relative gaps: direction right for negative values, nothing blows up near zero
# --------------------------------------------------------------------------------------------


@given(claimed=numbers, found=numbers)
def test_a_relative_gap_is_finite_or_absent(claimed, found) -> None:
    pct = relative_difference(claimed, found)
    if claimed * found <= 0:
        assert pct is None  # across or at zero the gap is given in the unit instead
    elif pct is None:
        # next to zero: one number is more than a thousand times the other
        assert max(abs(claimed / found), abs(found / claimed)) > RELATIVE_WITHIN
    else:
        assert math.isfinite(pct) and abs(pct) <= RELATIVE_WITHIN * 100
        assert math.isclose(pct, (claimed - found) / abs(found) * 100, rel_tol=1e-9, abs_tol=1e-9)


@given(
    claimed=st.floats(min_value=0.5, max_value=100),
    tiny=st.floats(min_value=-1e-300, max_value=1e-300),
)
def test_a_relative_gap_does_not_blow_up_next_to_zero(claimed, tiny) -> None:
    assert relative_difference(claimed, tiny) is None
    assert relative_difference(-claimed, tiny) is None


magnitudes = st.floats(min_value=1e-3, max_value=1e7)


@given(a=magnitudes, b=magnitudes, sign=st.sampled_from([1.0, -1.0]))
def test_a_relative_gap_points_the_same_way_as_the_absolute_one(a, b, sign) -> None:
    claimed, found = sign * a, sign * b
    pct = relative_difference(claimed, found)
    if pct is None:  # more than a factor of a thousand apart
        assert max(a / b, b / a) > RELATIVE_WITHIN
    elif claimed != found:
        assert (pct > 0) == (claimed > found)


def test_negative_values_keep_their_direction() -> None:
    # GDP fell 5% (the data) and the article says it fell 6%: the article is lower, by 20%.
    assert relative_difference(-6.0, -5.0) == pytest.approx(-20.0)
    # The article says -4: higher than the data's -5.
    assert relative_difference(-4.0, -5.0) == pytest.approx(20.0)
    # Growth of +2 against -1: no relative gap at all, only 3 points.
    assert relative_difference(2.0, -1.0) is None
    assert Rule("point", value=2.0, tolerance_abs=0.5).difference(-1.0) == pytest.approx(3.0)


# --------------------------------------------------------------------------------------------
# Ranges and bounds
# --------------------------------------------------------------------------------------------


@given(a=numbers, b=numbers, tol=tolerances(), frac=st.floats(min_value=0, max_value=1))
def test_a_range_accepts_all_it_spans(a, b, tol, frac) -> None:
    low, high = min(a, b), max(a, b)
    rule = Rule("range", low=low, high=high, tolerance_pct=tol[0], tolerance_abs=tol[1])
    x = low + frac * (high - low)
    assume(low <= x <= high)
    assert rule.accepts(x)
    assert rule.difference(x) == 0  # inside the range there is no gap


@given(a=numbers, b=numbers, extra=st.floats(min_value=0.01, max_value=1e6))
def test_a_range_says_which_end_the_data_misses(a, b, extra) -> None:
    low, high = min(a, b), max(a, b)
    rule = Rule("range", low=low, high=high, tolerance_abs=0)
    step = extra + _room(rule, max(abs(low), abs(high)))
    assert not rule.accepts(high + step) and rule.difference(high + step) < 0
    assert not rule.accepts(low - step) and rule.difference(low - step) > 0


@given(v=numbers, tol=tolerances(), up=st.floats(min_value=0, max_value=1e9))
def test_a_lower_bound_holds_for_anything_above_it(v, tol, up) -> None:
    """'Over 80' is one-sided: 81 and 8,000 both support it."""
    rule = Rule("lower_bound", value=v, tolerance_pct=tol[0], tolerance_abs=tol[1])
    assert rule.accepts(v + up)
    step = rule.slack(v) + 1 + _room(rule, v)
    assert not rule.accepts(v - step) and rule.difference(v - step) > 0


@given(v=numbers, tol=tolerances(), down=st.floats(min_value=0, max_value=1e9))
def test_an_upper_bound_holds_for_anything_below_it(v, tol, down) -> None:
    """'Less than a quarter' is one-sided: 24% and 2% both support it."""
    rule = Rule("upper_bound", value=v, tolerance_pct=tol[0], tolerance_abs=tol[1])
    assert rule.accepts(v - down)
    step = rule.slack(v) + 1 + _room(rule, v)
    assert not rule.accepts(v + step) and rule.difference(v + step) < 0


# --------------------------------------------------------------------------------------------
# Directions of change
# --------------------------------------------------------------------------------------------


@given(change=numbers, base=numbers, tol=tolerances())
def test_a_rise_is_a_change_beyond_the_tolerance(change, base, tol) -> None:
    rose = Rule("direction", side="above", tolerance_pct=tol[0], tolerance_abs=tol[1])
    fell = Rule("direction", side="below", tolerance_pct=tol[0], tolerance_abs=tol[1])
    t = rose.slack(base)
    assert rose.accepts(change, base) == (change > t)
    assert fell.accepts(change, base) == (change < -t)
    # No change is never a rise nor a fall, and nothing is both.
    assert not rose.accepts(0.0, base) and not fell.accepts(0.0, base)
    assert not (rose.accepts(change, base) and fell.accepts(change, base))


@given(start=st.floats(min_value=-1e6, max_value=-1), f=st.floats(min_value=0.02, max_value=10))
def test_a_fall_from_a_negative_start_is_a_fall(start, f) -> None:
    """A relative dead band uses the size of the start: from -10 to -30 is a fall, not a rise."""
    fell = Rule("direction", side="below", tolerance_pct=1)
    rose = Rule("direction", side="above", tolerance_pct=1)
    change = -abs(start) * f
    assert fell.accepts(change, start) and not rose.accepts(change, start)
    assert rose.accepts(-change, start) and not fell.accepts(-change, start)


# --------------------------------------------------------------------------------------------
# Dates at their precision, and orders of events
# --------------------------------------------------------------------------------------------

days = st.dates(min_value=date(1870, 1, 1), max_value=date(1999, 12, 31))


@given(d=days)
def test_a_day_supports_its_month_and_year_but_a_year_never_supports_a_month(d) -> None:
    month, year = period(d.isoformat()[:7]), period(d.isoformat()[:4])
    day = row_period(d.isoformat(), "day")
    assert judge_span(*day, (*month, False)) is True
    assert judge_span(*day, (*year, False)) is True
    # A row known only to its year cannot support a claim about a month within it...
    assert judge_span(*row_period(d.isoformat(), "year"), (*month, False)) is None
    # ... but a row of another year contradicts it at any precision.
    other = d.replace(year=d.year - 2) if d.month != 2 or d.day != 29 else d - timedelta(days=800)
    assert judge_span(*row_period(other.isoformat(), "year"), (*month, False)) is False


@given(a=st.integers(1870, 1999), b=st.integers(1870, 1999), d=days)
def test_a_range_of_years_matches_any_day_inside_it(a, b, d) -> None:
    lo, hi = min(a, b), max(a, b)
    span = period(f"{lo}/{hi}")
    inside = lo <= d.year <= hi
    assert judge_span(*row_period(d.isoformat(), "day"), (*span, False)) is inside


@given(gap=st.integers(-2000, 2000), low=st.none() | st.integers(-60, -1))
def test_before_and_after(gap, low) -> None:
    before = Rule("order", side="below", low=low, tolerance_abs=0)
    after = Rule("order", side="above", tolerance_abs=0)
    assert before.accepts(gap) == (gap < 0 and (low is None or gap >= low))
    assert after.accepts(gap) == (gap > 0)
    assert not before.accepts(0) and not after.accepts(0)


def test_an_uncertain_order_cannot_be_told() -> None:
    """An event known to its month against one in that month: before or after cannot be said."""
    a = row_period("1972-11-01", "month")
    b = row_period("1972-11-08", "day")
    region = Rule("order", side="above", tolerance_abs=0).region()
    assert judge_span(a[0] - b[1], a[1] - b[0], region) is None


# --------------------------------------------------------------------------------------------
# Many sources: the best grade decides; mixed when it disagrees with itself
# --------------------------------------------------------------------------------------------

outcomes = st.lists(st.tuples(st.integers(0, 9), st.sampled_from([True, False, None])), max_size=8)


@given(outcomes)
def test_the_best_grade_decides(items) -> None:
    told = [(g, o) for g, o in items if o is not None]
    got = decide(items)
    if not told:
        assert got == "article_only"
        return
    best = {o for g, o in told if g == min(g for g, _ in told)}
    assert got == {frozenset({True}): "supported", frozenset({False}): "differs"}.get(
        frozenset(best), "mixed"
    )


@given(outcomes, st.sampled_from([True, False]))
def test_a_worse_source_cannot_overturn_a_better_one(items, dissent) -> None:
    assume(any(o is not None for _, o in items))
    worst = max(g for g, o in items if o is not None)
    assume(worst < 9)
    assert decide([*items, (worst + 1, dissent)]) == decide(items)


def test_equal_grades_that_disagree_are_mixed() -> None:
    assert decide([(1, True), (1, False), (4, True)]) == "mixed"
    assert decide([(0, True), (1, False), (1, False)]) == "supported"


# --------------------------------------------------------------------------------------------
# The verdict of a real claim follows its data, for every kind
# --------------------------------------------------------------------------------------------


def verdict(directory: Path, cid: str) -> str:
    claims = load("claims", directory).set_index("claim_id", drop=False)
    return judge(claims.loc[cid], directory).verdict


def where(**match):
    """A change that applies ``set`` to the rows matching every ``column=value`` given."""

    def make(**values):
        def change(row):
            if all(row[k] == v for k, v in match.items()):
                row.update(values)
            return row

        return change

    return make


FLIPS = [
    # kind, claim, dataset, rows to change, new values, verdict before, verdict after
    (
        "point",
        "C074",  # 283.4% to June 1973
        "inflation",
        {"period": "1973-06", "source_id": "ine_ipc_empalme_1928_2009"},
        {"inflation_pct": "300.5"},
        "supported",
        "differs",
    ),
    (
        "range",
        "C058",  # 50-60% of industry left private: the CIA's 45% state share becomes 70%
        "nationalisation",
        {"date": "1972-01-01", "indicator": "share_industrial_output_pct"},
        {"value": "70"},
        "supported",
        "differs",
    ),
    (
        "lower_bound",
        "C107",  # real wages rose in 1971
        "economy",
        {"year": "1971", "indicator": "real_wage_growth_pct"},
        {"value": "-3"},
        "supported",
        "differs",
    ),
    (
        "upper_bound",
        "C100",  # the Radicals below the Socialists in 1969
        "elections",
        {"date": "1969-03-02", "election": "deputies", "contender": "PR"},
        {"share_pct": "12.10"},
        "differs",
        "supported",
    ),
    (
        "direction",
        "C098",  # strikes rose from 1969 to 1970
        "strikes",
        {"year": "1970", "source_id": "clioinfra_labour_disputes"},
        {"strikes": "1100"},
        "supported",
        "differs",
    ),
    (
        "ratio",
        "C096",  # strikes nearly tripled
        "strikes",
        {"year": "1970", "source_id": "clioinfra_labour_disputes"},
        {"strikes": "3500"},
        "differs",
        "supported",
    ),
    (
        "date",
        "C018",  # the FOCH in 1911
        "events",
        {"label_en": "Workers' federation founded"},
        {"date": "1911-09-18"},
        "differs",
        "supported",
    ),
    (
        "order",
        "C124",  # the generals came in after the lockout was defeated
        "events",
        {"label_en": "Truckers suspend strike"},
        {"date": "1972-10-30"},
        "differs",
        "supported",
    ),
]


@pytest.mark.parametrize(
    ("kind", "cid", "dataset", "match", "values", "before", "after"),
    FLIPS,
    ids=[f[0] for f in FLIPS],
)
def test_a_claim_of_each_kind_flips_when_its_data_changes(
    datasets_copy: Path, kind, cid, dataset, match, values, before, after
) -> None:
    claims = load("claims", datasets_copy).set_index("claim_id")
    assert claims.loc[cid, "kind"] == kind
    assert verdict(datasets_copy, cid) == before
    rewrite(datasets_copy / f"{dataset}.csv", where(**match)(**values))
    assert verdict(datasets_copy, cid) == after


def test_sources_of_the_best_grade_that_disagree_make_a_claim_mixed(datasets_copy: Path) -> None:
    """The copper price fell 1970-1972 in all three scholarly series; if the World Bank's nominal
    series rose instead, the best-graded sources would disagree."""
    assert verdict(datasets_copy, "C068") == "supported"
    rewrite(
        datasets_copy / "copper.csv",
        where(year="1972", indicator="world_price_nominal")(value="1500.0"),
    )
    assert verdict(datasets_copy, "C068") == "mixed"


def test_the_best_graded_source_decides_a_date(datasets_copy: Path) -> None:
    """July 1971: the law's publication (the producer) outranks the country study's 11 June;
    without it, the scholarly country study outranks the press and the claim differs."""
    assert verdict(datasets_copy, "C055") == "supported"
    rewrite(
        datasets_copy / "events.csv",
        lambda r: None if r["label_en"] == "Law 17.450 published" else r,
    )
    assert verdict(datasets_copy, "C055") == "differs"


def test_a_row_coarser_than_the_claim_cannot_support_it(datasets_copy: Path) -> None:
    """October 1969 is not supported by a row that knows only the year 1969."""
    assert verdict(datasets_copy, "C045") == "supported"
    rewrite(
        datasets_copy / "events.csv",
        where(label_en="Popular Unity formed")(date="1969-01-01", precision="year"),
    )
    assert verdict(datasets_copy, "C045") == "article_only"
