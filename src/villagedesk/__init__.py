"""villagedesk: the village employment & social-security counter."""

__version__ = "0.1.0"
