import { type AddressInfo, connect, createServer } from 'node:net';

/** A TCP proxy in front of a PostgreSQL DSN that counts the client's flights (each time it speaks after the server) and the server's bytes. */
export async function countingProxy(dsn: string) {
  const target = new URL(dsn);
  const counts = { flights: 0, serverBytes: 0 };
  let last: 'client' | 'server' = 'server';
  const proxy = createServer((client) => {
    const server = connect(Number(target.port || 5432), target.hostname);
    client.on('data', (data) => {
      if (last === 'server') counts.flights += 1;
      last = 'client';
      server.write(data);
    });
    server.on('data', (data) => {
      last = 'server';
      counts.serverBytes += data.length;
      client.write(data);
    });
    for (const socket of [client, server]) socket.on('error', () => undefined);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = new URL(dsn);
  url.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    counts,
    /** What `work` cost: flights and server bytes. */
    async measure<T>(work: () => Promise<T>): Promise<{ value: T; flights: number; serverBytes: number }> {
      const before = { ...counts };
      const value = await work();
      return { value, flights: counts.flights - before.flights, serverBytes: counts.serverBytes - before.serverBytes };
    },
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}
