"""villagedesk: the village employment & social-security counter."""

__version__ = "0.2.0"
