-- Licences a department deposits (POST /licences/deposit): issued on chain by someone else — the
-- ApprovalEngine completing an application issues its output licence — whose file the department
-- built and now hands to its node. Same table, same sealing; `origin` says how the row came here.
ALTER TABLE licences
  ADD COLUMN origin text NOT NULL DEFAULT 'issued' CHECK (origin IN ('issued', 'deposited'));
ALTER TABLE licences
  ADD COLUMN deposited_by text;             -- lowercase address of the officer who deposited it
