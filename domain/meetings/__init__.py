"""Meetings of a pair: arranging them, their times, DMs and cancellation.

The use cases live in domain.meetings.arranging, whose __all__ names what the package offers.
"""

from domain.meetings.arranging import *  # noqa: F403
from domain.meetings.arranging import __all__ as __all__
