-- Flash sales as operators define them. The live counters (remaining stock, per-user counts) live in
-- Redis during the sale; the ledger of record is inventory-service's. This table holds the definition.
CREATE TABLE activity (
    activity_id    BIGINT         NOT NULL PRIMARY KEY,
    sku            VARCHAR(64)    NOT NULL,
    title          VARCHAR(200)   NOT NULL,
    price          DECIMAL(12, 2) NOT NULL,
    stock          INT            NOT NULL,
    per_user_limit INT            NOT NULL,
    start_at       DATETIME(3)    NOT NULL,
    end_at         DATETIME(3)    NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    created_at     DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT activity_stock_positive CHECK (stock > 0),
    CONSTRAINT activity_limit_positive CHECK (per_user_limit > 0),
    CONSTRAINT activity_price_non_negative CHECK (price >= 0),
    CONSTRAINT activity_window CHECK (end_at > start_at),
    CONSTRAINT activity_status_known CHECK (status IN ('DRAFT', 'PUBLISHED', 'PAUSED', 'ENDED')),
    KEY idx_activity_status_start (status, start_at)
) ENGINE = InnoDB;
