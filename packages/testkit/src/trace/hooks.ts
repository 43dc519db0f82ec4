import { appendFileSync } from 'node:fs';

type Resolve = (specifier: string, context: unknown, next: (specifier: string, context: unknown) => Promise<{ url: string }>) => Promise<{ url: string }>;

/** Appends every module URL the process resolves to the file in TOOLBRIDGE_TEST_IMPORT_TRACE. */
export const resolve: Resolve = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  const file = process.env.TOOLBRIDGE_TEST_IMPORT_TRACE;
  if (file) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
};
