"""The county server (FastAPI): thin routes over ``villagedesk.sync``."""
