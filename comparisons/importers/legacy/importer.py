"""Legacy comparison pages -> draft ComparisonPages: the database side of the importer.

Every file is parsed first (comparisons/importers/legacy/parse.py); if any cannot be read,
nothing is written and the error names each bad file. The pages are then written in one
transaction: the two models are matched to model pages (or created as title-only drafts),
the page's verdict, deep dive and FAQ become the prose of a new draft comparison page (or a
new draft revision of the existing page for the pair, only when it changes), the historical
"Last reviewed" date becomes a review stamp, and the page's facts are checked against our
published data for the report. A dry run does all of it and rolls it back.

An existing page is only changed the way its editor could change it: never while it is in
review, locked or scheduled for publishing, and (in the admin) only by a user who may edit
it. Any failure, expected or not, becomes a `LegacyImportError` naming the file; nothing
is saved.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.locks import BasicLock, ScheduledForPublishLock

from comparisons.blocks.stream_data import (
    PROSE_FIELDS,
    default_section_data,
    prose_fragments,
    with_prose,
    without_ids,
)
from comparisons.engine.values import ModelFacts, PairFacts
from comparisons.facts import load_capabilities, load_model_facts, site_default_traffic
from comparisons.importers.errors import ImportRefused
from comparisons.importers.legacy.conflicts import find_conflicts
from comparisons.importers.legacy.matching import create_model, find_model
from comparisons.importers.legacy.page_report import ModelMatch, PageReport, run_report
from comparisons.importers.legacy.parse import LegacyPage, LegacyPageError, parse_legacy_page
from comparisons.importers.legacy.sections import (
    PROSE_LABELS,
    comparable,
    faq_change,
    faq_summary,
    is_empty,
    plain,
    prose,
)
from comparisons.importers.report import ImportReport
from comparisons.models import ComparisonIndexPage, ComparisonPage, ImportRun, ModelPage
from comparisons.review.claims import contradictions
from comparisons.review.stamps import stamp_historical_review

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """A file to import: its name (for messages and the file type) and its bytes."""

    name: str
    data: bytes


class LegacyImportError(ImportRefused):
    """The run was refused or failed; nothing was written. One problem per line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            text = f"Nothing was imported: {self.problems[0]}"
        else:
            listed = "\n".join(f"- {p}" for p in self.problems)
            text = f"Nothing was imported ({len(self.problems)} problems):\n{listed}"
        super().__init__(text)


def read_sources(sources: Sequence[Source], *, today: date | None = None) -> list[LegacyPage]:
    """Every file parsed, or LegacyImportError naming each that cannot be read. Fast (no
    database), so the admin checks the upload with it before it queues the import."""
    if not sources:
        raise LegacyImportError(["no files were given."])
    today = today or timezone.localdate()
    parsed, problems = [], []
    for source in sources:
        try:
            parsed.append(parse_legacy_page(source.name, source.data, today=today))
        except LegacyPageError as exc:
            problems.append(str(exc))
        except Exception as exc:  # a file we failed to read must not become a server error
            logger.exception("Legacy import: reading %s failed unexpectedly", source.name)
            problems.append(unexpected(source.name, "read", exc))
    if problems:
        raise LegacyImportError(problems)
    return parsed


def import_legacy_pages(
    sources: Sequence[Source],
    *,
    dry_run: bool = False,
    user: Any = None,
    today: date | None = None,
    run: ImportRun | None = None,
) -> ImportReport:
    """Import the files in one transaction; the report is recorded onto `run` (claimed
    beforehand) or as a new run of the import log, except in a dry run."""
    parsed = read_sources(sources, today=today)
    try:
        with transaction.atomic():
            importer = _Importer(user)
            names = ", ".join(source.name for source in sources)
            result = run_report(names, importer.run_all(parsed), dry_run=dry_run)
            result.run = run
            if dry_run:
                transaction.set_rollback(True)
            else:
                result.record(ImportRun.Kind.LEGACY, user=user)
    except LegacyImportError:
        raise
    except DatabaseError as exc:
        raise LegacyImportError([f"the database could not be written: {exc}"]) from exc
    except Exception as exc:
        logger.exception("Legacy import: writing failed unexpectedly")
        raise LegacyImportError([unexpected("the import", "saved", exc)]) from exc
    return result


def unexpected(what: str, stage: str, exc: BaseException) -> str:
    return (
        f"{what}: could not be {stage}: an unexpected error occurred "
        f"({type(exc).__name__}); the details are in the server log."
    )


class _Importer:
    def __init__(self, user: Any) -> None:
        self.user = user if getattr(user, "pk", None) else None
        self.index = ComparisonIndexPage.objects.first()
        if self.index is None:
            raise LegacyImportError(
                ["there is no comparison index page (/compare/) to import under."]
            )
        self.capabilities = load_capabilities()
        self.traffic = site_default_traffic()
        self.created_models: set[int] = set()
        self.pairs: dict[frozenset[int], str] = {}  # model page ids -> the file importing them

    def run_all(self, pages: Sequence[LegacyPage]) -> list[PageReport]:
        """Every page's report; LegacyImportError listing each file that cannot be imported."""
        reports, problems = [], []
        for legacy in pages:
            try:
                reports.append(self.run(legacy))
            except LegacyPageError as exc:
                problems.append(str(exc))  # nothing will be saved; report every such file
            except LegacyImportError:
                raise
            except (ValidationError, DatabaseError) as exc:
                detail = "; ".join(getattr(exc, "messages", None) or [str(exc)])
                raise LegacyImportError(
                    [*problems, f"{legacy.source}: could not be saved: {detail}"]
                ) from exc
            except Exception as exc:
                logger.exception("Legacy import: importing %s failed unexpectedly", legacy.source)
                raise LegacyImportError(
                    [*problems, unexpected(legacy.source, "saved", exc)]
                ) from exc
        if problems:
            raise LegacyImportError(problems)
        return reports

    def run(self, legacy: LegacyPage) -> PageReport:
        report = PageReport(legacy.source, legacy.title)
        a = self.model("A", legacy.model_a, legacy, report)
        b = self.model("B", legacy.model_b, legacy, report)
        if a.pk == b.pk:
            raise LegacyPageError(
                legacy.source,
                f"“{legacy.model_a}” and “{legacy.model_b}” are the same model page.",
            )
        pair = frozenset((a.pk, b.pk))
        if pair in self.pairs:
            raise LegacyPageError(
                legacy.source,
                f"“{legacy.title}” compares the same two models as {self.pairs[pair]} in this "
                "run (in either order); import one of the two files.",
            )
        self.pairs[pair] = legacy.source
        values = prose(legacy)
        page = ComparisonPage.objects.filter(
            Q(model_a=a, model_b=b) | Q(model_a=b, model_b=a)
        ).first()
        if page is None:
            page, revision = self.create(a, b, values, report)
        else:
            self.check_editable(page, legacy.source)
            revision = self.update(page, values, report)
        report.page, report.title = page, page.title
        self.stamp(page, legacy, revision, report)
        self.check(legacy, a, b, values, report, page)
        for warning in legacy.warnings:
            report.warn(warning)
        report.action = report.action or "unchanged"
        return report

    def check_editable(self, page: ComparisonPage, source: str) -> None:
        """Refuse to change a page its editors could not change now: in review, locked,
        scheduled for publishing, or (for an admin user) not theirs to edit."""
        title = f"“{page.title}”"
        state = page.current_workflow_state if page.workflow_in_progress else None
        if state is not None:
            task = state.current_task_state.task.name if state.current_task_state else ""
            where = f" (“{task}” of “{state.workflow.name}”)" if task else ""
            raise LegacyPageError(
                source,
                f"{title} is in review{where}: an import would change the page under review. "
                "Import it once the review is finished or cancelled.",
            )
        lock = page.get_lock()
        if lock is not None and (self.user is None or lock.for_user(self.user)):
            if isinstance(lock, ScheduledForPublishLock):
                why = "has a revision scheduled for publishing, and nobody can change it until then"
            elif isinstance(lock, BasicLock) and page.locked_by is not None:
                holder = page.locked_by.get_full_name() or page.locked_by.get_username()
                why = f"is locked by {holder}: only they can change it while it is locked"
            else:
                why = "is locked: nobody can change it while it is locked"
            raise LegacyPageError(source, f"{title} {why}.")
        if self.user is not None and not page.permissions_for_user(self.user).can_edit():
            raise LegacyPageError(source, f"you may not edit {title}.")

    # --- models ------------------------------------------------------------------------

    def model(self, side: str, name: str, legacy: LegacyPage, report: PageReport) -> ModelPage:
        page, how = find_model(name, legacy.source)
        created = False
        if page is None:
            page, how, created = (
                create_model(name, legacy.source, self.user),
                "created as a draft model page",
                True,
            )
            self.created_models.add(page.pk)
        elif page.pk in self.created_models:
            how = "created as a draft model page earlier in this run"
        elif not page.live:
            how += " (not published yet: the page's facts about it count as not in our data)"
        report.models.append(ModelMatch(side, name, page.title, how, created))
        if created:
            message = f"Created the draft model page “{page.title}” (title only): no model "
            report.add(
                "added", page.title, "model page", f"{message}page matched “{name}”.", new="draft"
            )
        return page

    # --- the comparison page -----------------------------------------------------------

    def create(self, a: ModelPage, b: ModelPage, values: dict, report: PageReport):
        page = ComparisonPage(model_a=a, model_b=b, live=False, owner=self.user)
        page.sections = default_section_data(values)
        page.fill_identity()
        self.index.add_child(instance=page)  # logs "wagtail.create", as the admin does
        revision = page.save_revision(user=self.user, log_action=True)
        for name in PROSE_FIELDS:
            if is_empty(values[name][PROSE_FIELDS[name]]):
                report.warn(
                    f"No {PROSE_LABELS[name]} found on the page; that section is left empty."
                )
        report.action = "created"
        message = f"Created the draft comparison page “{page.title}” with the legacy page's "
        report.add(
            "added",
            page.title,
            "comparison page",
            message + "verdict, deep dive and FAQ.",
            new="draft",
        )
        return page, revision

    def update(self, page: ComparisonPage, values: dict, report: PageReport):
        latest = page.get_latest_revision_as_object()
        current = list(latest.sections.raw_data)
        before = {b.get("type"): b.get("value") or {} for b in current}
        imported = {}
        for name, label in PROSE_LABELS.items():
            field = PROSE_FIELDS[name]
            if not is_empty(values[name][field]):
                imported[name] = values[name]
            elif is_empty(before.get(name, {}).get(field)):
                report.warn(f"No {label} found on the page; that section is left empty.")
            else:
                # A legacy page without the section says nothing about it: keep the page's.
                report.warn(f"No {label} found on the page; the page's {label} is kept.")
        wanted = with_prose(current, imported)
        if comparable(current) == comparable(wanted):
            return None
        for name, label in PROSE_LABELS.items():
            field = PROSE_FIELDS[name]
            if name not in imported:
                continue
            old, new = without_ids(before.get(name, {}).get(field)), values[name][field]
            if comparable(old) == comparable(new):
                continue
            if name == "faq":
                was, now = faq_summary(old or []), faq_summary(new)
                message = f"FAQ replaced: {faq_change(old or [], new)}."
            else:
                was, now = plain(old or ""), plain(new)
                message = f"{label[0].upper()}{label[1:]} replaced: “{now}” (was “{was}”)."
            report.add("changed", page.title, label, message, old=was, new=now)
        if page.live:
            report.warn(
                f"“{page.title}” is published: the import is saved as a new draft revision, and "
                "readers keep the published version until the draft is reviewed and published."
                + (
                    " Its unpublished changes are kept, except the verdict, deep dive and FAQ."
                    if page.has_unpublished_changes
                    else ""
                )
            )
        latest.sections = wanted
        revision = latest.save_revision(user=self.user, log_action=True)
        report.action = "updated"
        return revision

    def stamp(
        self, page: ComparisonPage, legacy: LegacyPage, revision: Any, report: PageReport
    ) -> None:
        """The legacy review date as a historical stamp, on pages readers cannot see yet.

        A published page keeps its own date: a stamp would change the "Last reviewed"
        readers see, for prose that is only a draft until it is reviewed here."""
        if legacy.reviewed_on is None:
            return
        previous = page.review_stamps.order_by("-reviewed_on", "-created_at").first()
        when = legacy.reviewed_on.isoformat()
        if previous is not None and previous.reviewed_on >= legacy.reviewed_on:
            if previous.reviewed_on > legacy.reviewed_on:
                report.warn(
                    f"The page says it was last reviewed {when}; it was reviewed here on "
                    f"{previous.reviewed_on.isoformat()}, and that later date stands."
                )
            return
        if page.live:
            current = previous.reviewed_on.isoformat() if previous else "none"
            report.warn(
                f"The page says it was last reviewed {when}; “{page.title}” is published, so its "
                f"review date ({current}) stays until the imported draft is reviewed here."
            )
            return
        note = Truncator(f"Historical review (legacy page {legacy.source}).").chars(200)
        stamp_historical_review(
            page, legacy.reviewed_on, note=note, revision=revision or page.latest_revision
        )
        old = previous.reviewed_on.isoformat() if previous else None
        report.add(
            "changed" if previous else "added", page.title, "last reviewed",
            f"Last reviewed {when}: kept as a historical review stamp.", old=old, new=when,
        )  # fmt: skip
        report.action = report.action or "updated"

    # --- the conflict report -----------------------------------------------------------

    def check(
        self,
        legacy: LegacyPage,
        a: ModelPage,
        b: ModelPage,
        values: dict,
        report: PageReport,
        page: ComparisonPage,
    ) -> None:
        published = load_model_facts([a.pk, b.pk])
        pair = PairFacts(
            a=published.get(a.pk) or ModelFacts(slug=a.slug, name=a.title),
            b=published.get(b.pk) or ModelFacts(slug=b.slug, name=b.title),
            capabilities=self.capabilities,
            traffic=self.traffic,
        )
        for finding in find_conflicts(legacy.statements, pair):
            kind = "conflict" if finding.kind == "conflict" else "warning"
            report.add(
                kind,
                finding.model,
                finding.field,
                finding.message,
                old=finding.data or None,
                new=finding.page,
            )
        # The prose is checked as the page will show it: "1 route versus 0" reads in the
        # page's order of models, which may be the reverse of this file's.
        if page.model_a_id != a.pk:
            pair = dataclasses.replace(pair, a=pair.b, b=pair.a)
        for claim in contradictions(prose_fragments(default_section_data(values)), pair):
            report.add(
                "conflict", claim.model, f"claim ({claim.source})",
                f"Imported prose contradicts our data: {claim}", old=claim.fact, new=claim.claimed,
            )  # fmt: skip
