import type { ServerContext } from './define.js';

/** One service of a server: how to make it (on first use) and how to let it go (at shutdown). */
export interface ServiceDefinition<T, S = unknown> {
  create(context: ServerContext<S>): T;
  close?(value: Awaited<T>): void | Promise<void>;
}

/** The service definitions of a server whose `context.services` has type V. */
export type ServiceDefinitions<V, S = unknown> = { [K in keyof V]: ServiceDefinition<V[K], S> };

/** The `context.services` type that a record of service definitions gives. */
export type ServicesOf<D> = { readonly [K in keyof D]: D[K] extends ServiceDefinition<infer T, infer _S> ? T : never };

/**
 * Declares a service. `create` runs at the first use of `context.services.<name>`, so a server starts
 * without loading its API client; an async service is a promise (await it), and one that fails is made
 * again at the next use rather than remembered as failed.
 */
export function service<T, S = unknown>(
  create: (context: ServerContext<S>) => T,
  close?: (value: Awaited<T>) => void | Promise<void>,
): ServiceDefinition<T, S> {
  return close ? { create, close } : { create };
}

export interface ServiceRegistry<V> {
  services: V;
  /** Closes the services that were created, the last made first. */
  close(): Promise<void>;
}

export function createServices<V, S>(definitions: ServiceDefinitions<V, S> | undefined, context: () => ServerContext<S>): ServiceRegistry<V> {
  const created = new Map<string, unknown>();
  const services = {} as V;
  for (const [name, definition] of Object.entries(definitions ?? {}) as Array<[string, ServiceDefinition<unknown, S>]>) {
    Object.defineProperty(services, name, {
      enumerable: true,
      get() {
        if (created.has(name)) return created.get(name);
        const value = definition.create(context());
        created.set(name, value);
        if (value instanceof Promise) value.catch(() => created.get(name) === value && created.delete(name));
        return value;
      },
    });
  }
  return {
    services,
    async close() {
      const names = [...created.keys()].reverse();
      for (const name of names) {
        const definition = (definitions as Record<string, ServiceDefinition<unknown, S>>)[name]!;
        const value = await Promise.resolve(created.get(name)).catch(() => undefined);
        created.delete(name);
        if (value !== undefined) await definition.close?.(value);
      }
    },
  };
}

/**
 * Values loaded once per key, concurrent callers sharing one load; a failed load is forgotten so the
 * next call tries again. For caches such as "is this repository public" or "users by id".
 */
export class Memo<T> {
  private readonly values = new Map<string, Promise<T>>();

  get(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.values.get(key);
    if (!value) {
      value = load();
      this.values.set(key, value);
      const stored = value;
      value.catch(() => {
        if (this.values.get(key) === stored) this.values.delete(key);
      });
    }
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}
