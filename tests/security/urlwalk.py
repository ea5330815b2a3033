"""Every URL of the portal, read from the URL configuration."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str | None
    pattern: str
    callback: object


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name=name, pattern=prefix + str(entry.pattern), callback=entry.callback)


def all_routes() -> list[Route]:
    """Every URL pattern, with its namespaced name, in URL-configuration order."""
    return list(_walk(get_resolver().url_patterns))


def portal_routes() -> list[Route]:
    """The portal's own URLs: everything outside the Django admin."""
    return [
        route
        for route in all_routes()
        if not (route.name or "").startswith("admin:") and not route.pattern.startswith("admin/")
    ]
