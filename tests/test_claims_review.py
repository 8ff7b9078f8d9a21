"""The claim check where reviewers meet it: the Needs re-review report and the Fact check,
driven through the admin's own views and workflow action URLs."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.models import ClaimAcknowledgement, ComparisonPage, ReviewStamp
from comparisons.review.status import status_for_page
from tests import test_review_workflow as workflow
from tests.admin_forms import comparison_form
from tests.test_query_counts import make_comparison, make_model
from tests.test_review_workflow import (
    act,
    change_price,
    login,
    refused,
    submit_new_comparison,
    task_names,
)

pytestmark = pytest.mark.django_db
people = workflow.people  # two editors' and reviewers' accounts, as in the workflow tests

QUESTION = "What does GPT-5.1 Codex cost?"
REPORT = "comparisons_needs_re_review"


def report_rows(client, user, **params) -> dict[str, str]:
    """{comparison title: the row's text} of the Needs re-review report."""
    response = login(client, user).get(reverse(REPORT), params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one("td a").get_text(strip=True): " ".join(row.get_text(" ").split())
        for row in soup.select("table tbody tr")
    }


def publish_through_review(client, people, answer: str, *, acknowledge: bool = False):
    page = submit_new_comparison(client, people["editor"], faq=[(QUESTION, answer)])
    extra = {"claims_flagged": "on", "acknowledge_claims": "on"} if acknowledge else {}
    assert act(client, people["reviewer"], page, **extra).status_code == 302
    assert task_names(page) == "Final approval"
    assert act(client, people["second"], page).status_code == 302
    page.refresh_from_db()
    assert page.live
    return page


def test_report_lists_published_pages_whose_prose_a_price_change_contradicts(client, people):
    page = publish_through_review(
        client, people, "<p>It costs $1.25 input on Vercel AI Gateway.</p>"
    )
    assert page.title not in report_rows(client, people["reviewer"])

    change_price("gpt-5-1-codex", "vercel-ai-gateway", "0.99")
    rows = report_rows(client, people["reviewer"], reason="claims")
    # The new page's FAQ, and the demo page whose deep dive quotes the old price.
    assert set(rows) == {page.title, "GPT-5.1 Codex vs Qwen3.5-4B"}
    assert "Claims contradict data" in rows[page.title]
    assert (
        f"FAQ: {QUESTION}: “It costs $1.25 input on Vercel AI Gateway.” says input price of "
        "$1.25/1M for GPT-5.1 Codex on Vercel AI Gateway; data says GPT-5.1 Codex: $0.99 input "
        "on Vercel AI Gateway."
    ) in rows[page.title]
    assert (
        "“Pricing coverage is uneven: GPT-5.1 Codex costs $1.25/1M input tokens"
        in (rows["GPT-5.1 Codex vs Qwen3.5-4B"])
    )


def test_an_acknowledged_claim_leaves_the_report_until_its_data_changes(client, people):
    answer = "<p>GPT-5.1 Codex costs $1.07 input.</p>"  # the data says $1.25
    page = submit_new_comparison(client, people["editor"], faq=[(QUESTION, answer)])
    reviewer = people["reviewer"]
    # The fact check still needs the claim acknowledged: a plain approval is refused.
    assert refused(act(client, reviewer, page))
    assert task_names(page) == "Fact check"
    assert not ClaimAcknowledgement.objects.exists()
    assert (
        act(client, reviewer, page, claims_flagged="on", acknowledge_claims="on").status_code == 302
    )
    (ack,) = ClaimAcknowledgement.objects.filter(page=page)
    assert ack.acknowledged_by == reviewer and ack.acknowledged_by_name == "Rita"
    assert "“GPT-5.1 Codex costs $1.07 input.”" in ack.claim and "$1.25 input" in ack.claim
    assert act(client, people["second"], page).status_code == 302
    page.refresh_from_db()
    assert page.live
    stamp = ReviewStamp.objects.get(page=page)
    assert [c for c in stamp.acknowledged_claims if "$1.07 input" in c]

    # Acknowledged against $1.25: not listed, for claims or at all.
    assert page.title not in report_rows(client, reviewer)
    editor = login(client, people["editor"]).get(
        reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )
    notice = BeautifulSoup(editor.content, "html.parser").select_one("[data-review-status]")
    assert "$1.07" not in notice.get_text()

    # The price moves: the claim was never checked against $0.99, so it is flagged again.
    change_price("gpt-5-1-codex", "vercel-ai-gateway", "0.99")
    rows = report_rows(client, reviewer, reason="claims")
    assert page.title in rows
    assert "“GPT-5.1 Codex costs $1.07 input.”" in rows[page.title]
    assert "data says GPT-5.1 Codex: $0.99 input on Vercel AI Gateway" in rows[page.title]

    # Back to the price it was acknowledged against: quiet again.
    change_price("gpt-5-1-codex", "vercel-ai-gateway", "1.25")
    assert page.title not in report_rows(client, reviewer, reason="claims")


def test_a_claim_acknowledged_before_needs_no_second_acknowledgement(client, people):
    answer = "<p>GPT-5.1 Codex costs $1.07 input.</p>"
    page = publish_through_review(client, people, answer, acknowledge=True)

    # The editor resubmits the same prose: the claim was checked against the same data.
    data = comparison_form("gpt-5-1-codex", "codex-1", faq=[(QUESTION, answer)])
    data["action-submit"] = "submit"
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert login(client, people["editor"]).post(edit, data).status_code == 302
    assert task_names(page) == "Fact check"
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", page.current_workflow_task_state.pk),
    )
    dialog = BeautifulSoup(login(client, people["second"]).get(url).json()["html"], "html.parser")
    assert dialog.select_one(".review-claims") is None
    assert dialog.select_one('input[name="acknowledge_claims"]') is None
    earlier = dialog.select_one(".review-claims-acknowledged").get_text()
    assert "GPT-5.1 Codex costs $1.07 input." in earlier
    assert act(client, people["second"], page).status_code == 302
    assert task_names(page) == "Final approval"

    # After a price change, the same claim needs acknowledging again.
    change_price("gpt-5-1-codex", "vercel-ai-gateway", "0.99")
    assert act(client, people["reviewer"], page).status_code == 302  # final approval
    assert login(client, people["editor"]).post(edit, data).status_code == 302
    assert refused(act(client, people["second"], page))
    assert task_names(page) == "Fact check"
    response = act(client, people["second"], page, claims_flagged="on", acknowledge_claims="on")
    assert response.status_code == 302
    assert ClaimAcknowledgement.objects.filter(page=page).count() == 2


def test_the_report_costs_the_same_queries_however_many_pages_and_acknowledgements(client, people):
    reviewer = people["reviewer"]

    def count() -> int:
        login(client, reviewer).get(reverse(REPORT))  # warm per-process caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(REPORT))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(6):
        page = make_comparison(
            make_model(f"claims-a-{i}", routes=3, scores=1),
            make_model(f"claims-b-{i}", routes=2, scores=1),
        )
        page.sections = [
            {"type": "verdict", "value": {"heading": "", "text": f"<p>claims-a-{i} has 5 tracked routes.</p>"}},
            {"type": "deep_dive", "value": {"heading": "", "body": "<p>Provider availability is 3 tracked routes versus 1.</p>"}},
        ]  # fmt: skip
        page.save_revision().publish()
        if i % 2:
            ClaimAcknowledgement.record(page.pk, status_for_page(page).claims, user=reviewer)
    statuses_rows = report_rows(client, reviewer, reason="claims")
    assert "claims-a-0 vs claims-b-0" in statuses_rows
    assert "claims-a-1 vs claims-b-1" not in statuses_rows
    assert ComparisonPage.objects.live().count() >= 11
    assert count() == few
