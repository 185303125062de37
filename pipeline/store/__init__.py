"""The database: the only package that knows DuckDB (schema, rows, loads, exports)."""
