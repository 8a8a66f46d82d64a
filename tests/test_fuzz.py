"""Property-based: whatever an author types, the build never raises and every
problem is a located, typed warning. `make fuzz` runs many more examples."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import yaml
from helpers import warnings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

EXAMPLES = int(os.environ.get("HEALTHDOCS_FUZZ_EXAMPLES", "15"))

# Text an author might paste: unicode, control characters, markup, template syntax.
nasty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["<script>alert(1)</script>", '"onmouseover=alert(1) x="', "</script>",
                     "javascript:alert(1)", "{{ 7*7 }}", "{% raw %}", "---", ":::", "```",
                     "[^1]", "{doc}`x`", "\x00", "\u202e", "\ufeff", "é", "\r\n", "- a\n- b"]),
)
scalar = st.one_of(nasty, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
                   st.dates().map(str))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                     max_leaves=6)
front_matter = st.dictionaries(
    st.sampled_from(["description", "date", "reviewed", "tags", "category", "reviewed_by",
                     "review_interval", "aliases", "policy_waivers", "title", "descripton"]),
    value, max_size=7)
directive = st.tuples(
    st.sampled_from(["disclaimer", "crisis-banner", "related-articles", "article-list",
                     "stay-informed"]),
    st.lists(st.tuples(st.sampled_from(["kind", "region", "limit", "title", "category", "tag",
                                        "group-by"]), nasty), max_size=2),
    nasty,
)


def _dump(data: dict) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return "description: unrepresentable\n"


def _page(front: dict, directives: list, title: str) -> str:
    blocks = "".join(
        f"\n:::{{{name}}}\n" + "".join(f":{key}: {val.splitlines()[0] if val.strip() else 'x'}\n"
                                       for key, val in options) + f"\n{body}\n:::\n"
        for name, options, body in directives)
    return f"---\n{_dump(front)}---\n\n# {title}\n\nBody.\n{blocks}"


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.tuples(front_matter, st.lists(directive, max_size=3), nasty),
                      min_size=1, max_size=3))
def test_any_input_builds_with_located_warnings(sphinx_test_tempdir, pages):
    srcdir = Path(sphinx_test_tempdir) / "fuzz"
    shutil.rmtree(srcdir, ignore_errors=True)
    (srcdir / "articles").mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["healthdocs"]\nhtml_theme = "furo"\n'
                                    'myst_enable_extensions = ["colon_fence"]\n'
                                    'html_baseurl = "https://example.org/"\n')
    (srcdir / "index.md").write_text("# Home\n\n:::{article-list}\n:::\n\n```{toctree}\n:glob:\n\n"
                                     "articles/*\n```\n")
    for number, (front, directives, title) in enumerate(pages):
        text = _page(front, directives, title.replace("\n", " ") or "Title")
        (srcdir / "articles" / f"a{number}.md").write_text(text, encoding="utf-8",
                                                          errors="surrogatepass")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()  # raises on any exception in our code
    finally:
        app.cleanup()
    for line in warnings(app):
        if "[healthdocs" in line:
            assert re.match(r".+?:\d+: WARNING: .* \[healthdocs\.[\w.-]+\]$", line), line
    for html in Path(app.outdir).rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, html
        assert 'href="javascript:' not in text, html
