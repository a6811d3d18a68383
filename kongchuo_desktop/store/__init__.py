"""Storage: SQLAlchemy models, engine/session setup, migrations at start-up."""
