"""stc: the Stockholmscentern operational plan as code: checked, tracked and reported."""

__version__ = "0.1.0"
