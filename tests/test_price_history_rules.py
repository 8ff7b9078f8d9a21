"""Price history rules on small snapshots: change points only, an older snapshot fills
history without touching current prices, re-reading a snapshot writes nothing; and the
engine's step merging and the chart's step widths."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comparisons.engine.history import Prices, RouteHistory, Step, bill_ordered, record
from comparisons.engine.history_chart import history_chart
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import PriceStep, ProviderRoute
from tests.catalogue_data import provider, snapshot
from tests.catalogue_data import record as entry

pytestmark = pytest.mark.django_db


def steps_of(route_key: str) -> list[tuple]:
    return list(
        PriceStep.objects.filter(route_key=route_key)
        .order_by("first_seen")
        .values_list("first_seen", "last_seen", "input_price")
    )


def ledger() -> list[tuple]:
    return list(
        PriceStep.objects.order_by("pk").values_list(
            "pk", "route_key", "first_seen", "last_seen", "input_price", "output_price"
        )
    )


# --- small snapshots: the ledger's rules ---------------------------------------------------


def small(price: float, last_updated: str = "2026-06-01") -> bytes:
    return snapshot(
        provider(
            "acme",
            entry(
                "acme/widget-1",
                cost={"input": price, "output": price * 2},
                last_updated=last_updated,
            ),
        )
    )


def widget_steps() -> list[tuple]:
    return [(s[0].isoformat(), s[1].isoformat(), s[2]) for s in steps_of("acme|acme/widget-1|")]


def test_an_out_of_order_snapshot_fills_history_without_touching_prices():
    import_catalogue_bytes(small(0.3), source="models-dev-2026-06-01.json")
    import_catalogue_bytes(small(0.5), source="models-dev-2026-03-01.json")  # older, later
    route = ProviderRoute.objects.get(catalogue_key="acme/acme/widget-1")
    assert route.input_price == Decimal("0.3")
    assert widget_steps() == [
        ("2026-03-01", "2026-03-01", Decimal("0.5")),
        ("2026-06-01", "2026-06-01", Decimal("0.3")),
    ]
    # A snapshot between them with the older price extends the older step.
    import_catalogue_bytes(small(0.5), source="models-dev-2026-04-01.json")
    assert widget_steps()[0] == ("2026-03-01", "2026-04-01", Decimal("0.5"))
    assert ProviderRoute.objects.get(pk=route.pk).input_price == Decimal("0.3")


def test_as_of_dates_a_snapshot_and_unchanged_prices_extend_the_step(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_bytes(small(0.3))
    call_command("import_catalogue", str(path), "--as-of", "2026-05-01", stdout=io.StringIO())
    call_command("import_catalogue", str(path), "--as-of", "2026-06-01", stdout=io.StringIO())
    assert widget_steps() == [("2026-05-01", "2026-06-01", Decimal("0.3"))]
    before = ledger()
    call_command("import_catalogue", str(path), "--as-of", "2026-06-01", stdout=io.StringIO())
    assert ledger() == before


def test_several_files_with_as_of_is_refused(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_bytes(small(0.3))
    with pytest.raises(CommandError, match="one path"):
        call_command("import_catalogue", str(path), str(path), "--as-of", "2026-05-01")


# --- the engine ----------------------------------------------------------------------------

P = Prices(Decimal("1"), Decimal("2"))
Q = Prices(Decimal("0.5"), Decimal("1"))


def test_record_splits_a_step_a_snapshot_inside_it_contradicts():
    d = date.fromisoformat
    steps = [Step(P, d("2026-01-01"), d("2026-05-01"))]
    result = record(steps, d("2026-03-01"), Q)
    assert [(s.prices, s.first_seen, s.last_seen) for s in result] == [
        (P, d("2026-01-01"), d("2026-01-01")),
        (Q, d("2026-03-01"), d("2026-03-01")),
        (P, d("2026-05-01"), d("2026-05-01")),
    ]
    assert record(result, d("2026-03-01"), Q) == result


def test_chart_steps_are_as_wide_as_the_time_they_held():
    d = date.fromisoformat
    history = RouteHistory(
        "x|y|",
        "X",
        "x",
        "y",
        "",
        (Step(P, d("2026-01-01"), d("2026-01-31")), Step(Q, d("2026-04-01"), d("2026-05-01"))),
    )
    chart = history_chart([history], d("2026-05-01"))
    first, second = chart.lanes[0].segments
    assert first.days == 90 and second.days == 30
    # The first runs to the second's start (90 days); the second to the axis end (30 + 14).
    assert first.width / second.width == pytest.approx(90 / 44, rel=0.01)


def test_comparison_note_only_beside_the_catalogues_changed_price():
    from comparisons.engine.history import PriceChange, with_price_changes
    from comparisons.engine.tables import Row
    from comparisons.engine.values import RouteFacts

    d = date.fromisoformat
    before = Prices(Decimal("0.039"), Decimal("0.18"))
    after = Prices(Decimal("0.03"), Decimal("0.18"))
    route = RouteFacts(
        provider_slug="openrouter",
        provider_name="OpenRouter",
        provider_model_id="openai/gpt-oss-120b",
        input_price=Decimal("0.03"),
        output_price=Decimal("0.18"),
    )
    changes = {str(route.key): PriceChange(d("2026-06-30"), before, after)}
    rows = [Row("Input price", "$0.03", "—"), Row("Output price", "$0.18", "—")]
    noted = with_price_changes(rows, [route, None], changes)
    assert noted[0].a == "$0.03 (price changed on 2026-06-30 (\N{MINUS SIGN}23 %))"
    assert noted[1].a == "$0.18"  # the output price did not change
    edited = RouteFacts(**{**route.__dict__, "input_price": Decimal("0.05")})
    assert with_price_changes(rows, [edited, None], changes)[0].a == "$0.03"


def test_review_diff_dates_a_route_price_change():
    from comparisons.review.facts_diff import FactChange, _route_price, dated

    key = "a.route.openrouter|openai/gpt-oss-120b|.input_price"
    change = FactChange(
        "Input price (OpenRouter), gpt-oss-120b", "$0.039", "$0.03", route=_route_price(key)
    )
    assert change.route == "openrouter|openai/gpt-oss-120b|"
    assert _route_price("a.route.openrouter|x|.context_limit") == ""
    [stamped] = dated([change], {change.route: date(2026, 6, 30)})
    assert str(stamped) == (
        "Input price (OpenRouter), gpt-oss-120b: $0.039 → $0.03 (price changed on 2026-06-30)"
    )


def test_history_routes_follow_the_bill_then_the_routes_no_longer_listed():
    d = date.fromisoformat

    def route(key: str, *steps: Step) -> RouteHistory:
        return RouteHistory(key, key.upper(), key, "m", "", steps)

    cheap = route("cheap", Step(P, d("2026-01-01"), d("2026-06-01")))
    dear = route("dear", Step(P, d("2026-01-01"), d("2026-06-01")))
    gone_steady = route("a-gone", Step(P, d("2026-01-01"), d("2026-02-01")))
    gone_changed = route(
        "z-gone",
        Step(P, d("2026-01-01"), d("2026-02-01")),
        Step(Q, d("2026-03-01"), d("2026-04-01")),
    )
    ordered = bill_ordered([gone_steady, dear, gone_changed, cheap], ["cheap", "dear"])
    # Listed routes by their bill; then those gone, a changed price first.
    assert [h.key for h in ordered] == ["cheap", "dear", "z-gone", "a-gone"]
    chart = history_chart(ordered[:2], d("2026-06-01"), since=d("2025-12-01"), cheapest="cheap")
    assert [lane.cheapest for lane in chart.lanes] == [True, False]
    # A second chart drawn from the same `since` shares the first one's time axis.
    more = history_chart(ordered[2:], d("2026-06-01"), since=d("2025-12-01"), cheapest="cheap")
    assert more.start == chart.start and more.end == chart.end
    assert not any(lane.cheapest for lane in more.lanes)
