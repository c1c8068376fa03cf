-- The ledger gauge shows the most recently moved ledgers, not the highest activity ids: ids are Snowflake ids
-- in production but anything in tests, and a test's random id above a live sale's hid the sale's series.
CREATE INDEX idx_stock_ledger_updated ON stock_ledger (updated_at);
