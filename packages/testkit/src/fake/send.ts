import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from './faults.js';
import type { FakeResponse } from './request.js';

const pause = (ms: number) => sleep(ms, undefined, { ref: false });

/** Writes an answer: objects as JSON, strings and buffers as they are, delivered as `delivery` says. */
export async function send(outgoing: ServerResponse, response: FakeResponse, delivery: Delivery = {}): Promise<void> {
  const { body } = response;
  const raw = typeof body === 'string' || Buffer.isBuffer(body);
  let payload = body === undefined ? Buffer.alloc(0) : Buffer.from(raw ? (body as string | Buffer) : JSON.stringify(body));
  const headers: Record<string, string> = {
    ...(body !== undefined && !raw ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...response.headers,
  };
  if (delivery.delayMs) await pause(delivery.delayMs);
  if (outgoing.destroyed) return;
  const cut = delivery.truncate;
  if (cut) {
    const kept = payload.subarray(0, cut.bytes ?? Math.floor(payload.length / 2));
    if (cut.hangUp) {
      // Announce the whole body, send part of it, then drop the connection.
      outgoing.writeHead(response.status ?? 200, { ...headers, 'content-length': String(payload.length) });
      outgoing.write(kept);
      await pause(20);
      outgoing.destroy();
      return;
    }
    payload = kept;
  }
  outgoing.writeHead(response.status ?? 200, headers);
  if (!delivery.drip) {
    outgoing.end(payload);
    return;
  }
  outgoing.flushHeaders();
  for (let offset = 0; offset < payload.length && !outgoing.destroyed; offset += delivery.drip.bytes) {
    outgoing.write(payload.subarray(offset, offset + delivery.drip.bytes));
    await pause(delivery.drip.intervalMs);
  }
  outgoing.end();
}
