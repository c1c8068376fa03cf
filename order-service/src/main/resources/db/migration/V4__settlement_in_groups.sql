-- Settlement in groups. Phase two of a placement moves every order of its global transaction by XID;
-- a timeout saga cancels a group of orders and marks them with its business key, so each of its steps
-- (release the units, announce) finds exactly its own orders again when it is resumed.
CREATE INDEX idx_orders_xid ON orders (xid);
ALTER TABLE orders ADD COLUMN cancellation VARCHAR(48) NULL;
CREATE INDEX idx_orders_cancellation ON orders (cancellation);

-- The outbox: every lifecycle event (created, failed, paid, cancelled) is written in the same local
-- transaction as the state change it announces, and relayed to Kafka from here; a crash or a Kafka outage
-- after the commit delays an event, never loses it. One row per order and event type while unrelayed.
CREATE TABLE order_outbox (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_type  VARCHAR(32)  NOT NULL,
    order_id    BIGINT       NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    activity_id BIGINT       NOT NULL,
    quantity    INT          NOT NULL,
    reason      VARCHAR(255) NULL,
    occurred_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_order_outbox_event (order_id, event_type)
) ENGINE = InnoDB;
