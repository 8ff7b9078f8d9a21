"""Template filters: thin wrappers over comparisons.engine.formatting, so templates and the
engine format numbers the same way."""

from django import template

from comparisons.engine import formatting
from comparisons.engine.benchmarks import source_host
from comparisons.index_pages import index_urls

register = template.Library()

register.filter("tokens", formatting.tokens)
register.filter("price", formatting.price)
register.filter("price_per_million", formatting.price_per_million)
register.filter("money", formatting.money)
register.filter("iso_date", formatting.iso_date)
register.filter("year_month", formatting.year_month)
register.filter("token_volume", formatting.token_volume)
register.filter("source_host", source_host)


@register.filter
def support_label(value: bool | None) -> str:
    """True -> "Yes", False -> "No", None -> "Not sourced"."""
    if value is None:
        return "Not sourced"
    return "Yes" if value else "No"


@register.filter
def or_unknown(value: object) -> object:
    return formatting.UNKNOWN if value in (None, "") else value


@register.filter
def support_class(value: bool | None) -> str:
    if value is None:
        return "unknown"
    return "yes" if value else "no"


@register.filter
def pair_with(first: object, second: object) -> tuple[object, object]:
    """{% for x in a|pair_with:b %}: iterate over two values in A, B order."""
    return (first, second)


@register.filter
def initials(name: str) -> str:
    """A short code for an icon: "Code execution" -> "CE", "Vision" -> "Vi"."""
    words = name.split()
    if len(words) > 1:
        return "".join(w[0] for w in words[:3]).upper()
    return name[:2]


@register.filter
def jsonld(data: object) -> str:
    """A <script type="application/ld+json"> block; <, > and & are escaped as in
    json_script, so editor text cannot close the script element."""
    import json

    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def index_url(context: template.Context, which: str) -> str:
    """{% index_url "models" %} or {% index_url "comparisons" %}: where the site put that
    index page (read from the page tree, once per request)."""
    return getattr(index_urls(context.get("request")), which)
