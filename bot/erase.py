"""`mentorbot erase-workspace TEAM_ID`: everything stored for one workspace, deleted for good."""

from __future__ import annotations

import sys

from sqlalchemy import Engine

from bot import db
from domain.workspace import erase_workspace, workspace_counts


def erase_workspace_command(engine: Engine, team_id: str, *, confirmed: bool) -> bool:
    """Say what will be deleted, ask for the team id again (unless `confirmed`), then delete
    it all in one transaction; False when nothing was deleted."""
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        counts = workspace_counts(session, team_id=team_id)
        if not counts:
            print(f"Nothing is stored for workspace {team_id}.")
            return False
        print(f"This deletes everything mentorbot stores for workspace {team_id}:")
        for table, count in counts.items():
            print(f"  {table}: {count}")
        if not confirmed and not _confirmed(team_id):
            print("Nothing was deleted.")
            return False
        erased = erase_workspace(session, team_id=team_id)
    print(f"Deleted {erased} rows. Workspace {team_id} is erased.")
    return True


def _confirmed(team_id: str) -> bool:
    """The operator typed the team id again."""
    print(f"Type the team id ({team_id}) again to delete it for good: ", end="", flush=True)
    answer = sys.stdin.readline().strip()
    return answer == team_id
