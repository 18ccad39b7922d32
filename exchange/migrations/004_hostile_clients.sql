-- What a hostile client could do (issue 18).
-- The field names of each licence (the type's public schema labels, never values), so that a
-- consent check reads the same row for a held licence as for an unknown one and opens no sealed
-- file before the consent is known to be granted. NULL for rows written before this migration:
-- filled in from the sealed file on first use.
ALTER TABLE licences ADD COLUMN field_names jsonb;

-- A refused read is recorded whether or not this node holds the licence (the same work either
-- way); `holder` is NULL when it does not. Field names an officer sent that are not in the
-- licence's schema are never kept, only counted.
ALTER TABLE access_log ALTER COLUMN holder DROP NOT NULL;
ALTER TABLE access_log ADD COLUMN unknown_fields integer NOT NULL DEFAULT 0;

-- Live sign-in nonces are counted (a cap against floods) and expired ones deleted at once.
CREATE INDEX auth_nonces_by_expiry ON auth_nonces (expires_at);
