-- Settlement in groups: one global transaction freezes the units of many orders, and its phase two moves
-- them all by the XID that froze them.
CREATE INDEX idx_stock_hold_xid ON stock_hold (xid);
