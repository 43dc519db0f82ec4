import type { SqliteConnection } from '../../src/engine/sqlite-driver.js';

/**
 * ANALYZE, with the index samples (sqlite_stat4) a SQLite built with STAT4 writes: better-sqlite3's and the
 * sqlite3 shell's do, Node's node:sqlite does not, yet it reads files the others analysed. Either way the
 * file holds samples, so the deny list is tested against them.
 */
export function analyzeWithSamples(db: SqliteConnection): void {
  db.exec('ANALYZE');
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get()) return;
  db.unsafeMode(true);
  db.exec(`
    PRAGMA writable_schema = ON;
    CREATE TABLE sqlite_stat4(tbl, idx, neq, nlt, ndlt, sample);
    PRAGMA writable_schema = OFF;
    INSERT INTO sqlite_stat4 SELECT tbl, idx, '1', '0', '0', x'00' FROM sqlite_stat1 WHERE idx IS NOT NULL;
  `);
  db.unsafeMode(false);
}
