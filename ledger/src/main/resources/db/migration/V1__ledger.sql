-- The issuance ledger: who got which coupon, what WeChat Pay said, what was used and refunded.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- The campaign index: lets the API list campaigns without visibility queries.
CREATE TABLE campaign (
  campaign_id    VARCHAR(48)  PRIMARY KEY,
  workflow_id    VARCHAR(64)  NOT NULL,
  mchid          VARCHAR(20)  NOT NULL,
  appid          VARCHAR(32),
  spec_hash      VARCHAR(64)  NOT NULL,
  spec_json      TEXT         NOT NULL,
  stock_id       VARCHAR(32),
  status         VARCHAR(20)  NOT NULL,
  pause_reason   VARCHAR(32),
  issued_count   BIGINT       NOT NULL DEFAULT 0,
  issued_amount  BIGINT       NOT NULL DEFAULT 0,
  used_amount    BIGINT       NOT NULL DEFAULT 0,
  max_amount     BIGINT       NOT NULL DEFAULT 0,
  created_by     VARCHAR(64),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX campaign_stock ON campaign (stock_id);

-- One row per (campaign, wave, recipient position) once WeChat Pay has answered for it.
-- status: ISSUED (final), REJECTED (final, per-recipient code), FAILED (not final, retried on the next run).
CREATE TABLE issuance (
  campaign_id    VARCHAR(48)  NOT NULL,
  wave_index     INTEGER      NOT NULL,
  seq            BIGINT       NOT NULL,
  openid         VARCHAR(128) NOT NULL,
  out_request_no VARCHAR(128) NOT NULL,
  stock_id       VARCHAR(32)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  coupon_id      VARCHAR(32),
  error_code     VARCHAR(64),
  error_message  VARCHAR(512),
  amount         BIGINT       NOT NULL,
  attempts       INTEGER      NOT NULL DEFAULT 1,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT issuance_pk PRIMARY KEY (campaign_id, wave_index, seq),
  CONSTRAINT issuance_out_request_no UNIQUE (out_request_no)
);
CREATE INDEX issuance_coupon ON issuance (coupon_id);
CREATE INDEX issuance_openid ON issuance (openid);
CREATE INDEX issuance_stock ON issuance (stock_id);

-- COUPON.USE notifications, once each.
CREATE TABLE coupon_use (
  notification_id VARCHAR(64)  PRIMARY KEY,
  coupon_id       VARCHAR(32)  NOT NULL,
  stock_id        VARCHAR(32)  NOT NULL,
  campaign_id     VARCHAR(48),
  amount          BIGINT       NOT NULL,
  consume_time    VARCHAR(40),
  consume_mchid   VARCHAR(32),
  transaction_id  VARCHAR(64),
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  payload         TEXT,
  CONSTRAINT coupon_use_coupon UNIQUE (coupon_id)
);
CREATE INDEX coupon_use_campaign ON coupon_use (campaign_id);

-- Downloaded flow files and their rows.
CREATE TABLE flow_file (
  campaign_id    VARCHAR(48) NOT NULL,
  kind           VARCHAR(8)  NOT NULL,
  stock_id       VARCHAR(32) NOT NULL,
  sha1           VARCHAR(64),
  row_count      BIGINT      NOT NULL,
  downloaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT flow_file_pk PRIMARY KEY (campaign_id, kind)
);

CREATE TABLE flow_row (
  campaign_id    VARCHAR(48)  NOT NULL,
  kind           VARCHAR(8)   NOT NULL,
  line_no        INTEGER      NOT NULL,
  stock_id       VARCHAR(32),
  coupon_id      VARCHAR(32),
  coupon_amount  BIGINT,
  order_amount   BIGINT,
  refund_amount  BIGINT,
  transaction_id VARCHAR(64),
  refund_no      VARCHAR(64),
  event_time     VARCHAR(40),
  mchid          VARCHAR(32),
  raw            TEXT,
  CONSTRAINT flow_row_pk PRIMARY KEY (campaign_id, kind, line_no)
);
CREATE INDEX flow_row_coupon ON flow_row (coupon_id);

-- The reconciliation report of a campaign, as JSON.
CREATE TABLE reconciliation (
  campaign_id  VARCHAR(48) PRIMARY KEY,
  balanced     BOOLEAN     NOT NULL,
  report_json  TEXT        NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Shared send-rate slots (GCRA): one row per merchant and per wave, used by every worker.
CREATE TABLE rate_slot (
  bucket_key       VARCHAR(160) PRIMARY KEY,
  next_free_micros BIGINT       NOT NULL
);

