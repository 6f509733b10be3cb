"""Dialogs: start-up (wizard, login, lock) and the data-entry forms."""
