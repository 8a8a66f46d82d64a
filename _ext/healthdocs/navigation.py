"""Site navigation that costs the same per page however many articles there are.

Furo renders the whole global toctree into every page's sidebar and parses it
again with BeautifulSoup: with every article in the toctree that is quadratic
(954 s for a 1,000-article clean build). Articles stay in the toctree, so
LaTeX, EPUB and singlehtml still include them, but on the website:

* the sidebar (``templates/healthdocs/sidebar.html``) lists the root toctree's
  other pages plus one link per topic page, handed to furo by replacing
  ``context["toctree"]`` before furo's own ``html-page-context`` handler calls it;
  it is a view (``freshness.py``): when it changes, every page is rewritten;
* articles get breadcrumbs (``breadcrumbs.html``: Home › Topic › Title), a meta
  line under the title (date, reading time, topic) and their tags at the end;
* furo's alphabetical previous/next footer is dropped: for articles it pointed
  at unrelated neighbours, and related cards do that job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import freshness
from .cards import article_uri, meta_text
from .nodes import component, related_articles
from .registry import (SITE_BUILDERS, Article, articles, categories, hub_page, is_article,
                       tag_label, tag_page, tags_index)
from .templates import render
from .util import slugify

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from markupsafe import Markup
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

VIEW = "sidebar"


def _other_pages(env: BuildEnvironment) -> tuple[tuple[str, str], ...]:
    """Pages the root toctree lists that are not articles (glossary, about...)."""
    root = env.config.root_doc
    return tuple((docname, env.titles[docname].astext())
                 for docname in env.toctree_includes.get(root, [])
                 if not is_article(env.config, docname) and docname in env.titles)


def _entries(env: BuildEnvironment) -> tuple[Any, ...]:
    """Everything the sidebar shows: (other pages, topic pages)."""
    return (_other_pages(env), tuple((hub_page(env.config, name), name)
                                     for name, _ in categories(env.config, articles(env))))


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """Every page shows the same sidebar (the current item aside)."""
    entries = _entries(env)
    return dict.fromkeys(env.found_docs if only is None else only, entries)


def _sidebar(app: Sphinx, pagename: str, current: str, pathto: Callable[[str], str]) -> Markup:
    env = app.env
    # Computed after reading, once per build: the same for every page.
    other_pages, hubs = freshness.value(env, VIEW, pagename) or _entries(env)

    def item(target: str, title: str, is_current: bool) -> tuple[str, str, str]:
        classes = "toctree-l1" + (" current current-page" if target == pagename else
                                  " current" if is_current else "")
        return pathto(target), title, classes

    topics = [item(hub, name, bool(current) and slugify(name) == slugify(current))
              for hub, name in hubs]
    if topics:
        topics.append(item(tags_index(env.config), "All tags", False))
    return render(app, "sidebar.html", others=[item(d, t, False) for d, t in other_pages],
                  topics=topics)


def breadcrumbs(app: Sphinx, pagename: str, trail: list[tuple[str, str]], here: str) -> Markup:
    """The breadcrumb trail of a page: ``trail`` is (pagename, title) of the pages above."""
    return render(app, "breadcrumbs.html", here=here, trail=[
        (app.builder.get_relative_uri(pagename, target), title) for target, title in trail])


def article_trail(env: BuildEnvironment, article: Article) -> list[tuple[str, str]]:
    """Home › Category › Title for an article page, as (pagename, title) pairs."""
    trail = [(env.config.root_doc, "Home")]
    if article.category:
        trail.append((hub_page(env.config, article.category), article.category))
    return [*trail, (article.docname, article.title)]


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """``html-page-context`` (before furo): sidebar, breadcrumbs, no prev/next."""
    if app.builder.name not in SITE_BUILDERS:
        return
    article = articles(app.env).get(pagename)
    category = context.get("hd_category") or (article.category if article else "")
    # The template's own pathto: relative links, or absolute ones on the 404 page
    # (sphinx-notfound-page replaces it at priority 400, before this handler).
    sidebar = _sidebar(app, pagename, category, context["pathto"])
    context["toctree"] = lambda **kwargs: sidebar
    context["prev"] = context["next"] = None
    if article is not None and "body" in context:
        *trail, (_, here) = article_trail(app.env, article)
        context["body"] = str(breadcrumbs(app, pagename, trail, here)) + context["body"]


def _link(builder: Builder, docname: str, text: str, target: str) -> nodes.Node:
    uri = article_uri(builder, docname, target)
    return nodes.reference(text, text, refuri=uri, internal=True) if uri else nodes.Text(text)


def article_meta_line(builder: Builder, env: BuildEnvironment, docname: str,
                      article: Article) -> nodes.paragraph:
    """``20 November 2026 · 6 min read · Topic`` with the topic linked: one line on
    a 375 px phone for a topic name of up to about 16 characters."""
    line = nodes.paragraph("", meta_text(article), classes=["hd-article-meta", "no-search"])
    if article.category:
        line += nodes.Text(" · ")
        line += _link(builder, docname, article.category, hub_page(env.config, article.category))
    return line


def article_tags_line(builder: Builder, env: BuildEnvironment, docname: str,
                      article: Article) -> nodes.paragraph:
    """``Tags: a, b`` linking to the tag pages."""
    line = nodes.paragraph("", "Tags: ", classes=["hd-article-tags", "no-search"])
    for index, tag in enumerate(article.tags):
        if index:
            line += nodes.Text(", ")
        line += _link(builder, docname, tag_label(env.config, tag), tag_page(env.config, tag))
    return line


def _closes_article(node: nodes.Node) -> bool:
    # Post-transforms run before doctree-resolved: related cards are still placeholders.
    return isinstance(node, related_articles) or component(node) == "review"


class ArticleMeta(SphinxPostTransform):
    """Website only: the meta line under the title, the tags at the end of the article."""

    default_priority = 200
    builders = tuple(SITE_BUILDERS)

    def run(self, **kwargs: Any) -> None:
        # As Sphinx's own post-transforms do: transforms no longer get the app in Sphinx 9.
        env, builder = self.env, self.env._app.builder
        docname = env.current_document.docname
        article = articles(env).get(docname)
        section = next((n for n in self.document.children if isinstance(n, nodes.section)), None)
        if article is None or section is None or not isinstance(section[0], nodes.title):
            return
        section.insert(1, article_meta_line(builder, env, docname, article))
        if not article.tags:
            return
        tags = article_tags_line(builder, env, docname, article)
        # The review line and related cards close the article: the tags go before them.
        closing = next(self.document.findall(_closes_article), None)
        if closing is not None:
            closing.parent.insert(closing.parent.index(closing), tags)
            return
        container: nodes.Element = section
        while container.children and isinstance(container[-1], nodes.section):
            container = container[-1]
        container += tags


def setup_navigation(app: Sphinx) -> None:
    app.add_post_transform(ArticleMeta)
    freshness.declare(app, freshness.View(VIEW, view))
