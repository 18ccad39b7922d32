-- Output licences held before they are on chain (POST /licences/outputs): the department that
-- approves an application's output step hands its node the file it built (values, salts) before
-- its vote names the id. The row is `pending_output` (never served) until the ApprovalEngine issues
-- that id on completion; then `reconcile` (or the holder's GET /licences) promotes it to `issued`
-- with origin `output`. Pending outputs of an application that finished otherwise are deleted.
ALTER TABLE licences DROP CONSTRAINT licences_state_check;
ALTER TABLE licences
  ADD CONSTRAINT licences_state_check CHECK (state IN ('pending', 'issued', 'pending_output'));
ALTER TABLE licences DROP CONSTRAINT licences_origin_check;
ALTER TABLE licences
  ADD CONSTRAINT licences_origin_check CHECK (origin IN ('issued', 'deposited', 'output'));
ALTER TABLE licences
  ADD COLUMN application_id text;           -- bytes32 hex, lowercase: the application it is the output of
ALTER TABLE licences
  ADD COLUMN output_step integer;           -- the application's output step it was held for
CREATE INDEX licences_pending_outputs ON licences (application_id) WHERE state = 'pending_output';
