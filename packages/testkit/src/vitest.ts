// Session lifecycles for vitest files, apart from the main entry so that the demo and the bench, which
// start fakes outside vitest, never load it.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

interface Closable {
  close(): Promise<void>;
}

/** One session (a fake and its server) for the whole file: for tests that only read. Returns a getter. */
export function sessionPerFile<S extends Closable>(open: () => Promise<S>): () => S {
  let session: S | undefined;
  beforeAll(async () => {
    session = await open();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => session!;
}

/** A fresh session for every test of the file: for tests that change the world. Returns a getter. */
export function sessionPerTest<S extends Closable>(open: () => Promise<S>): () => S {
  let session: S | undefined;
  beforeEach(async () => {
    session = await open();
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  return () => session!;
}
