"""Allow ``python -m stc_plan``."""

from stc_plan import main

main()
