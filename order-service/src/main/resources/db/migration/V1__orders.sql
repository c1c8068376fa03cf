-- One row per accepted purchase. The order id is the Snowflake id seckill-service assigned when it
-- accepted the purchase, so a redelivered or replayed request event cannot create a second order.
CREATE TABLE orders (
    order_id    BIGINT        NOT NULL PRIMARY KEY,
    user_id     VARCHAR(64)   NOT NULL,
    activity_id BIGINT        NOT NULL,
    quantity    INT           NOT NULL,
    unit_price  DECIMAL(12, 2) NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    created_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT orders_quantity_positive CHECK (quantity > 0),
    CONSTRAINT orders_status_known CHECK (status IN ('PENDING', 'CREATED', 'PAID', 'CANCELLED', 'FAILED')),
    KEY idx_orders_user (user_id, created_at),
    KEY idx_orders_activity_status (activity_id, status),
    KEY idx_orders_status_created (status, created_at)
) ENGINE = InnoDB;
