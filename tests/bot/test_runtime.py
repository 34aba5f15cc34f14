"""A serving process collects garbage less often, with what start-up built frozen."""

from __future__ import annotations

import gc

from bot.runtime import THRESHOLDS, tune_gc


def test_tuning_freezes_start_up_and_raises_the_thresholds() -> None:
    before = gc.get_threshold()
    try:
        tune_gc()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
