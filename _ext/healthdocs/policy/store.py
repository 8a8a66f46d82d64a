"""Per-article policy results, kept in the environment so the report is built
from what was read: a Domain's ``clear_doc``/``merge_domaindata`` drop a
re-read page's old results and bring results back from ``-j`` workers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Finding:
    rule: str
    line: int
    message: str
    severity: str  # "warning" or "error"
    waived: str = ""  # the waiver's reason when front matter waives the rule


@dataclass(frozen=True)
class ArticlePolicy:
    """What the checks found in one article, and what the report shows."""

    docname: str
    grade: float | None  # Flesch-Kincaid grade of the body prose; None: no prose
    grade_words: int
    smog: float | None  # SMOG grade of the same text; None: too few sentences
    crisis_banner: str  # "directive", "inserted" or "none"
    disclaimers: tuple[str, ...]  # kinds shown, in page order
    inserted_disclaimers: tuple[str, ...]  # kinds the build added
    findings: tuple[Finding, ...]
    #: Sources cited (footnotes and citations in the article).
    sources: int = 0
    #: (abbreviation, line of first use, 1 if spelt out in the article): checked
    #: against the glossaries once every page is read.
    abbreviations: tuple[tuple[str, int, int], ...] = ()
    #: (word, line, message) of each misread word not explained in the text: checked
    #: against the glossaries (which the build links to) once every page is read.
    jargon: tuple[tuple[str, int, str], ...] = ()
    #: Waivers the front matter gives {rule: reason}, for findings made after reading.
    waivers: tuple[tuple[str, str], ...] = ()


class PolicyDomain(Domain):
    name = "healthdocs_policy"
    label = "Health content policy"
    initial_data: dict[str, Any] = {"articles": {}}
    data_version = 3

    @property
    def articles(self) -> dict[str, ArticlePolicy]:
        return self.data.setdefault("articles", {})

    def clear_doc(self, docname: str) -> None:
        self.articles.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("articles", {}):
                self.articles[docname] = otherdata["articles"][docname]

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        return []


def get_policy_domain(env: BuildEnvironment) -> PolicyDomain:
    return env.domains["healthdocs_policy"]  # type: ignore[return-value]
