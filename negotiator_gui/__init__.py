"""Negotiator: lay out a diplomatic negotiation on a timeline and brief from it."""

__version__ = "0.1.0"
APP_NAME = "Negotiator"
APP_ID = "org.negotiator.Negotiator"
