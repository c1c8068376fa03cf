-- Snowflake worker-id leases: one row per worker id (0..1023). Claimed, renewed and taken over by
-- conditional UPDATEs judged against the database clock, so two instances can never hold one id.
CREATE TABLE worker_lease (
    worker_id      INT          NOT NULL PRIMARY KEY,
    owner          VARCHAR(128) NULL,
    expires_at     DATETIME(3)  NULL,
    -- The last timestamp (ms since the Snowflake epoch) issued under this worker id: the clock guard's memory.
    last_timestamp BIGINT       NOT NULL DEFAULT 0,
    version        BIGINT       NOT NULL DEFAULT 0
) ENGINE = InnoDB;

-- Segment (Leaf-segment style) sequences: dense numbers per business tag, handed out step by step.
CREATE TABLE id_segment (
    biz_tag     VARCHAR(64)  NOT NULL PRIMARY KEY,
    max_id      BIGINT       NOT NULL,
    step        INT          NOT NULL,
    description VARCHAR(255) NULL,
    updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;
