-- OneWindow exchange: initial schema. Field values, salts and documents are only ever stored
-- sealed (AES-256-GCM under the node's data key); everything else here is ids, addresses, times.

-- Sign-In with Ethereum: nonces handed out (single use, short-lived) and sessions (token hashed).
CREATE TABLE auth_nonces (
  nonce       text PRIMARY KEY,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,            -- sha256 of the bearer token, hex
  address     text NOT NULL,               -- lowercase 0x address that signed in
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Licence files this node issued. A row is written `pending` before the transaction is sent and
-- becomes `issued` once the chain has accepted it; only issued rows are ever served.
CREATE TABLE licences (
  licence_id         text PRIMARY KEY,       -- bytes32 hex, lowercase: the field tree's root
  holder             text NOT NULL,          -- lowercase address
  issuer_department  integer NOT NULL,
  type_id            integer NOT NULL,
  type_version       integer NOT NULL,
  state              text NOT NULL CHECK (state IN ('pending', 'issued')),
  sealed_file        bytea NOT NULL,         -- the licence file (values and salts), sealed
  tx_hash            text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  issued_at          timestamptz
);
CREATE INDEX licences_by_holder ON licences (holder, created_at) WHERE state = 'issued';
CREATE INDEX licences_pending ON licences (created_at) WHERE state = 'pending';

-- Uploaded documents, content-addressed by keccak256 of the plaintext, sealed.
CREATE TABLE upload_blobs (
  hash        text PRIMARY KEY,               -- keccak256 of the document, lowercase hex
  size        integer NOT NULL,
  sealed      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE upload_owners (
  hash        text NOT NULL REFERENCES upload_blobs (hash),
  owner       text NOT NULL,                  -- lowercase address
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hash, owner)
);
CREATE INDEX upload_owners_by_owner ON upload_owners (owner);

-- An owner shares a document with a department (for an application).
CREATE TABLE upload_shares (
  hash           text NOT NULL,
  owner          text NOT NULL,
  department_id  integer NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hash, owner, department_id),
  FOREIGN KEY (hash, owner) REFERENCES upload_owners (hash, owner)
);

-- Every read of a holder's data by a department, granted or refused: what the holder sees.
CREATE TABLE access_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  kind           text NOT NULL CHECK (kind IN ('disclosure', 'predicate', 'upload')),
  outcome        text NOT NULL CHECK (outcome IN ('granted', 'denied')),
  holder         text NOT NULL,
  department_id  integer NOT NULL,
  officer        text NOT NULL,
  licence_id     text,
  upload_hash    text,
  fields         jsonb NOT NULL DEFAULT '[]', -- field names only, never values
  predicate_op   text,                        -- eq | startsWith | range (the compared value is not kept)
  answer         boolean,
  valid          boolean,
  purpose        text,                        -- bytes32 application id
  consent_id     text,
  block_number   bigint,                      -- evidence: the block the consent was read at
  block_hash     text
);
CREATE INDEX access_log_by_holder ON access_log (holder, id DESC);

-- Daily disclosure and query quota per department (UTC days).
CREATE TABLE quota_usage (
  department_id  integer NOT NULL,
  day            date NOT NULL,
  used           integer NOT NULL,
  PRIMARY KEY (department_id, day)
);
