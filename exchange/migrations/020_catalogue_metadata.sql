-- The catalogue's published metadata (issue 21): documents a catalogue editor signed (EIP-191 over
-- the keccak-256 hash of the document's canonical JSON), one row per publication; the newest row is
-- the current version. Publishing the current document again adds no row.
CREATE TABLE catalogue_metadata (
  seq           bigserial PRIMARY KEY,
  hash          text NOT NULL,                 -- 0x + 64 hex digits
  document      text NOT NULL,                 -- canonical JSON
  signature     text NOT NULL,
  publisher     text NOT NULL,                 -- lower-case address that signed it
  published_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_metadata_by_hash ON catalogue_metadata (hash, seq DESC);
