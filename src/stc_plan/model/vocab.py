"""The fixed words of the schema: kinds of activity and the political levels.

Their Swedish and English labels live in the message catalog (``stc_plan.i18n``).
"""

from typing import Literal

ActivityKind = Literal[
    "member-activity",  # medlemsaktivitet
    "ny-i-c",  # Ny i C, introduction for new members
    "recruitment-drive",  # medlemsvärvning
    "integrated-campaign",  # integrerad kampanj, physical and digital
    "training",  # utbildning
    "renewal-drive",  # återlösning
    "event-project",  # projekt kring större evenemang: Järvaveckan, Stockholm Pride
    "workshop",  # workshop held by active members for other members
    "campaign-activity",  # valrörelseaktivitet: canvassing, stalls, calls in the campaign
    "other",
]
Level = Literal["municipal", "regional", "national"]  # de tre politiska nivåerna, "husen"
