"""The Home tab: what it shows, and re-publishing it for whom a change concerns."""

