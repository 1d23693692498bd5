"""Negotiator: lay out a diplomatic negotiation on a timeline and brief from it."""

__version__ = "0.1.0"
APP_NAME = "Negotiator"
APP_ID = "org.negotiator.Negotiator"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNGs in resources/icons/hicolor
