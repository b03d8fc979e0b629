"""Springboard: a terminal wargame on Belarus and the war in Ukraine."""

__version__ = "0.2.0"
