"""Alert cards in the programme's admin channel: raised once per cause (`cards`, `quiet`),
acted on once (`acting`). Import the modules themselves: requests import `cards` when they
expire, so this package imports nothing that would lead back to them."""
