"""A member's personal data: where it lives (catalogue), a copy of it all (export), and
its erasure when they leave (erasure, traces)."""

from domain.personal_data.catalogue import CATALOGUE, NO_PERSON, SECTIONS, Link, not_exported
from domain.personal_data.export import export_personal_data
from domain.personal_data.requests import request_export

__all__ = ["CATALOGUE", "NO_PERSON", "SECTIONS", "Link", "export_personal_data",
           "not_exported", "request_export"]
