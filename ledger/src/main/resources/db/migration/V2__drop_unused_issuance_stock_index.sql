-- No query reads issuance by stock_id (flows join by coupon_id); the index only cost every insert.
DROP INDEX IF EXISTS issuance_stock;
