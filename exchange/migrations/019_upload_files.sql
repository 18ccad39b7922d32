-- Uploads streamed to files (issue 17): a document is sealed into a file of the upload folder
-- named by its hash (`file`), no longer into the row. Rows written before keep `sealed`.
ALTER TABLE upload_blobs ALTER COLUMN sealed DROP NOT NULL;
ALTER TABLE upload_blobs ADD COLUMN file text;
ALTER TABLE upload_blobs ADD CONSTRAINT upload_blobs_sealed_or_file CHECK (sealed IS NOT NULL OR file IS NOT NULL);
