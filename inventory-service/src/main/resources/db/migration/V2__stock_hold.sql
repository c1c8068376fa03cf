-- One row per order: which units it holds and where they are. Bound to the XID of the global
-- transaction that froze them, so a second placement attempt for the same order (a redelivered event
-- in another global transaction) can never confirm or cancel the first attempt's units.
CREATE TABLE stock_hold (
    order_id    BIGINT       NOT NULL PRIMARY KEY,
    activity_id BIGINT       NOT NULL,
    quantity    INT          NOT NULL,
    xid         VARCHAR(128) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT stock_hold_quantity_positive CHECK (quantity > 0),
    CONSTRAINT stock_hold_state_known CHECK (state IN ('FROZEN', 'RESERVED', 'SOLD', 'RELEASED', 'CANCELLED')),
    KEY idx_stock_hold_activity_state (activity_id, state)
) ENGINE = InnoDB;
