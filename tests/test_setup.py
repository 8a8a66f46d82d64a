"""Set-up paths as people take them: CI and the deploy workflow, the two locks, the
skip summary of `make test`, and the extension installed into another project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import PROJECT, copy_project

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
TEST_TOOLS = {"pytest", "playwright", "hypothesis", "pagefind", "jsonschema"}


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-r "):
            name, sep, version = line.partition("==")
            assert sep and version, f"{lock.name}: {line!r} is not pinned with =="
            pins[name.lower().replace("_", "-")] = version
    return pins


# --- one CI path ------------------------------------------------------------------

def test_ci_and_the_workflow_run_the_same_script_which_runs_make_test() -> None:
    workflow = _workflow()
    test_job = workflow["jobs"]["test"]
    assert _runs(test_job) == ["bash .ci/run"]
    script = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert "export HEALTHDOCS_REQUIRE_BROWSER=1" in commands
    assert commands[-1].startswith("make test"), "make test must be the script's last step"
    # Deploy only what passed: build needs test, deploy needs build.
    assert workflow["jobs"]["build"]["needs"] == "test"
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_workflow_build_steps_make_the_site_they_upload(tmp_path: Path) -> None:
    """The build job's own `run` steps, on a clean copy, with the env the workflow sets."""
    job = _workflow()["jobs"]["build"]
    site = copy_project(tmp_path / "checkout")
    base = "https://clinic.github.io/articles/"
    for step in job["steps"]:
        if "run" not in step:
            continue
        env = {name: value.replace("${{ steps.pages.outputs.base_url }}/", base)
               for name, value in step.get("env", {}).items()}
        result = subprocess.run(step["run"], shell=True, cwd=site, capture_output=True, text=True,
                                env={**os.environ, **env, "VENV": str(Path(sys.prefix))},
                                timeout=600)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith(
        "actions/upload-pages-artifact"))
    published = site / upload["with"]["path"]
    index = BeautifulSoup((published / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one("link[rel=canonical]")["href"] == f"{base}index.html"
    assert (published / "sitemap.xml").read_text(encoding="utf-8").count(f"<loc>{base}") > 7
    assert (published / "404.html").is_file()


# --- two locks -------------------------------------------------------------------

def test_authors_lock_has_no_test_tools_and_both_locks_are_pinned() -> None:
    runtime = _pins(PROJECT / "requirements.lock")
    dev = _pins(PROJECT / "requirements-dev.lock")
    assert TEST_TOOLS.isdisjoint(runtime), TEST_TOOLS & set(runtime)
    assert TEST_TOOLS <= set(dev)
    assert "-r requirements.lock" in (PROJECT / "requirements-dev.lock").read_text()
    assert not set(runtime) & set(dev), "a package pinned in both locks"
    for target in ("serve", "html", "new", "check", "report"):
        plan = subprocess.run(["make", "-n", "-B", target, "VENV=/nonexistent-venv"], cwd=PROJECT,
                              capture_output=True, text=True).stdout
        assert "requirements.lock" in plan and "requirements-dev.lock" not in plan, target


# --- the skip summary --------------------------------------------------------------

@pytest.mark.parametrize("required", [False, True])
def test_missing_chromium_ends_the_run_with_the_command_that_enables_it(required: bool) -> None:
    env = {**os.environ, "HEALTHDOCS_CHROMIUM": "/nonexistent/chrome"}
    env.pop("HEALTHDOCS_REQUIRE_BROWSER", None)
    if required:
        env["HEALTHDOCS_REQUIRE_BROWSER"] = "1"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/browser/test_design_browser.py"], cwd=PROJECT,
                            capture_output=True, text=True, env=env, timeout=300)
    lines = result.stdout.strip().splitlines()
    if required:
        assert result.returncode != 0 and "skipped" not in lines[-1], lines[-3:]
    else:
        assert result.returncode == 0
        assert re.fullmatch(r"\d+ tests need chromium: sudo apt-get install -y chromium .*",
                            lines[-2]), lines[-3:]
        assert re.fullmatch(r"\d+ skipped in .*", lines[-1])


# --- the extension installed elsewhere --------------------------------------------

OUTSIDE_CONF = """\
project = "Another clinic"
extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
healthdocs_crisis_region = "UK"
"""

OUTSIDE_ARTICLE = """\
---
description: {title} in plain words.
date: 2026-01-0{day}
reviewed: 2026-01-0{day}
category: Sleep
tags: [sleep]
---

# {title}

Some people find that poor sleep and low mood go together.

:::{{crisis-banner}}
:::

:::{{disclaimer}}
:::

:::{{related-articles}}
{other}
:::
"""


def test_pip_install_gives_another_project_the_extension(tmp_path: Path) -> None:
    """A fresh virtualenv from the authors' lock (no test tools), then `pip install .`
    of this repository; a project elsewhere lists "healthdocs" and uses the three
    directives. Nothing comes from this checkout's _ext/ at build time."""
    venv = tmp_path / "venv"
    subprocess.run(["make", "venv", f"VENV={venv}", f"PYTHON={sys.executable}"], cwd=PROJECT,
                   check=True, capture_output=True, timeout=900)
    python = venv / "bin" / "python"
    listed = subprocess.run([python, "-m", "pip", "list", "--format=freeze"], check=True,
                            capture_output=True, text=True).stdout
    installed = {line.split("==")[0].lower() for line in listed.splitlines()}
    assert TEST_TOOLS.isdisjoint(installed), TEST_TOOLS & installed

    checkout = copy_project(tmp_path / "healthdocs-src")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    str(checkout)], check=True, capture_output=True, timeout=900)
    shutil.rmtree(checkout)  # the build below must not find the sources

    project = tmp_path / "clinic"
    (project / "articles").mkdir(parents=True)
    (project / "conf.py").write_text(OUTSIDE_CONF, encoding="utf-8")
    (project / "index.md").write_text("# Clinic\n\n```{toctree}\n:glob:\narticles/*\n```\n",
                                      encoding="utf-8")
    for day, (slug, title, other) in enumerate([("rest", "Rest and mood", "sleep-help"),
                                                ("sleep-help", "Help with sleep", "rest")], 1):
        (project / "articles" / f"{slug}.md").write_text(
            OUTSIDE_ARTICLE.format(title=title, day=day, other=other), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    build = subprocess.run([python, "-m", "sphinx", "-b", "html", "-W", "-n", "-q", ".",
                            "_build/html"], cwd=project, capture_output=True, text=True, env=env,
                           timeout=600)
    assert build.returncode == 0, build.stderr
    html = BeautifulSoup((project / "_build/html/articles/rest.html").read_text(), "html.parser")
    assert "Samaritans" in html.select_one(".hd-crisis").get_text()
    assert html.select_one(".hd-disclaimer") is not None
    assert [a.get_text() for a in html.select(".hd-card__title")] == ["Help with sleep"]
    assert (project / "_build/html/_static/healthdocs.css").is_file()
    assert (project / "_build/html/topics/sleep.html").is_file()
    where = subprocess.run([python, "-c", "import healthdocs; print(healthdocs.__file__)"],
                           cwd=project, capture_output=True, text=True, env=env, check=True)
    assert "site-packages" in where.stdout
    cli = subprocess.run([python, "-m", "healthdocs", "--help"], cwd=project, capture_output=True,
                         text=True, env=env)
    assert cli.returncode == 0 and "new" in cli.stdout and "check" in cli.stdout


def test_make_installs_node_tools_when_missing_empty_or_older_than_the_lock(tmp_path: Path) -> None:
    """`make test` runs `make node-tools` first: npm ci runs when node_modules/ is missing,
    when it is there but empty (an interrupted install left the browser tests skipping on
    every run), and when package-lock.json is newer than what npm installed; not otherwise."""
    shutil.copy(PROJECT / "Makefile", tmp_path / "Makefile")
    shutil.copy(PROJECT / "package-lock.json", tmp_path / "package-lock.json")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "npm-calls"
    npm = bin_dir / "npm"  # records the call and installs like npm ci (its hidden lockfile)
    npm.write_text(f'#!/bin/sh\necho "$*" >> {calls}\nmkdir -p node_modules\n'
                   'touch node_modules/.package-lock.json\n')
    npm.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    def make() -> int:
        before = len(calls.read_text().splitlines()) if calls.exists() else 0
        subprocess.run(["make", "--no-print-directory", "node-tools"], cwd=tmp_path, env=env,
                       check=True, capture_output=True)
        return len(calls.read_text().splitlines()) - before

    assert make() == 1  # missing
    assert make() == 0  # installed, lock unchanged
    (tmp_path / "node_modules" / ".package-lock.json").unlink()
    assert make() == 1  # node_modules/ there but empty
    os.utime(tmp_path / "package-lock.json", (2_000_000_000, 2_000_000_000))
    assert make() == 1  # the lock is newer
    assert calls.read_text().splitlines()[0].startswith("ci --omit=dev")
