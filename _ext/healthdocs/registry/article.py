"""One article as the rest of the site knows it: everything its front matter says,
decoded and validated once (``frontmatter.py``), plus what the page itself gives
(title, word count) and where each front-matter field is in the source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    docname: str
    title: str
    description: str
    date: str  # ISO date or ""
    reviewed: str  # ISO date or ""
    tags: tuple[str, ...]
    category: str  # "" when the article has none
    words: int
    minutes: int
    reviewed_by: str = ""  # an id in healthdocs_reviewers, or ""
    review_interval: int = 0  # months until the next review; 0: the site default
    aliases: tuple[str, ...] = ()  # other words readers may search for
    #: policy_waivers as written {rule: reason}; the policy rules judge them.
    waivers: tuple[tuple[str, str], ...] = ()
    #: False when the front matter could not be read (already reported with its line
    #: and cause): checks of its fields then say nothing more until it is fixed.
    front_matter_ok: bool = True
    #: (field, line) of every front-matter field in the source, for warnings.
    lines: tuple[tuple[str, int], ...] = ()

    @property
    def updated(self) -> str:
        """The later of publication and review: what feeds and sitemaps call modified."""
        return max(self.date, self.reviewed)

    def line(self, key: str) -> int:
        """Line of ``key:`` in the front matter, or 1 when the field is not there."""
        return dict(self.lines).get(key, 1)
