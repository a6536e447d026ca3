-- New audiences are named by the full SHA-256 of their content ("aud-" and 64 hex digits, 68
-- characters); audiences stored before keep their 16-digit ids, which campaigns and histories name.
ALTER TABLE audience ALTER COLUMN audience_id SET DATA TYPE VARCHAR(68);
ALTER TABLE audience_recipient ALTER COLUMN audience_id SET DATA TYPE VARCHAR(68);
