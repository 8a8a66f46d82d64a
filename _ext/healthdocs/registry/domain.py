"""Where the registry lives in the environment: a Domain, so ``-j`` reads merge it
and a re-read or deleted page drops its entries (the ``sphinx.ext.todo`` pattern)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Mapping, Set

    from sphinx.environment import BuildEnvironment

    from .article import Article


class HealthDomain(Domain):
    name = "healthdocs"
    label = "Health content"
    #: articles: docname -> Article; related: docname -> the related-articles uses on
    #: that page; listings: docname -> the article-list uses on that page.
    initial_data: dict[str, Any] = {"articles": {}, "related": {}, "listings": {}}
    data_version = 4

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._tagged: dict[str, tuple[Article, ...]] | None = None

    @property
    def articles(self) -> dict[str, Article]:
        return self.data.setdefault("articles", {})

    def add_article(self, docname: str, article: Article) -> None:
        self.articles[docname] = article
        self._tagged = None

    def tagged(self) -> Mapping[str, tuple[Article, ...]]:
        """Tag as written -> the articles with it; worked out again only after an article
        changes (every page with tag-picked cards asks: scanning every article for each of
        them made a build's time grow with the square of the site's size)."""
        if self._tagged is None:
            index: dict[str, list[Article]] = {}
            for article in self.articles.values():
                for tag in dict.fromkeys(article.tags):
                    index.setdefault(tag, []).append(article)
            self._tagged = {tag: tuple(found) for tag, found in index.items()}
        return self._tagged

    @property
    def related(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("related", {})

    @property
    def listings(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("listings", {})

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data.setdefault(key, {}).pop(docname, None)
        self._tagged = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.initial_data:
            other = otherdata.get(key, {})
            mine = self.data.setdefault(key, {})
            for docname in docnames:
                if docname in other:
                    mine[docname] = other[docname]
        self._tagged = None

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> HealthDomain:
    return env.domains["healthdocs"]  # type: ignore[return-value]
