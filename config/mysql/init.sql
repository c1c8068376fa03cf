-- One schema per service (no service reads another's tables) and the account they connect with.
-- Run by ./seckill up/test against the local MariaDB, by docker-compose and by the Testcontainers mode.
-- Idempotent: safe to run on every start.
CREATE DATABASE IF NOT EXISTS seckill   CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS orders    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS inventory CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS ids       CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- 'localhost' as well as '%': MariaDB matches a loopback login to a localhost entry first.
CREATE USER IF NOT EXISTS 'seckill'@'%' IDENTIFIED BY 'seckill';
CREATE USER IF NOT EXISTS 'seckill'@'localhost' IDENTIFIED BY 'seckill';
GRANT ALL PRIVILEGES ON seckill.*   TO 'seckill'@'%', 'seckill'@'localhost';
GRANT ALL PRIVILEGES ON orders.*    TO 'seckill'@'%', 'seckill'@'localhost';
GRANT ALL PRIVILEGES ON inventory.* TO 'seckill'@'%', 'seckill'@'localhost';
GRANT ALL PRIVILEGES ON ids.*       TO 'seckill'@'%', 'seckill'@'localhost';
FLUSH PRIVILEGES;
