"""The counter's desktop program (PySide6). A thin face over ``villagedesk.services``."""
