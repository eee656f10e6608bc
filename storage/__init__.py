"""Storage: SQLModel tables, the engine and session factory, query functions and migrations."""
