import { dbDescribeTable } from './db-describe-table.js';
import { dbExecute } from './db-execute.js';
import { dbExplain } from './db-explain.js';
import { dbListSchemas } from './db-list-schemas.js';
import { dbListTables } from './db-list-tables.js';
import { dbQuery } from './db-query.js';

export const tools = [dbQuery, dbListSchemas, dbListTables, dbDescribeTable, dbExplain, dbExecute];
