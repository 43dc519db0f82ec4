/**
 * The same small shop in each dialect: customers, orders, events (JSON), and a "secrets" table the
 * policy denies. 40 customers, 400 orders.
 */
export const POSTGRES_SEED = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, country text NOT NULL, created_at date NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), amount numeric(10,2) NOT NULL, status text NOT NULL, created_at timestamp NOT NULL);
CREATE INDEX orders_customer ON orders(customer_id);
CREATE TABLE events (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), payload jsonb NOT NULL);
CREATE TABLE secrets (id serial PRIMARY KEY, value text NOT NULL);
CREATE TABLE employees (id int PRIMARY KEY, manager_id int REFERENCES employees(id), name text NOT NULL);
COMMENT ON TABLE customers IS 'People who buy things';
INSERT INTO customers (name, country, created_at) SELECT 'customer ' || i, (ARRAY['US','DE','FR','JP'])[1 + i % 4], date '2024-01-01' + i FROM generate_series(1, 40) i;
INSERT INTO orders (customer_id, amount, status, created_at) SELECT 1 + i % 40, (i * 7 % 500) + 0.99, (ARRAY['paid','shipped','refunded'])[1 + i % 3], timestamp '2025-01-01' + i * interval '5 hours' FROM generate_series(1, 400) i;
INSERT INTO events (customer_id, payload) SELECT 1 + i % 40, jsonb_build_object('kind', (ARRAY['view','click','buy'])[1 + i % 3], 'tags', jsonb_build_array('a', 'b'), 'score', i) FROM generate_series(1, 100) i;
INSERT INTO secrets (value) VALUES ('top secret'), ('even more secret');
INSERT INTO employees VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'engineer'), (4, 2, 'engineer 2'), (5, 1, 'cfo');
-- Side effects hidden where the SQL checker cannot see them: only the lower layers can contain these.
CREATE VIEW locking_view AS SELECT pg_advisory_lock(99)::text AS locked;
CREATE VIEW sleepy_view AS SELECT pg_sleep(30)::text AS slept;
CREATE FUNCTION set_sneaky() RETURNS text LANGUAGE sql AS $$ SELECT set_config('work_mem', '2345kB', false) $$;
ANALYZE;
`;

export const MYSQL_SEED = `
CREATE TABLE customers (id int PRIMARY KEY AUTO_INCREMENT, name varchar(100) NOT NULL, country char(2) NOT NULL, created_at date NOT NULL) COMMENT 'People who buy things';
CREATE TABLE orders (id int PRIMARY KEY AUTO_INCREMENT, customer_id int NOT NULL, amount decimal(10,2) NOT NULL, status varchar(20) NOT NULL, created_at datetime NOT NULL, KEY orders_customer (customer_id), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id));
CREATE TABLE events (id int PRIMARY KEY AUTO_INCREMENT, customer_id int, payload json NOT NULL);
CREATE TABLE secrets (id int PRIMARY KEY AUTO_INCREMENT, value varchar(100) NOT NULL);
CREATE TABLE employees (id int PRIMARY KEY, manager_id int NULL, name varchar(100) NOT NULL);
INSERT INTO customers (name, country, created_at) SELECT CONCAT('customer ', seq), ELT(1 + seq % 4, 'US', 'DE', 'FR', 'JP'), DATE_ADD('2024-01-01', INTERVAL seq DAY) FROM seq_1_to_40;
INSERT INTO orders (customer_id, amount, status, created_at) SELECT 1 + seq % 40, (seq * 7 % 500) + 0.99, ELT(1 + seq % 3, 'paid', 'shipped', 'refunded'), DATE_ADD('2025-01-01', INTERVAL seq * 5 HOUR) FROM seq_1_to_400;
INSERT INTO events (customer_id, payload) SELECT 1 + seq % 40, JSON_OBJECT('kind', ELT(1 + seq % 3, 'view', 'click', 'buy'), 'score', seq) FROM seq_1_to_100;
INSERT INTO secrets (value) VALUES ('top secret'), ('even more secret');
INSERT INTO employees VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'engineer'), (4, 2, 'engineer 2'), (5, 1, 'cfo');
CREATE VIEW locking_view AS SELECT GET_LOCK('tb_attack', 0) AS locked;
CREATE VIEW sleepy_view AS SELECT SLEEP(30) AS slept;
`;

export const SQLITE_SEED = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), amount REAL NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX orders_customer ON orders(customer_id);
CREATE TABLE events (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), payload TEXT NOT NULL);
CREATE TABLE secrets (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees(id), name TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO customers (name, country, created_at) SELECT 'customer ' || i, CASE i % 4 WHEN 0 THEN 'US' WHEN 1 THEN 'DE' WHEN 2 THEN 'FR' ELSE 'JP' END, date('2024-01-01', '+' || i || ' days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO orders (customer_id, amount, status, created_at) SELECT 1 + i % 40, (i * 7 % 500) + 0.99, CASE i % 3 WHEN 0 THEN 'paid' WHEN 1 THEN 'shipped' ELSE 'refunded' END, datetime('2025-01-01', '+' || (i * 5) || ' hours') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO events (customer_id, payload) SELECT 1 + i % 40, json_object('kind', CASE i % 3 WHEN 0 THEN 'view' WHEN 1 THEN 'click' ELSE 'buy' END, 'score', i) FROM n;
INSERT INTO secrets (value) VALUES ('top secret'), ('even more secret');
INSERT INTO employees VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'engineer'), (4, 2, 'engineer 2'), (5, 1, 'cfo');
CREATE VIEW extension_view AS SELECT load_extension('/nonexistent/ext') AS loaded;
`;

export const TABLES = ['customers', 'orders', 'events', 'secrets', 'employees'] as const;
