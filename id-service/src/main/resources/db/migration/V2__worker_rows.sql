-- One row per worker id 0..1023, so claiming is always a conditional UPDATE of an existing row
-- (never an INSERT race). 32 x 32 instead of one deep recursion: MySQL caps CTE recursion at 1000.
INSERT INTO worker_lease (worker_id)
WITH RECURSIVE digits (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM digits WHERE n < 31)
SELECT high.n * 32 + low.n FROM digits high CROSS JOIN digits low;
