"""Persistence: SQLAlchemy models, engine set-up, migrations, change capture and audit."""
