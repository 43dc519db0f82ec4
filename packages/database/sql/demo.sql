-- The toolbridge demo shop: customers, products, orders, and two tables an assistant should never see
-- (admin_logs, api_keys: denied by default). Rows are generated deterministically.
PRAGMA foreign_keys = ON;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  country TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
  created_at TEXT NOT NULL
);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents > 0),
  stock INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'refunded')),
  ordered_at TEXT NOT NULL
);
CREATE INDEX orders_user_id ON orders(user_id);
CREATE INDEX orders_product_id ON orders(product_id);
CREATE INDEX orders_ordered_at ON orders(ordered_at);

CREATE TABLE admin_logs (
  id INTEGER PRIMARY KEY,
  admin_user_id INTEGER NOT NULL REFERENCES users(id),
  action TEXT NOT NULL,
  detail TEXT,
  logged_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  key_prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_user_id ON api_keys(user_id);

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60),
first(k, name) AS (VALUES (0, 'Ada'), (1, 'Grace'), (2, 'Linus'), (3, 'Margaret'), (4, 'Alan'), (5, 'Barbara'), (6, 'Ken'), (7, 'Radia'), (8, 'Dennis'), (9, 'Frances'), (10, 'Edsger'), (11, 'Hedy')),
last(k, name) AS (VALUES (0, 'Lovelace'), (1, 'Hopper'), (2, 'Torvalds'), (3, 'Hamilton'), (4, 'Turing'), (5, 'Liskov'), (6, 'Thompson'), (7, 'Perlman'), (9, 'Allen'), (8, 'Ritchie')),
country(k, code) AS (VALUES (0, 'US'), (1, 'DE'), (2, 'FR'), (3, 'JP'), (4, 'BR'), (5, 'IN'), (6, 'GB'))
INSERT INTO users (id, email, full_name, country, plan, created_at)
SELECT i,
       lower(f.name) || '.' || lower(l.name) || i || '@example.com',
       f.name || ' ' || l.name,
       c.code,
       CASE WHEN i % 10 = 0 THEN 'enterprise' WHEN i % 3 = 0 THEN 'pro' ELSE 'free' END,
       date('2024-01-01', '+' || (i * 5) || ' days')
FROM n
JOIN first f ON f.k = i % 12
JOIN last l ON l.k = i % 10
JOIN country c ON c.k = i % 7;

INSERT INTO products (id, sku, name, category, price_cents, stock) VALUES
  (1, 'KB-001', 'Mechanical keyboard', 'peripherals', 12900, 40),
  (2, 'MS-002', 'Wireless mouse', 'peripherals', 3900, 120),
  (3, 'MN-003', '27" 4K monitor', 'displays', 42900, 15),
  (4, 'MN-004', '34" ultrawide monitor', 'displays', 69900, 6),
  (5, 'DK-005', 'USB-C dock', 'accessories', 17900, 35),
  (6, 'HS-006', 'Noise-cancelling headset', 'audio', 24900, 22),
  (7, 'MC-007', 'USB microphone', 'audio', 11900, 18),
  (8, 'CB-008', 'Braided USB-C cable (2 m)', 'accessories', 1900, 300),
  (9, 'LP-009', 'Laptop stand', 'accessories', 4900, 80),
  (10, 'CM-010', '1080p webcam', 'peripherals', 7900, 0),
  (11, 'SS-011', 'Portable SSD 1 TB', 'storage', 10900, 55),
  (12, 'SS-012', 'Portable SSD 4 TB', 'storage', 32900, 9);

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800)
INSERT INTO orders (id, user_id, product_id, quantity, total_cents, status, ordered_at)
SELECT i,
       1 + (i * 37) % 60,
       1 + (i * 11) % 12,
       1 + i % 3,
       (1 + i % 3) * (SELECT price_cents FROM products WHERE id = 1 + (i * 11) % 12),
       CASE WHEN i % 17 = 0 THEN 'refunded' WHEN i % 5 = 0 THEN 'pending' WHEN i % 2 = 0 THEN 'shipped' ELSE 'paid' END,
       datetime('2025-01-01 08:00:00', '+' || (i * 9) || ' hours')
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO admin_logs (id, admin_user_id, action, detail, logged_at)
SELECT i, 10 * (1 + i % 6),
       CASE i % 4 WHEN 0 THEN 'refund_issued' WHEN 1 THEN 'user_suspended' WHEN 2 THEN 'plan_changed' ELSE 'password_reset' END,
       'ticket #' || (4000 + i),
       datetime('2025-02-01 09:00:00', '+' || (i * 31) || ' hours')
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
INSERT INTO api_keys (id, user_id, key_prefix, key_hash, created_at, revoked_at)
SELECT i, 1 + (i * 7) % 60, 'tbk_' || substr(hex(randomblob(4)), 1, 6),
       lower(hex(randomblob(32))),
       date('2025-01-15', '+' || (i * 3) || ' days'),
       CASE WHEN i % 5 = 0 THEN date('2025-06-01', '+' || i || ' days') END
FROM n;

ANALYZE;
