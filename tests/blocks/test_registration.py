"""The Register modal: both roles offered, the programme name escaped."""

from __future__ import annotations

from blocks import ids
from blocks.forms import selected_values
from blocks.registration import register_view
from tests.blocks.builders import EVIL
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts
from tests.support.view_state import submitted


def test_register_offers_mentor_and_mentee_and_reads_back_both() -> None:
    view = register_view(EVIL)
    assert_fits_slack(view)
    assert view["callback_id"] == ids.REGISTRATION_SUBMIT
    assert not [t for t in mrkdwn_texts(view) if "<!channel>" in t]
    both = submitted(view, {ids.REGISTRATION_ROLES: ["mentor", "mentee"]})
    assert selected_values(both, ids.REGISTRATION_ROLES) == ["mentor", "mentee"]
