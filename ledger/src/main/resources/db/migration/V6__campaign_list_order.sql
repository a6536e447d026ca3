-- The campaign list reads pages newest first from a cursor (created_at, campaign_id).
CREATE INDEX campaign_created ON campaign (created_at, campaign_id);
