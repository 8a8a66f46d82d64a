"""What search engines and link previews read: description, Open Graph, JSON-LD.

* ``<meta name="description">`` comes from the article's front-matter summary.
  Without it, engines and sphinxext-opengraph take the first text on the page,
  which on a health site is often a crisis banner or a disclaimer.
* Open Graph tags come from sphinxext-opengraph (og:title, og:url, og:site_name);
  this module hands it the page's ``og:description`` and ``og:type`` through the
  page metadata it reads, and adds the ``article:*`` times it cannot produce.
* Each article gets a schema.org ``MedicalWebPage`` as JSON-LD, serialised so
  that no field value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .articles import Article, get_domain
from .config import is_safe_url
from .review import reviewer

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: JSON inside <script> must not contain "</script>", "<!--" or raw line
#: separators; escaping these characters keeps it valid JSON all the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


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
        data["keywords"] = list(article.tags)
    if article.category:
        data["about"] = {"@type": "Thing", "name": article.category}
    return data


def _publisher(config: Config) -> dict[str, str]:
    publisher = config.healthdocs_publisher if isinstance(config.healthdocs_publisher, dict) else {}
    result = {"@type": "Organization", "name": str(publisher.get("name") or config.project)}
    if publisher.get("url") and is_safe_url(str(publisher["url"])):
        result["url"] = str(publisher["url"])
    return result


def add_page_metadata(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``, before sphinxext-opengraph (priority 500)."""
    if app.builder.format != "html":
        return
    article = get_domain(app.env).articles.get(pagename)
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
    if article is not None:
        meta.setdefault("og:type", "article")
        meta.setdefault("og:title", str(escape(article.title)))
        if article.date:
            tags.append(f'<meta property="article:published_time" content="{article.date}" />')
            tags.append(f'<meta property="article:modified_time" '
                        f'content="{max(article.date, article.reviewed)}" />')
        tags.append('<script type="application/ld+json">'
                    f"{script_safe_json(medical_web_page(app, article))}</script>")
    context["meta"] = meta
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def setup_seo(app: Sphinx) -> None:
    app.add_config_value("healthdocs_publisher", {}, "html", types=frozenset({dict}),
                         description="Publisher for JSON-LD: {'name': ..., 'url': ...}.")
    app.connect("html-page-context", add_page_metadata, priority=450)
