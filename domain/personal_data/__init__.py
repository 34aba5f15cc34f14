"""A person's own data: what the programme holds about them, exported or erased."""
