const RISKY: Array<[RegExp, string]> = [
  [/\bALL PRIVILEGES\b/i, 'has ALL PRIVILEGES (FILE and SUPER included: files on the server, global settings, other sessions)'],
  [/\bFILE\b/i, 'has FILE: it can read and write files on the database server'],
  [/\bSUPER\b/i, 'has SUPER: it can change global settings and kill other sessions'],
  [/\bPROCESS\b/i, "has PROCESS: it can see every session's statements"],
  [/\bSHUTDOWN\b/i, 'has SHUTDOWN'],
  [/\bGRANT OPTION\b/i, 'can grant privileges (GRANT OPTION)'],
];

/** What the connected account can do beyond reading, from SHOW GRANTS (global grants only). */
export async function mysqlPrivilegeWarnings(query: (sql: string) => Promise<unknown>): Promise<string[]> {
  const rows = (await query('SHOW GRANTS FOR CURRENT_USER()')) as Array<Record<string, string>>;
  const grants = rows.map((row) => Object.values(row)[0] ?? '').filter((grant) => / ON \*\.\* /i.test(grant));
  const warnings = new Set<string>();
  for (const grant of grants) {
    const privileges = grant.replace(/^GRANT\s+/i, '').replace(/\s+ON\s+\*\.\*.*$/i, '');
    const withGrant = /WITH GRANT OPTION/i.test(grant);
    for (const [pattern, text] of RISKY) {
      if (pattern.test(privileges) || (text.includes('GRANT OPTION') && withGrant)) warnings.add(`account ${text}`);
    }
  }
  return [...warnings];
}
