-- Batch membership (issue 19): the licence ids of a batch issued on chain under one Merkle root.
-- The chain names a batch member revoked or suspended on its own but not its place in the batch;
-- the status lists need the batch's member ids to find it (docs/credentials.md). A row is written
-- when an officer deposits a batch member's file or posts the batch's member list; ids are
-- accepted for status lists only once all of them rebuild the batch's root.
CREATE TABLE batch_members (
  batch_root  text NOT NULL,
  licence_id  text NOT NULL,
  PRIMARY KEY (batch_root, licence_id)
);
