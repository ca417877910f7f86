"""drafter: a drafting assistant for annual civil-affairs work plans (民政工作要点)."""

__version__ = "0.1.0"
