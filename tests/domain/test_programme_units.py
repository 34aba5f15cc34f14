"""Which programme a request belongs to on Enterprise Grid, and the org admins' choice of
one programme for the org or one per workspace."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from domain.admin.scope import (
    NOT_ORG_WIDE,
    ORG_ADMINS_ONLY,
    programme_scope_of,
    set_programme_scope,
)
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.members import Actor
from domain.model import AdminLogEntry, Programme, ProgrammeScope
from domain.programme import Origin, ensure_programme, every_programme, programme_of
from domain.programme.units import (
    in_programme,
    in_use,
    install_of,
    is_org_key,
    org_of,
    programme_key,
)
from domain.workspace import install_family, resume_sending, stop_sending
from tests.support.clock import FakeClock
from tests.support.statements import counting

ORG, WORKSPACE = ProgrammeScope.ORG, ProgrammeScope.WORKSPACE
VIA_ORG = Origin("TA", "EX", org_install=True)


@pytest.mark.parametrize(("origin", "scope", "key"), [
    (Origin("TA"), ORG, "TA"),  # a workspace install, outside Grid
    (Origin("TA", "EX"), ORG, "TA"),  # a workspace install inside an org
    (VIA_ORG, ORG, "EX"),
    (VIA_ORG, WORKSPACE, "EX:TA"),
    (Origin("", "EX", org_install=True), WORKSPACE, "EX"),  # no workspace named: the org's
    (Origin("TA", None, org_install=True), ORG, "TA"),  # org-wide without an org id: its own
])
def test_the_key_of_a_requests_programme(origin: Origin, scope: ProgrammeScope,
                                         key: str) -> None:
    assert programme_key(origin, scope) == key


@pytest.mark.parametrize(("key", "install", "org"), [
    ("TA", ("TA", None), None), ("EX", (None, "EX"), "EX"), ("EX:TA", (None, "EX"), "EX")])
def test_the_install_that_speaks_for_a_programme(key: str, install: tuple[str | None, ...],
                                                 org: str | None) -> None:
    assert install_of(key) == install and org_of(key) == org
    assert is_org_key(key) == (key == "EX")


def test_only_programmes_that_requests_reach_are_in_use() -> None:
    by_org = {"EX": ORG, "EW": WORKSPACE}
    assert in_use("TA", by_org) and in_use("EX", by_org) and not in_use("EX:TA", by_org)
    assert not in_use("EW", by_org) and in_use("EW:TA", by_org)
    assert not in_use("EV:TA", by_org)  # its org's programme is stopped (or gone)


def test_the_ticks_leave_out_programmes_nobody_reaches(session: Session,
                                                       clock: FakeClock) -> None:
    for key in ("TA", "EX", "EX:TA"):
        ensure_programme(session, team_id=key, now=clock.now())
    assert set(every_programme(session)) == {"TA", "EX"}
    _set(session, clock)
    assert set(every_programme(session)) == {"TA", "EX:TA"}


@pytest.mark.parametrize(("origin", "key"), [
    (Origin("TA"), "TA"), (Origin("TA", "EX"), "TA"), (VIA_ORG, "EX")])
def test_the_install_a_request_reached_reads_back_as_its_install(origin: Origin,
                                                                 key: str) -> None:
    assert origin.install == key
    assert install_of(key) == ((None, "EX") if origin.org_wide else ("TA", None))


def test_who_belongs_to_a_programme() -> None:
    assert in_programme("EX", team_id="TB", enterprise_id="EX")
    assert not in_programme("EX", team_id="TB", enterprise_id="EY")
    assert in_programme("EX:TA", team_id="TA", enterprise_id="EX")
    assert not in_programme("EX:TA", team_id="TB", enterprise_id="EX")
    assert in_programme("TA", team_id="TA", enterprise_id=None)
    assert not in_programme("TA", team_id="TB", enterprise_id="TA")


def test_an_org_starts_with_one_programme_and_a_workspace_with_its_own(
        session: Session, clock: FakeClock) -> None:
    assert programme_of(session, origin=VIA_ORG, now=clock.now()) == "EX"
    assert ensure_programme(session, team_id="EX", now=clock.now()).scope == ORG
    assert ensure_programme(session, team_id="TA", now=clock.now()).scope == WORKSPACE


def _set(session: Session, clock: FakeClock, *, org_admin: bool = True,
         scope: ProgrammeScope | None = WORKSPACE, origin: Origin | None = VIA_ORG,
         workspace_admin: bool = True) -> bool:
    return set_programme_scope(session, actor=Actor("EX", "UOLGA"),
                               workspace_admin=workspace_admin, org_admin=org_admin,
                               origin=origin, scope=scope, now=clock.now())


def test_only_the_orgs_admins_choose_and_a_repeat_changes_nothing(
        session: Session, clock: FakeClock) -> None:
    with pytest.raises(InvalidInput) as refused:
        _set(session, clock, org_admin=False)
    assert refused.value.errors == {"scope": ORG_ADMINS_ONLY}
    with pytest.raises(NotAllowed):
        _set(session, clock, workspace_admin=False)
    with pytest.raises(DomainError, match=NOT_ORG_WIDE):
        _set(session, clock, origin=Origin("TA"))
    with pytest.raises(InvalidInput):
        _set(session, clock, scope=None)
    assert _set(session, clock) is True
    assert _set(session, clock) is False  # a double click
    assert programme_of(session, origin=VIA_ORG, now=clock.now()) == "EX:TA"
    logged = session.scalars(select(AdminLogEntry)).all()
    assert [(e.subject, e.before, e.after) for e in logged] == [("scope", "org", "workspace")]
    choice = programme_scope_of(session, actor=Actor("EX", "UOLGA"), workspace_admin=True,
                                org_admin=False, origin=VIA_ORG, now=clock.now())
    assert (choice.scope, choice.may_change) == (WORKSPACE, False)


def test_stopping_an_org_wide_install_stops_its_workspaces_programmes_too(
        session: Session, clock: FakeClock) -> None:
    for key in ("EX", "EX:TA", "EX:TB", "EXY:TA", "TA"):
        ensure_programme(session, team_id=key, now=clock.now())
    assert install_family(session, key="EX") == ["EX", "EX:TA", "EX:TB"]
    assert install_family(session, key="TA") == ["TA"]
    stop_sending(session, team_id="EX", reason="app_uninstalled", now=clock.now())
    stopped = set(session.scalars(select(Programme.team_id)
                                  .where(Programme.sending_stopped_at.is_not(None))))
    assert stopped == {"EX", "EX:TA", "EX:TB"}
    assert resume_sending(session, team_id="EX", now=clock.now()) is True
    assert not session.scalar(select(Programme.team_id)
                              .where(Programme.sending_stopped_at.is_not(None)))


def test_finding_an_org_wide_requests_programme_costs_one_small_read(
        sessions: sessionmaker[Session], clean_engine: Engine, clock: FakeClock) -> None:
    with sessions.begin() as session:
        programme_of(session, origin=VIA_ORG, now=clock.now())  # the org's programme is made
    for origin, cost in ((VIA_ORG, 1), (Origin("TA", "EX"), 0)):
        with sessions.begin() as session, counting(clean_engine) as statements:
            programme_of(session, origin=origin, now=clock.now())
        assert len(statements) == cost, str(statements)
