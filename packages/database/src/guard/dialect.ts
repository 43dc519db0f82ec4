export type Dialect = 'postgres' | 'mysql' | 'sqlite';
