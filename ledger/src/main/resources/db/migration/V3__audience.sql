-- Uploaded audiences (campaigns.audiences.store=database): the API writes them, every worker reads
-- them by segment, so no filesystem is shared between machines. Immutable once stored; the header
-- row is inserted in the same transaction as the recipients, so an audience exists once it does.
CREATE TABLE audience (
  audience_id     VARCHAR(24) PRIMARY KEY,
  recipient_count BIGINT      NOT NULL,
  sha256          VARCHAR(64) NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per distinct recipient; seq is the 0-based position of its first occurrence in the upload
-- (the issuance table's seq), so a segment is a range of the primary key.
CREATE TABLE audience_recipient (
  audience_id VARCHAR(24)  NOT NULL,
  seq         BIGINT       NOT NULL,
  openid      VARCHAR(128) NOT NULL,
  CONSTRAINT audience_recipient_pk PRIMARY KEY (audience_id, seq)
);
