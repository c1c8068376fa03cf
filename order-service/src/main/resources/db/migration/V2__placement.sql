-- The XID of the global transaction that recorded the order: phase two only touches its own row.
ALTER TABLE orders ADD COLUMN xid VARCHAR(128) NULL;
-- Why a FAILED order failed (e.g. the ledger had no unit), for operators.
ALTER TABLE orders ADD COLUMN reason VARCHAR(255) NULL;

-- Seata's TCC fence for this service's own participant (recording the order).
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
