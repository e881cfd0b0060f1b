"""Jinja2 templates and print CSS used by renderer/ (package data; no code lives here)."""
