"""Listings: the ``article-list`` directive and the generated topic and tag pages.

Everything here is built from the article registry at write time, so a list is
never older than the articles it shows:

* ``article-list`` leaves a placeholder that ``doctree-resolved`` fills; pages
  holding one are rewritten (``env-get-updated``) whenever a card the list
  shows, or the choice of articles it shows, differs from the last build;
* topic hubs, tag pages and their two index pages are ``html-collect-pages``
  pages, rewritten when their content changes (a digest per page kept in the
  output folder); nothing is written into the source tree.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import escape
from sphinx.util.docutils import SphinxDirective

from .articles import Article, changed_articles, get_domain, sorted_articles
from .cards import article_uri, card_grid, card_key
from .util import front_matter_line, slugify, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Builders that produce the website (generated pages, sidebar, breadcrumbs).
#: EPUB and singlehtml are single documents with their own navigation.
SITE_BUILDERS = frozenset({"html", "dirhtml"})
#: In the output folder: digest of each generated page as last written.
DIGESTS = ".healthdocs-generated"


def hub_pagename(env: BuildEnvironment, category: str) -> str:
    return f"{env.config.healthdocs_hub_dir.strip('/')}/{slugify(category)}"


def tag_pagename(env: BuildEnvironment, tag: str) -> str:
    return f"{env.config.healthdocs_tag_dir.strip('/')}/{slugify(tag)}"


def tag_label(config: Config, tag: str) -> str:
    """What readers see for a tag; its slug stays the page's address.

    ``healthdocs_tag_labels`` maps a tag as written, or its slug, to a label
    ("fda": "FDA"); otherwise hyphens become spaces and the first letter a capital
    ("treatment-resistant-depression" -> "Treatment resistant depression").
    """
    labels = config.healthdocs_tag_labels if isinstance(config.healthdocs_tag_labels, dict) else {}
    for key in (tag, slugify(tag)):
        label = labels.get(key)
        if isinstance(label, str) and label.strip():
            return " ".join(label.split())
    text = " ".join(tag.replace("-", " ").split())
    return text[:1].upper() + text[1:]


def category_intro(config: Config, category: str) -> tuple[str, ...]:
    """The paragraphs of ``healthdocs_category_intros`` for a topic (matched by slug)."""
    intros = (config.healthdocs_category_intros
              if isinstance(config.healthdocs_category_intros, dict) else {})
    wanted = slugify(category)
    text = next((value for key, value in sorted(intros.items(), key=lambda kv: str(kv[0]))
                 if isinstance(key, str) and slugify(key) == wanted and isinstance(value, str)),
                "")
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def categories(env: BuildEnvironment,
               articles: dict[str, Article] | None = None) -> list[tuple[str, list[Article]]]:
    """Categories in use with their articles: configured order first, then A-Z.

    Spellings that make the same page ("Ketamine therapy", "Ketamine Therapy") are
    one category under the prevailing spelling (``spelling_collisions`` warns).
    ``articles`` defaults to the registry (a rebuild passes the one from before).
    """
    if articles is None:
        articles = get_domain(env).articles
    rank = _category_rank(env)
    groups = _by_slug((article.category, article) for article in articles.values()
                      if article.category)
    named = [(_prevailing(spellings, rank), [a for arts in spellings.values() for a in arts])
             for spellings in groups.values()]
    named.sort(key=lambda item: (rank.get(item[0], len(rank)), item[0].casefold()))
    return [(name, sorted_articles(arts)) for name, arts in named]


def tags(env: BuildEnvironment) -> list[tuple[str, list[Article]]]:
    """Tags in use (A-Z) with their articles; spellings with the same slug share a page."""
    groups = _by_slug((tag, article) for article in get_domain(env).articles.values()
                      for tag in article.tags)
    named = [(_prevailing(spellings, {}), [a for arts in spellings.values() for a in arts])
             for spellings in groups.values()]
    return sorted(((name, sorted_articles(arts)) for name, arts in named),
                  key=lambda item: (item[0].casefold(), item[0]))


def _category_rank(env: BuildEnvironment) -> dict[str, int]:
    order = list(env.config.healthdocs_category_order or env.config.healthdocs_categories or [])
    return {name: index for index, name in enumerate(order)}


def _by_slug(pairs: Iterable[tuple[str, Article]]) -> dict[str, dict[str, list[Article]]]:
    """slug -> spelling -> articles using that spelling."""
    groups: dict[str, dict[str, list[Article]]] = {}
    for name, article in pairs:
        groups.setdefault(slugify(name), {}).setdefault(name, []).append(article)
    return groups


def _prevailing(spellings: dict[str, list[Article]], rank: dict[str, int]) -> str:
    """The spelling most articles use; ties go to the configured order, then A-Z."""
    return min(spellings, key=lambda name: (-len(spellings[name]), rank.get(name, len(rank)),
                                            name))


def spelling_collisions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: two spellings of a category or tag that would make
    the same generated page. Each article with the minority spelling gets a warning
    at its front-matter line naming the spelling in use and the files using it."""
    articles = get_domain(env).articles.values()
    fields = (("category", _category_rank(env), lambda a: [a.category] if a.category else []),
              ("tags", {}, lambda a: list(a.tags)))
    for key, rank, values in fields:
        groups = _by_slug((name, article) for article in articles for name in values(article))
        for slug, spellings in sorted(groups.items()):
            if len(spellings) < 2:
                continue
            winner = _prevailing(spellings, rank)
            users = sorted(env.doc2path(a.docname, False).as_posix() for a in spellings[winner])
            shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
            page = (hub_pagename(env, winner) if key == "category" else tag_pagename(env, winner))
            for name, losers in sorted(spellings.items()):
                for article in ([] if name == winner else sorted(losers, key=lambda a: a.docname)):
                    warn(f"front matter '{key}': {name!r} and {winner!r} ({shown}) make the same "
                         f"page {page}.html; write {winner!r}, the spelling already in use",
                         (article.docname, front_matter_line(env, article.docname, key)),
                         "frontmatter")


def _count(number: int) -> str:
    return f"{number} article{'s' if number != 1 else ''}"


# --- the article-list directive -------------------------------------------------

class article_list(nodes.General, nodes.Element):
    """Placeholder replaced in ``doctree-resolved``; never reaches a writer."""


class ArticleListDirective(SphinxDirective):
    """Newest articles as cards, optionally filtered, or one section per category."""

    option_spec: ClassVar = {
        "limit": directives.positive_int,
        "category": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "group-by": lambda value: directives.choice(value, ("category",)),
    }

    def run(self) -> list[nodes.Node]:
        node = article_list(limit=self.options.get("limit", 0),
                            category=self.options.get("category", ""),
                            tag=self.options.get("tag", ""),
                            group_by=self.options.get("group-by", ""))
        self.set_source_info(node)
        get_domain(self.env).listings.setdefault(self.env.current_document.docname, []).append(
            {key: node[key] for key in ("limit", "category", "tag", "group_by")})
        return [node]


def _heading_level(node: nodes.Element) -> int:
    parent, depth = node.parent, 0
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    return min(max(depth + 1, 2), 5)


def _selected(env: BuildEnvironment, node: article_list | dict[str, Any],
              registry: dict[str, Article] | None = None) -> list[Article]:
    if registry is None:
        registry = get_domain(env).articles
    articles = sorted_articles(registry.values())
    # By slug, as the generated pages group them (spelling slips included).
    if node["category"]:
        wanted = slugify(node["category"])
        articles = [a for a in articles if a.category and slugify(a.category) == wanted]
    if node["tag"]:
        wanted = slugify(node["tag"])
        articles = [a for a in articles if any(slugify(t) == wanted for t in a.tags)]
    return articles[: node["limit"]] if node["limit"] else articles


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill each article-list from the registry."""
    env, builder = app.env, app.builder
    for node in list(doctree.findall(article_list)):
        level = _heading_level(node)
        if node["group_by"] == "category":
            result = nodes.container(classes=["hd-listing", "hd-listing--by-category"])
            for name, articles in categories(env):
                result += _group_heading(builder, env, docname, name, articles, level)
                result += card_grid(builder, docname, articles, show_meta=True,
                                    heading_level=min(level + 1, 6))
        else:
            articles = _selected(env, node)
            result = nodes.container("", card_grid(builder, docname, articles, show_meta=True,
                                                   show_category=True, heading_level=level),
                                     classes=["hd-listing"])
        node.replace_self(result)


def _group_heading(builder: Builder, env: BuildEnvironment, docname: str, name: str,
                   articles: list[Article], level: int) -> nodes.rubric:
    heading = nodes.rubric(classes=["hd-listing__group"])
    heading["heading-level"] = level
    uri = (article_uri(builder, docname, hub_pagename(env, name))
           if builder.name in SITE_BUILDERS else None)
    heading += (nodes.reference(name, name, refuri=uri, internal=True) if uri
                else nodes.Text(name))
    heading += nodes.inline("", f" ({_count(len(articles))})", classes=["hd-listing__count"])
    return heading


def _shown(env: BuildEnvironment, use: dict[str, Any],
           registry: dict[str, Article]) -> list[Any]:
    """What one article-list displays, as comparable card keys."""
    if use["group_by"] == "category":
        return [(name, [card_key(a, show_meta=True) for a in articles])
                for name, articles in categories(env, registry)]
    return [card_key(a, show_meta=True, show_category=True)
            for a in _selected(env, use, registry)]


def rewrite_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages with a list whose cards differ from last build.

    Comparing what each list shows before and after reading (not just "some
    article changed") keeps a description edit from rewriting a "latest three"
    list that does not show that article.
    """
    if not changed_articles(env):
        return []
    domain = get_domain(env)
    before = domain.before or {}
    return sorted(docname for docname, uses in domain.listings.items()
                  if any(_shown(env, use, before) != _shown(env, use, domain.articles)
                         for use in uses))


# --- generated pages ------------------------------------------------------------

def _breadcrumbs(builder: Builder, pagename: str, trail: list[tuple[str, str]],
                 here: str) -> str:
    links = "".join(
        f'<li><a href="{escape(builder.get_relative_uri(pagename, target))}">{escape(title)}</a></li>'
        for target, title in trail)
    return (f'<nav class="hd-breadcrumbs" aria-label="Breadcrumb"><ol>{links}'
            f'<li><span aria-current="page">{escape(here)}</span></li></ol></nav>\n')


def article_trail(env: BuildEnvironment, article: Article) -> list[tuple[str, str]]:
    """Home › Category › Title for an article page, as (pagename, title) pairs."""
    trail = [(env.config.root_doc, "Home")]
    if article.category:
        trail.append((hub_pagename(env, article.category), article.category))
    return [*trail, (article.docname, article.title)]


def breadcrumbs_for(builder: Builder, env: BuildEnvironment, pagename: str,
                    article: Article) -> str:
    *trail, (_, here) = article_trail(env, article)
    return _breadcrumbs(builder, pagename, trail, here)


def _page(builder: Builder, env: BuildEnvironment, pagename: str, title: str,
          intro: tuple[str, ...], body_html: str, trail: list[tuple[str, str]], description: str,
          category: str = "") -> tuple[str, dict[str, Any], str]:
    paragraphs = "".join(f'<p class="hd-generated__intro">{escape(text)}</p>' for text in intro)
    body = (_breadcrumbs(builder, pagename, trail, title)
            + f'<section class="hd-generated" id="{escape(slugify(title))}">'
            f"<h1>{escape(title)}</h1>{paragraphs}{body_html}</section>")
    # hd_trail: the visible breadcrumbs, for the BreadcrumbList JSON-LD (seo.py).
    return pagename, {"title": escape(title), "body": body, "hd_category": category,
                      "hd_description": description,
                      "hd_trail": [*trail, (pagename, title)]}, "page.html"


def _cards_html(builder: Builder, pagename: str, articles: list[Article],
                show_category: bool) -> str:
    # The cards sit right under the page's h1: h2 headings, no skipped level.
    grid = card_grid(builder, pagename, articles, show_meta=True, show_category=show_category,
                     heading_level=2)
    return builder.render_partial(grid)["fragment"]


def _index_html(builder: Builder, pagename: str, entries: list[tuple[str, str, int]]) -> str:
    items = "".join(
        f'<li><a href="{escape(builder.get_relative_uri(pagename, target))}">{escape(name)}</a>'
        f' <span class="hd-listing__count">({_count(count)})</span></li>'
        for name, target, count in entries)
    return f'<ul class="hd-index">{items}</ul>'


def generated_pagenames(env: BuildEnvironment) -> set[str]:
    """Every page ``collect_pages`` writes for the current registry."""
    names = {f"{env.config.healthdocs_hub_dir.strip('/')}/index",
             f"{env.config.healthdocs_tag_dir.strip('/')}/index"}
    names.update(hub_pagename(env, name) for name, _ in categories(env))
    names.update(tag_pagename(env, name) for name, _ in tags(env))
    return names


def _page_specs(env: BuildEnvironment) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Each generated page as (pagename, everything its HTML is made from)."""
    home = (env.config.root_doc, "Home")
    topics_index = f"{env.config.healthdocs_hub_dir.strip('/')}/index"
    tags_index = f"{env.config.healthdocs_tag_dir.strip('/')}/index"
    all_categories, all_tags = categories(env), tags(env)

    yield topics_index, ("All topics", (f"{len(all_categories)} topics.",),
                         ("index", tuple((name, hub_pagename(env, name), len(arts))
                                         for name, arts in all_categories)),
                         (home,), "Every topic on this site, with the number of articles in each.",
                         "")
    for name, articles in all_categories:
        yield hub_pagename(env, name), (
            name, (*category_intro(env.config, name), _count(len(articles)) + "."),
            ("cards", tuple(articles), False), (home, (topics_index, "All topics")),
            f"{name}: {_count(len(articles))} for patients and families.", name)
    labelled = sorted(((tag_label(env.config, name), name, arts) for name, arts in all_tags),
                      key=lambda item: (item[0].casefold(), item[0], item[1]))
    yield tags_index, ("All tags", (f"{len(all_tags)} tags.",),
                       ("index", tuple((label, tag_pagename(env, name), len(arts))
                                       for label, name, arts in labelled)),
                       (home,), "Every tag on this site, with the number of articles for each.", "")
    for label, name, articles in labelled:
        yield tag_pagename(env, name), (
            f"Tagged “{label}”", (_count(len(articles)) + ".",), ("cards", tuple(articles), True),
            (home, (tags_index, "All tags")), f"Articles tagged {label}: {_count(len(articles))}.",
            "")


def _content_key(spec: tuple[Any, ...]) -> str:
    """What the page shows: cards by their keys, so an unrelated article edit
    leaves it alone."""
    title, intro, (kind, items, *flags), trail, description, category = spec
    if kind == "cards":
        items = tuple(card_key(a, show_meta=True, show_category=flags[0]) for a in items)
    return repr((title, intro, kind, items, flags, trail, description, category))


@dataclass
class _Generated:
    """This build's view of the generated pages: their digests last time, and now."""
    previous: dict[str, str]
    everything: bool  # Sphinx rewrites every document this build
    current: dict[str, str] = field(default_factory=dict)


#: Per build: docnames resolved for writing, and the generated pages' digests.
_resolved: weakref.WeakKeyDictionary[BuildEnvironment, set[str]] = weakref.WeakKeyDictionary()
_generated: weakref.WeakKeyDictionary[BuildEnvironment, _Generated] = (
    weakref.WeakKeyDictionary())


def note_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (main process, also with ``-j``): pages written this build."""
    _resolved.setdefault(app.env, set()).add(docname)


def needs_writing(app: Sphinx, pagename: str, content: str) -> bool:
    """For an ``html-collect-pages`` page: record its digest, and say whether to write it.

    ``content`` is everything the page is made from. The digest adds the builder's
    build info (html_* settings, tags) and the newest template. A page is written
    when its digest differs from the one stored in the output folder last time,
    when its file is missing, or when Sphinx rewrites every document (new theme,
    templates or html settings; ``-a``; the sidebar changed).
    """
    env, builder = app.env, app.builder
    if env not in _generated:
        try:
            previous = json.loads((Path(app.outdir) / DIGESTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        _generated[env] = _Generated(previous, env.found_docs <= _resolved.pop(env, set()))
    state = _generated[env]
    info = getattr(builder, "build_info", None)
    templates = builder.templates.newest_template_mtime() if builder.templates else 0
    text = repr(((builder.name, info and (info.config_hash, info.tags_hash), templates), content))
    state.current[pagename] = digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (state.everything or state.previous.get(pagename) != digest
            or not Path(builder.get_outfilename(pagename)).is_file())


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: topic hubs, tag pages and an index of each.

    Rebuilds write only the generated pages whose content changed (about 40
    pages holding every article's card at 1,000 articles, so writing them all
    made every rebuild, even a no-change one, cost as much as 40 article pages).
    """
    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        return
    env = app.env
    for pagename, spec in _page_specs(env):
        if not needs_writing(app, pagename, _content_key(spec)):
            continue
        title, intro, (kind, items, *flags), trail, description, category = spec
        body = (_cards_html(builder, pagename, list(items), show_category=flags[0])
                if kind == "cards" else _index_html(builder, pagename, list(items)))
        yield _page(builder, env, pagename, title, intro, body, list(trail), description,
                    category)


def save_digests(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember what the generated pages were made from."""
    state = _generated.pop(app.env, None)
    _resolved.pop(app.env, None)
    if exception is None and state is not None:
        text = json.dumps(state.current, indent=0, sort_keys=True) + "\n"
        (Path(app.outdir) / DIGESTS).write_text(text, encoding="utf-8")


def setup_listings(app: Sphinx) -> None:
    app.add_config_value("healthdocs_tag_dir", "tags", "html", types=frozenset({str}),
                         description="Output folder of the generated tag pages.")
    app.add_config_value("healthdocs_tag_labels", {}, "html", types=frozenset({dict}),
                         description="Readable tag labels {tag or slug: label}.")
    app.add_config_value("healthdocs_category_intros", {}, "html", types=frozenset({dict}),
                         description="Topic page introductions {category: plain text}; "
                         "blank lines split paragraphs.")
    app.add_node(article_list)
    app.add_directive("article-list", ArticleListDirective)
    app.connect("doctree-resolved", resolve_listings)
    app.connect("env-get-updated", rewrite_listings)
    app.connect("doctree-resolved", note_resolved)
    app.connect("html-collect-pages", collect_pages)
    app.connect("env-check-consistency", spelling_collisions)
    app.connect("build-finished", save_digests)
