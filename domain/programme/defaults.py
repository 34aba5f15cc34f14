"""The settings and lists a new programme starts with."""

from __future__ import annotations

from domain.model import ListKind

DEFAULT_NAME = "Mentoring programme"

# The seeds' setting is a professional body for transport, logistics and supply chain.
DEFAULT_LISTS: dict[ListKind, tuple[str, ...]] = {
    ListKind.AREA: (
        "Career development and progression",
        "Networking and networking skills",
        "Leadership and management",
        "Confidence and personal impact",
        "Professional qualifications and CPD",
        "Chartership and professional registration",
        "Operations and process improvement",
        "Supply chain strategy",
        "Procurement and contracts",
        "Warehousing and inventory",
        "Freight and fleet management",
        "Transport planning and policy",
        "Sustainability and decarbonisation",
        "Digital, data and technology",
        "Health, safety and compliance",
        "Project and change management",
        "Commercial and customer skills",
        "Wellbeing and work-life balance",
        "Returning to work or changing sector",
        "Equality, diversity and inclusion",
    ),
    ListKind.ROLE: (
        "Director or senior leader",
        "Senior manager",
        "Manager",
        "Team leader or supervisor",
        "Specialist or technical expert",
        "Consultant or adviser",
        "Analyst or planner",
        "Academic or educator",
        "Business owner or self-employed",
        "Graduate or early career",
    ),
    ListKind.COMMUNITY: (
        "Logistics",
        "Supply chain",
        "Freight forwarding",
        "Road transport and haulage",
        "Rail",
        "Aviation",
        "Maritime and ports",
        "Public transport",
        "Transport planning",
        "Procurement",
        "Warehousing and distribution",
        "Active travel",
        "Defence logistics",
        "Humanitarian logistics",
        "Academia and research",
    ),
}


# The learning diary's themes; kept apart from DEFAULT_LISTS, which profiles choose from.
DEFAULT_THEMES: tuple[str, ...] = (
    "Career planning",
    "Leadership",
    "Networking",
    "Confidence",
    "Communication",
    "Professional development",
    "Technical skills",
    "Wellbeing",
    "Challenges and setbacks",
    "Successes",
)
