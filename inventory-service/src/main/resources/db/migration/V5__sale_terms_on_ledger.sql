-- The sale's terms beside its stock: order-service checks every request it reads from Kafka against them
-- (requested inside [start_at, end_at), quantity within per_user_limit) before anything is written.
-- NULL only in ledgers opened by builds before this one (their requests are checked for the ledger alone).
-- end_at moves earlier when an operator ends the sale before its scheduled end.
ALTER TABLE stock_ledger
    ADD COLUMN per_user_limit INT         NULL,
    ADD COLUMN start_at       DATETIME(3) NULL,
    ADD COLUMN end_at         DATETIME(3) NULL,
    ADD CONSTRAINT stock_ledger_terms CHECK ((per_user_limit IS NULL AND start_at IS NULL AND end_at IS NULL)
        OR (per_user_limit > 0 AND start_at IS NOT NULL AND end_at IS NOT NULL));
