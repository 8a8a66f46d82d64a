"""What search engines and link previews read: description, Open Graph, JSON-LD.

* ``<meta name="description">`` comes from the article's front-matter summary.
  Without it, engines and sphinxext-opengraph take the first text on the page,
  which on a health site is often a crisis banner or a disclaimer.
* Open Graph tags come from sphinxext-opengraph (og:title, og:url, og:site_name);
  this module hands it the page's ``og:description`` and ``og:type`` through the
  page metadata it reads, and adds the ``article:*`` times it cannot produce.
* Link previews get a picture: ``og:image`` is the site's ``ogp_image`` or, when
  none is set, the package's own 1200 x 630 image (``static/healthdocs-share.png``,
  made by ``docs/share-image.py``), and every page says ``twitter:card``.
* Each article gets a schema.org ``MedicalWebPage`` as JSON-LD, and each page
  with breadcrumbs a ``BreadcrumbList`` of the same links, serialised so that
  no field value can close the ``<script>`` element.
* docutils' HTML5 writer adds its own ``<meta name="viewport">``, which Sphinx
  passes on in ``metatags`` (sphinx-doc/sphinx#11699) beside the theme's: it
  is dropped, so each page has one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from sphinx.util.docutils import new_document

from .registry import SITE_BUILDERS, Article, articles, tag_label
from .settings import is_safe_url, settings
from .navigation import article_trail
from .review import reviewer

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: JSON inside <script> must not contain "</script>", "<!--" or raw line
#: separators; escaping these characters keeps it valid JSON all the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})

#: The package's link-preview image, copied with the other static files.
SHARE_IMAGE = "_static/healthdocs-share.png"
SHARE_IMAGE_SIZE = ("1200", "630")
SHARE_IMAGE_ALT = "Patient education: health information in plain words"
#: What docutils' HTML5 writer adds to every page's metatags (the theme has its own).
_DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'


def script_safe_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def page_url(app: Sphinx, pagename: str) -> str:
    return app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def medical_web_page(app: Sphinx, article: Article) -> dict[str, Any]:
    config = app.config
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": article.title,
        "name": article.title,
        "description": article.description,
        "inLanguage": config.language or "en",
        "medicalAudience": {"@type": "Patient"},
        "publisher": _publisher(config),
    }
    if config.html_baseurl:
        data["url"] = page_url(app, article.docname)
    if article.date:
        data["datePublished"] = article.date
        data["dateModified"] = max(article.date, article.reviewed)
    if article.reviewed:
        data["lastReviewed"] = article.reviewed
    person = reviewer(config, article)
    if person is not None:
        data["reviewedBy"] = {"@type": "Person", "name": person["name"]}
        if person.get("credentials"):
            data["reviewedBy"]["honorificSuffix"] = str(person["credentials"])
        if person.get("url") and is_safe_url(str(person["url"])):
            data["reviewedBy"]["url"] = str(person["url"])
    if article.tags:
        data["keywords"] = [tag_label(config, tag) for tag in article.tags]
    if article.category:
        data["about"] = {"@type": "Thing", "name": article.category}
    return data


def breadcrumb_list(app: Sphinx, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """schema.org ``BreadcrumbList`` of the visible breadcrumbs, the page itself last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": position, "name": title,
                             "item": page_url(app, pagename)}
                            for position, (pagename, title) in enumerate(trail, start=1)],
    }


def _publisher(config: Config) -> dict[str, str]:
    publisher = settings(config).publisher
    result = {"@type": "Organization", "name": str(publisher.get("name") or config.project)}
    if publisher.get("url") and is_safe_url(str(publisher["url"])):
        result["url"] = str(publisher["url"])
    return result


def add_page_metadata(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``, before sphinxext-opengraph (priority 500)."""
    if app.builder.format != "html":
        return
    context["metatags"] = context.get("metatags", "").replace(_DOCUTILS_VIEWPORT, "")
    article = articles(app.env).get(pagename)
    description = article.description if article else context.get("hd_description", "")
    tags = []
    if description:
        tags.append(f'<meta name="description" content="{escape(description)}" />')
    # sphinxext-opengraph reads og:* overrides from the page metadata, which is
    # env.metadata itself: hand it a copy, never mutate the environment here.
    # It only escapes quotes in attribute values, so the text arrives escaped.
    meta = dict(context.get("meta") or {})
    if description:
        meta.setdefault("og:description", str(escape(description)))
    if article is None and "hd_trail" in context:  # a generated page: its title is Markup
        meta.setdefault("og:title", str(context["title"]))
    if article is not None:
        meta.setdefault("og:type", "article")
        meta.setdefault("og:title", str(escape(article.title)))
        if article.date:
            tags.append(f'<meta property="article:published_time" content="{article.date}" />')
            tags.append(f'<meta property="article:modified_time" '
                        f'content="{max(article.date, article.reviewed)}" />')
        tags.append('<script type="application/ld+json">'
                    f"{script_safe_json(medical_web_page(app, article))}</script>")
    trail = article_trail(app.env, article) if article else context.get("hd_trail")
    if trail and app.config.html_baseurl and app.builder.name in SITE_BUILDERS:
        tags.append('<script type="application/ld+json">'
                    f"{script_safe_json(breadcrumb_list(app, trail))}</script>")
    if app.builder.name != "epub":  # sphinxext-opengraph writes nothing for EPUB either
        image = meta.get("og:image") or app.config.ogp_image
        if image == SHARE_IMAGE:
            meta.setdefault("og:image:width", SHARE_IMAGE_SIZE[0])
            meta.setdefault("og:image:height", SHARE_IMAGE_SIZE[1])
        card = "summary_large_image" if image else "summary"
        tags.append(f'<meta name="twitter:card" content="{card}" />')
    context["meta"] = meta
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def generated_page_tags(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``, after sphinxext-opengraph: it skips pages without a
    doctree, so topic and tag pages get its tags here, from an empty document
    (their description comes from the page metadata, as for articles)."""
    if doctree is not None or "hd_trail" not in context or app.builder.name not in SITE_BUILDERS:
        return
    # Imported here: at import time it prints a notice, which setup() silences once.
    from sphinxext.opengraph import get_tags

    context["metatags"] = context.get("metatags", "") + get_tags(
        context, new_document(pagename), srcdir=app.srcdir, outdir=app.outdir,
        config=app.config, builder=app.builder, env=app.env)


def default_share_image(app: Sphinx, config: Config) -> None:
    """``config-inited``, after ``ogp_site_url`` defaults to ``html_baseurl``: the
    package's image when the site names none (previews need an absolute URL)."""
    if config.ogp_image or not config.ogp_site_url:
        return
    config.ogp_image = SHARE_IMAGE
    if config.ogp_image_alt is None:
        config.ogp_image_alt = SHARE_IMAGE_ALT


def setup_seo(app: Sphinx) -> None:
    app.connect("config-inited", default_share_image, priority=600)
    app.connect("html-page-context", generated_page_tags, priority=550)
