"""Where the registry lives in the environment: a Domain, so ``-j`` reads merge it
and a re-read or deleted page drops its entries (the ``sphinx.ext.todo`` pattern)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

    from .article import Article


class HealthDomain(Domain):
    name = "healthdocs"
    label = "Health content"
    #: articles: docname -> Article; related: docname -> the related-articles uses on
    #: that page; listings: docname -> the article-list uses on that page.
    initial_data: dict[str, Any] = {"articles": {}, "related": {}, "listings": {}}
    data_version = 4

    @property
    def articles(self) -> dict[str, Article]:
        return self.data.setdefault("articles", {})

    @property
    def related(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("related", {})

    @property
    def listings(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("listings", {})

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.initial_data:
            other = otherdata.get(key, {})
            mine = self.data.setdefault(key, {})
            for docname in docnames:
                if docname in other:
                    mine[docname] = other[docname]

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> HealthDomain:
    return env.domains["healthdocs"]  # type: ignore[return-value]
