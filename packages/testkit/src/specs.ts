import { resolve } from 'node:path';

/** Where the upstreams' published API descriptions live (TOOLBRIDGE_API_SPECS, default ../shared/api-specs from the repo root). */
export function apiSpecsDir(): string {
  return resolve(process.env.TOOLBRIDGE_API_SPECS ?? resolve(import.meta.dirname, '../../../../shared/api-specs'));
}
