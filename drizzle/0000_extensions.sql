-- Custom migration (drizzle-kit generate --custom): extensions the schema relies on.
-- pg_trgm backs the title search index (ILIKE with a GIN trigram index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
