"""The payloads of the member journey: refs to rows, pages, forms on their way."""

from __future__ import annotations

from dataclasses import dataclass

from blocks.codec import BoundView, count, shape, text
from domain.errors import StalePayload


@shape("member")
@dataclass(frozen=True)
class MemberRef:
    """A member: a mentor in the results, a partner to message."""

    member: int


@shape("proposal")
@dataclass(frozen=True)
class ProposalRef:
    """A mentor request."""

    proposal: int


@shape("rel")
@dataclass(frozen=True)
class RelationshipRef:
    """A mentoring relationship."""

    relationship: int


@shape("meeting")
@dataclass(frozen=True)
class MeetingRef:
    """A meeting."""

    meeting: int


@shape("goal")
@dataclass(frozen=True)
class GoalRef:
    """A SMART goal."""

    goal: int


@shape("milestone")
@dataclass(frozen=True)
class MilestoneRef:
    """One milestone, review or outcome of a goal."""

    milestone: int


@shape("entry")
@dataclass(frozen=True)
class EntryRef:
    """A learning diary entry."""

    entry: int


@shape("target")
@dataclass(frozen=True)
class Target:
    """What a modal acts on: a pair (to create in), an item (to change), the list beneath it
    (bound to the person whose list it is), and for a diary entry saved from a message, that
    message's link."""

    relationship: int | None = None
    item: int | None = None
    parent: BoundView | None = None
    permalink: str | None = text(1000)

    def need_relationship(self) -> int:
        """The pair's id; a modal that should carry one and does not is stale."""
        if self.relationship is None:
            raise StalePayload()
        return self.relationship

    def need_item(self) -> int:
        """The item's id; a modal that should carry one and does not is stale."""
        if self.item is None:
            raise StalePayload()
        return self.item


@shape("page")
@dataclass(frozen=True)
class Page:
    """A page of a list: `of` names whose list (a pair's goals, a partner's messages)."""

    page: int = count()
    of: int | None = None
    by_theme: bool = False

    def need_of(self) -> int:
        """Whose list this page is of; a pager that should name one and does not is stale."""
        if self.of is None:
            raise StalePayload()
        return self.of


@shape("goalmenu")
@dataclass(frozen=True)
class GoalMenuChoice:
    """Goals ▾ on a relationship: SWOT, G-STAR or SMART Goals."""

    kind: str
    relationship: int


@shape("goalact")
@dataclass(frozen=True)
class GoalAction:
    """One of a goal's Actions (its id), or Download all (the relationship's id)."""

    verb: str
    target: int


@shape("relact")
@dataclass(frozen=True)
class RelationshipAction:
    """One of a relationship's Actions ▾."""

    verb: str
    relationship: int


@shape("stage")
@dataclass(frozen=True)
class StageMark:
    """Mark a stage complete: the stage the button was drawn for, so a double click is safe."""

    stage: str
    relationship: int


@shape("sheet")
@dataclass(frozen=True)
class Worksheet:
    """A SWOT or G-STAR worksheet in a relationship: one's own, or the `author`'s."""

    kind: str
    relationship: int
    author: int | None = None


@shape("request")
@dataclass(frozen=True)
class ProposalForm:
    """The request form: to whom, and which waiting request when it edits one."""

    mentor: int
    proposal: int | None = None


@shape("search")
@dataclass(frozen=True)
class SearchState:
    """The criteria a page of search results was drawn with, and when the search was opened to
    ask about a Slack message, that message's link and its text cut short."""

    areas: tuple[int, ...] = ()
    role: int | None = None
    community: int | None = None
    exact: bool = False
    keyword: str = text(200, "")
    permalink: str = text(300, "")
    quote: str = text(500, "")


@shape("help")
@dataclass(frozen=True)
class HelpPlace:
    """Where someone is in Help: a question or guide (`topic`), the keyword they searched
    for, and which keyword box they typed it in (`round`, see ids.help_keyword_block)."""

    topic: str = ""
    keyword: str = text(100, "")
    round: int = count()


@shape("helpgo")
@dataclass(frozen=True)
class HelpGo:
    """An answer's button that opens what the answer is about (meetings, goals, requests)."""

    where: str


@shape("support")
@dataclass(frozen=True)
class SupportRef:
    """A support request, on its card's buttons and in the Reply form."""
    request: int


@shape("nudge")
@dataclass(frozen=True)
class ReminderKindRef:
    """One kind of reminder, to mute or unmute."""

    kind: str
