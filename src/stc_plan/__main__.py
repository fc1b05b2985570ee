"""Allow ``python -m stc_plan``."""

from stc_plan.cli import main

main()
