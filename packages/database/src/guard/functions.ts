import type { Dialect } from './dialect.js';

/**
 * Side-effecting or admin functions per dialect: file and program access, sleeps, locks, session settings,
 * notifications, sequences, signals, replication, and functions that run SQL text (which the guard cannot see).
 * An entry ending in "*" is a prefix. Names compare case-insensitively, whatever schema qualifies them.
 */
const DENIED: Record<Dialect, readonly string[]> = {
  postgres: [
    // files and directories
    'pg_read_*',
    'pg_ls_*',
    'pg_stat_file',
    'pg_file_*',
    'pg_logdir_ls',
    // large objects (server-side file import/export)
    'lo_*',
    'loread',
    'lowrite',
    // other servers and the network
    'dblink*',
    'http',
    'http_*',
    'pg_net*',
    // sleeps and locks
    'pg_sleep*',
    'pg_advisory*',
    'pg_try_advisory*',
    // session settings and state
    'set_config',
    'setseed',
    'pg_export_snapshot',
    // signals, configuration, logs
    'pg_terminate_backend',
    'pg_cancel_backend',
    'pg_signal_backend',
    'pg_reload_conf',
    'pg_rotate_logfile*',
    'pg_log_backend_memory_contexts',
    'pg_stat_reset*',
    'pg_stat_statements_reset',
    // transactions, notifications, sequences
    'txid_current*',
    'pg_current_xact_id*',
    'pg_notify',
    'nextval',
    'setval',
    // SQL text executed inside a function
    'query_to_xml*',
    'query_to_xmlschema',
    'cursor_to_xml*',
    'table_to_xml*',
    'schema_to_xml*',
    'database_to_xml*',
    'ts_stat',
    'ts_rewrite',
    // replication, WAL, backups, cache
    'pg_create_*',
    'pg_drop_*',
    'pg_replication_*',
    'pg_logical_*',
    'pg_switch_wal',
    'pg_backup_*',
    'pg_start_backup',
    'pg_stop_backup',
    'pg_promote',
    'pg_wal_replay_*',
    'pg_copy_*',
    'pg_prewarm',
    'pg_import_system_collations',
    'pg_truncate_visibility_map',
    'pg_buffercache_evict*',
    'pg_log_standby_snapshot',
    'pg_sync_replication_slots',
    'postgres_fdw_*',
    // catalog and index maintenance (volatile built-ins of PostgreSQL 17 that write)
    'binary_upgrade_*',
    'brin_summarize_*',
    'brin_desummarize_range',
    'gin_clean_pending_list',
    'pg_extension_config_dump',
    'pg_stop_making_pinned_objects',
    'pg_nextoid',
  ],
  mysql: [
    'sleep',
    'benchmark',
    'get_lock',
    'release_lock',
    'release_all_locks',
    'load_file',
    'master_pos_wait',
    'source_pos_wait',
    'master_gtid_wait',
    'wait_for_executed_gtid_set',
    'wait_until_sql_thread_after_gtids',
    'sql_thread_wait_after_gtids',
    'last_insert_id',
    'nextval',
    'setval',
    // UDFs that run programs (lib_mysqludf_sys and similar)
    'sys_exec',
    'sys_eval',
    'sys_get',
    'sys_set',
    'lib_mysqludf_*',
    // plugin services that take locks or change server state
    'service_*',
    'version_tokens_*',
    'audit_log_*',
    'keyring_*',
    'group_replication_*',
    'asynchronous_connection_*',
    'mysql_firewall_*',
    'set_firewall_*',
  ],
  sqlite: [
    'load_extension',
    'readfile',
    'writefile',
    'edit',
    'fts3_tokenizer',
    'fsdir',
    'zipfile*',
    'sqlar_*',
    'eval',
    'shell*',
    'system',
    'sqlite_log',
    // eponymous virtual table that reads and writes raw database pages, past any table policy
    'sqlite_dbpage',
  ],
};

interface Matcher {
  exact: Set<string>;
  prefixes: string[];
}

const compiled = new Map<Dialect, Matcher>();

function matcher(dialect: Dialect): Matcher {
  let match = compiled.get(dialect);
  if (!match) {
    match = { exact: new Set(), prefixes: [] };
    for (const entry of DENIED[dialect]) {
      if (entry.endsWith('*')) match.prefixes.push(entry.slice(0, -1));
      else match.exact.add(entry);
    }
    compiled.set(dialect, match);
  }
  return match;
}

/** `exactOnly` skips prefix entries, for names that are more likely columns than calls. */
export function isDeniedFunction(dialect: Dialect, name: string, exactOnly = false): boolean {
  const { exact, prefixes } = matcher(dialect);
  const lower = name.toLowerCase();
  return exact.has(lower) || (!exactOnly && prefixes.some((prefix) => lower.startsWith(prefix)));
}

export function deniedFunctionList(dialect: Dialect): readonly string[] {
  return DENIED[dialect];
}
