"""The "compare any two models" picker: finding published models by what a reader typed.

The picker sends two free-text values (`a`, `b`), and with JavaScript the slug of the
suggestion the reader chose (`a_slug`, `b_slug`). Each side resolves to one model when
the text is a model's slug or, ignoring case, its exact title; otherwise a name search
lists the candidates. The same name search feeds the type-ahead
(GET /api/v1/models/suggest). Every function here costs one query or two, whatever the
size of the catalogue, and none of it runs when a page merely shows the picker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower, NullIf, StrIndex

from comparisons.models import ModelPage
from comparisons.models.visibility import published_q

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
# What may stand before a word inside a model's name: "Claude Sonnet", "(Claude", "GPT-5".
WORD_SEPARATORS = (" ", "(", "-", "/", "[")


@dataclass(frozen=True)
class Candidate:
    slug: str
    title: str
    lab_slug: str | None = None
    lab_name: str | None = None


@dataclass(frozen=True)
class Choice:
    """One side of the picker: what the reader typed and what it resolved to."""

    text: str
    model: Candidate | None = None  # resolved exactly
    candidates: tuple[Candidate, ...] = ()  # otherwise: the name search's matches
    more: bool = False  # more models match than `candidates` lists
    ambiguous_title: bool = False  # several models carry exactly this title

    @property
    def value(self) -> str:
        """What a link that keeps this side as it is puts in the query string."""
        return self.model.slug if self.model else self.text


def normalise(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def _candidates(rows: Any) -> list[Candidate]:
    return [
        Candidate(r["slug"], r["title"], lab_slug=r["lab__slug"], lab_name=r["lab__name"])
        for r in rows
    ]


def _fields(queryset: Any) -> Any:
    return queryset.values("slug", "title", "lab__slug", "lab__name")


def rank_by_name(models: QuerySet, text: str, also: tuple[str, ...] = ()) -> QuerySet:
    """`models` whose title or slug contains every word of `text` (ignoring case), best
    first: the exact slug or title; then names starting with the text; then names where
    it starts a word ("sonnet 4.5" in "Claude Sonnet 4.5"); then names containing it; then
    the rest. Within each, the earlier the text appears in the title the better, then
    alphabetically. A word may also match the fields named in `also` (the admin's model
    chooser adds the lab's name). Shared by the public type-ahead and that chooser."""
    text = normalise(text)
    words = text.split(" ")[:MAX_WORDS] if text else []
    if not words:
        return models.none()
    lowered = text.lower()
    slugish = "-".join(lowered.replace(".", "-").split())
    word_start = reduce(
        or_,
        (Q(title__icontains=f"{sep}{text}") for sep in WORD_SEPARATORS),
        Q(slug__contains=f"-{slugish}"),
    )
    rank = Case(
        When(Q(slug=lowered) | Q(title__iexact=text), then=Value(0)),
        When(Q(title__istartswith=text) | Q(slug__startswith=slugish), then=Value(1)),
        When(word_start, then=Value(2)),
        When(title__icontains=text, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    # Null where the whole text is not in the title (a slug match): after the others.
    position = NullIf(StrIndex(Lower("title"), Value(lowered)), Value(0))
    for word in words:
        matches_word = Q(title__icontains=word) | Q(slug__icontains=word)
        for field in also:
            matches_word |= Q(**{f"{field}__icontains": word})
        models = models.filter(matches_word)
    return models.annotate(name_rank=rank, name_position=position).order_by(
        "name_rank", F("name_position").asc(nulls_last=True), Lower("title"), "slug"
    )


def search_models(text: str, limit: int = 10) -> tuple[list[Candidate], bool]:
    """Published models matching `text`, best first (see `rank_by_name`). Returns up to
    `limit` models and whether more match (one query)."""
    rows = list(_fields(rank_by_name(ModelPage.objects.filter(published_q()), text))[: limit + 1])
    return _candidates(rows[:limit]), len(rows) > limit


def resolve_choices(
    texts: tuple[str, str], slugs: tuple[str, str], candidates_limit: int = 20
) -> tuple[Choice, Choice]:
    """Resolve both sides of the picker.

    A chosen suggestion's slug wins while the text still names that model (its title or
    slug, any case): a reader who edits the text after choosing gets what they typed. Then
    an exact slug, then an exact title ignoring case; several models with that title, or
    no exact match, list the candidates of a name search instead."""
    texts = (normalise(texts[0]), normalise(texts[1]))
    slugs = ((slugs[0] or "").strip(), (slugs[1] or "").strip())
    keys = {s for s in slugs if s} | {t.lower() for t in texts if t}
    exact = Q(slug__in=keys) if keys else Q(pk__in=[])
    exact = reduce(or_, (Q(title__iexact=t) for t in texts if t), exact)
    found = _candidates(
        _fields(ModelPage.objects.filter(published_q(), exact)).order_by(Lower("title"))
    )
    by_slug = {c.slug: c for c in found}

    def resolve(text: str, slug: str) -> Choice:
        chosen = by_slug.get(slug) if slug else None
        if chosen and (not text or text.casefold() in (chosen.title.casefold(), chosen.slug)):
            return Choice(text or chosen.title, model=chosen)
        if not text:
            return Choice(text)
        if text.lower() in by_slug:
            return Choice(text, model=by_slug[text.lower()])
        titled = [c for c in found if c.title.casefold() == text.casefold()]
        if len(titled) == 1:
            return Choice(text, model=titled[0])
        if titled:
            return Choice(text, candidates=tuple(titled), ambiguous_title=True)
        matches, more = search_models(text, candidates_limit)
        return Choice(text, candidates=tuple(matches), more=more)

    return resolve(texts[0], slugs[0]), resolve(texts[1], slugs[1])
