"""Makes the package's default link-preview image (``python docs/share-image.py``).

Writes ``_ext/healthdocs/static/healthdocs-share.png``: 1200 x 630 pixels (the
size Facebook, LinkedIn and X show as a large card), drawn by headless Chromium
from the HTML below in furo's light brand colours and a system font. It names
no site, so any site using the package can keep it; a site sets ``ogp_image``
to use its own. Run it again only when the design changes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "_ext" / "healthdocs" / "static" / "healthdocs-share.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# furo's light theme: --color-brand-primary #0a4bff, --color-foreground-primary black.
HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; overflow: hidden; }
  body { display: flex; font-family: "DejaVu Sans", "Liberation Sans", sans-serif;
         background: #ffffff; color: #000000; }
  .band { width: 48px; background: #0a4bff; }
  main { flex: 1; display: flex; flex-direction: column; justify-content: center;
         padding: 0 96px 0 88px; }
  .kicker { font-size: 30px; font-weight: bold; letter-spacing: 0.08em;
            text-transform: uppercase; color: #0a4bff; margin: 0 0 28px; }
  h1 { font-size: 76px; line-height: 1.1; margin: 0 0 36px; }
  p { font-size: 36px; line-height: 1.35; margin: 0; color: #3a3a3a; max-width: 900px; }
</style></head><body>
  <div class="band"></div>
  <main>
    <div class="kicker">Patient education</div>
    <h1>Health information in plain words</h1>
    <p>Sourced articles for patients and the people who support them.</p>
  </main>
</body></html>
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp, "share.html")
        page.write_text(HTML, encoding="utf-8")
        shot = Path(tmp, "share.png")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--force-device-scale-factor=1",
                        "--window-size=1200,630", f"--screenshot={shot}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
        OUTPUT.write_bytes(shot.read_bytes())
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
