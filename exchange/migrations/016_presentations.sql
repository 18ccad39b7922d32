-- Presentations (issue 16): a disclosure the holder sealed in their browser with a key that only the
-- link's fragment carries. The exchange keeps the sealed bytes until they expire or the holder
-- withdraws them, and never sees a field, a value or the key.
CREATE TABLE presentations (
  id            text PRIMARY KEY,            -- random, base64url: the link's public part
  holder        text NOT NULL,
  licence_id    text NOT NULL,
  ciphertext    bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  withdrawn_at  timestamptz
);
CREATE INDEX presentations_by_holder ON presentations (holder, created_at DESC);

-- Each opening of a presentation is in the holder's access log (kind 'presentation-opened'):
-- whoever opened it has no department and no account, so both may be empty for that kind.
ALTER TABLE access_log DROP CONSTRAINT IF EXISTS access_log_kind_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_kind_check
  CHECK (kind IN ('disclosure', 'predicate', 'upload', 'presentation-opened'));
ALTER TABLE access_log ALTER COLUMN department_id DROP NOT NULL;
ALTER TABLE access_log ALTER COLUMN officer DROP NOT NULL;
ALTER TABLE access_log ADD COLUMN presentation_id text;
