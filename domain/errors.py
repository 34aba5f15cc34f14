"""Domain errors: each carries a message that is safe to show the person who caused it."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the person can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotRegistered(DomainError):
    """The person has not joined the programme yet."""

    def __init__(self) -> None:
        super().__init__("Please register for the mentoring programme first.")


class NotAllowed(DomainError):
    """The person may not see or change this object."""

    def __init__(self, message: str = "Sorry, that isn't yours to open or change.") -> None:
        super().__init__(message)


class NotFound(DomainError):
    """The object does not exist (or is not visible to the person)."""

    def __init__(self, message: str = "Sorry, that no longer exists.") -> None:
        super().__init__(message)


class InvalidInput(DomainError):
    """One or more fields of a form are wrong; `errors` maps field name to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = dict(errors)

    @classmethod
    def of(cls, field: str, message: str) -> InvalidInput:
        """An error on a single field."""
        return cls({field: message})


class StalePayload(DomainError):
    """A button, menu or form sent back something we never wrote: forged, or from an old
    version of the app."""

    def __init__(self) -> None:
        super().__init__("Sorry, that button is out of date. Please open it again from your "
                         "Home tab.")
