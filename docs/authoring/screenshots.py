"""Screenshots of each directive for AUTHORING.md (``python docs/authoring/screenshots.py``).

Builds a small site with the project's extension and theme, one page per
directive written exactly as AUTHORING.md shows it, and photographs each page
with headless Chromium. The theme's header and footer are hidden so each
picture shows only what the directive renders.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTH = 720

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / "_ext")!r})
extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["shot.css"]
healthdocs_newsletter_url = "https://example.org/newsletter"
healthdocs_policy = {{"review": "off", "reading-grade": "off"}}
"""
# Only the directive's output: no theme header, footer or page title.
CSS = """
.mobile-header, .sidebar-drawer, .toc-drawer, footer, .related-pages, .bottom-of-page,
article > section > h1, .content-icon-container { display: none !important; }
.main { padding-top: 0; } .content { padding: 0.5rem 1rem; } article { padding-top: 0; }
"""
ARTICLE = """---
description: {description}
date: {date}
category: Ketamine therapy
tags: [ketamine, depression]
---

# {title}

Text.

:::{{disclaimer}}
:::

:::{{disclaimer}}
:kind: compounded-ketamine
:::
"""
PAGES = {
    "disclaimer": (":::{disclaimer}\n:::\n", 250),
    "disclaimer-compounded": (":::{disclaimer}\n:kind: compounded-ketamine\n:::\n", 250),
    "crisis-banner": (":::{crisis-banner}\n:::\n", 420),
    "related-articles": ((":::{related-articles}\narticles/how-ketamine-works\n"
                         "articles/ketamine-and-antidepressants\n:::\n"), 270),
    "article-list": (":::{article-list}\n:limit: 2\n:::\n", 420),
    "stay-informed": (":::{stay-informed}\n:::\n", 200),
    "when-to-get-help": ((":::{when-to-get-help} soon\n"
                          "- You feel tired or a little dizzy after a session, and it passes "
                          "the same day.\n:::\n\n"
                          ":::{when-to-get-help} today\n"
                          "- Your mood gets worse, or you cannot sleep.\n:::\n\n"
                          ":::{when-to-get-help} now\n"
                          "- You have thoughts of ending your life.\n:::\n"), 640),
    "sources": (("Most people need two to four weeks to notice a benefit.[^nhs]\n\n"
                "## Sources\n\n[^nhs]: NHS. Selective serotonin reuptake inhibitors (SSRIs). "
                "<https://www.nhs.uk/mental-health/talking-therapies-medicine-treatments/"
                "medicines-and-psychiatry/ssri-antidepressants/overview/>\n"), 260),
}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="healthdocs-shots-") as tmp:
        site = Path(tmp)
        (site / "_static").mkdir()
        (site / "_static" / "shot.css").write_text(CSS)
        (site / "conf.py").write_text(CONF)
        (site / "articles").mkdir()
        for slug, title, date, description in [
            ("how-ketamine-works", "How ketamine works", "2026-11-20",
             "How ketamine may ease depression, step by step."),
            ("ketamine-and-antidepressants", "Ketamine and antidepressants", "2026-11-18",
             "How ketamine differs from standard antidepressants in speed and side effects."),
        ]:
            (site / "articles" / f"{slug}.md").write_text(
                ARTICLE.format(title=title, date=date, description=description))
        for name, (body, _) in PAGES.items():
            (site / f"{name}.md").write_text(f"# {name}\n\n{body}")
        toctree = "\n".join(["articles/*", *PAGES])
        (site / "index.md").write_text(f"# Demo\n\n```{{toctree}}\n:glob:\n\n{toctree}\n```\n")
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(site),
                        str(site / "_build")], check=True)
        for name, (_, height) in PAGES.items():
            target = HERE / f"{name}.png"
            subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--window-size={WIDTH},{height}",
                            f"--screenshot={target}", (site / "_build" / f"{name}.html").as_uri()],
                           check=True, capture_output=True)
            print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
