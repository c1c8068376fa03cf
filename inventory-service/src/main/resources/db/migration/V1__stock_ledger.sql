-- The stock ledger of record: one row per activity. Units move between buckets only through
-- conditional UPDATEs; the CHECKs make the database itself refuse a negative bucket or a unit that
-- appears or vanishes (available + frozen + reserved + sold = total, always).
CREATE TABLE stock_ledger (
    activity_id BIGINT      NOT NULL PRIMARY KEY,
    total       INT         NOT NULL,
    available   INT         NOT NULL,
    frozen      INT         NOT NULL DEFAULT 0,   -- held by a TCC Try, not yet confirmed
    reserved    INT         NOT NULL DEFAULT 0,   -- held by a placed, unpaid order
    sold        INT         NOT NULL DEFAULT 0,
    updated_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT stock_ledger_non_negative CHECK (total >= 0 AND available >= 0 AND frozen >= 0 AND reserved >= 0 AND sold >= 0),
    CONSTRAINT stock_ledger_conserved CHECK (available + frozen + reserved + sold = total)
) ENGINE = InnoDB;

-- Seata's TCC fence (useTCCFence = true): guards against empty rollback, suspension and repeated
-- phase two. Same DDL as Seata's script/client/tcc/db/mysql.sql.
CREATE TABLE tcc_fence_log (
    xid          VARCHAR(128) NOT NULL,
    branch_id    BIGINT       NOT NULL,
    action_name  VARCHAR(64)  NOT NULL,
    status       TINYINT      NOT NULL COMMENT 'tried:1; committed:2; rollbacked:3; suspended:4',
    gmt_create   DATETIME(3)  NOT NULL,
    gmt_modified DATETIME(3)  NOT NULL,
    PRIMARY KEY (xid, branch_id),
    KEY idx_gmt_modified (gmt_modified),
    KEY idx_status (status)
) ENGINE = InnoDB;
