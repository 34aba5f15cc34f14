"""What the programme's admins do: who they are first, then each of their use cases."""

from domain.admin.access import ADMIN_ONLY, require_admin

__all__ = ["ADMIN_ONLY", "require_admin"]
