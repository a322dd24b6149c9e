"""Alembic migrations of the Fenzhen store, packaged so `fenzhen serve` can run them on start-up."""
