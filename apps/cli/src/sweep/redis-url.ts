import { DataError } from '@rnnkit/datasets';
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../usage-error.js';

/** Checks a --queue value: redis://[[user]:password@]HOST:PORT[/DB] or rediss:// (TLS). */
export function parseQueueUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--queue must be a URL like redis://HOST:PORT[/DB], got "${redactUrl(text)}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`--queue must start with redis:// or rediss://, got "${redactUrl(text)}"`);
  if (url.hostname === '') throw new UsageError('--queue needs a host, e.g. redis://127.0.0.1:6379');
  if (!/^(\/\d*)?$/.test(url.pathname)) throw new UsageError(`--queue's path must be a database number, e.g. redis://HOST:PORT/0, got "${url.pathname}"`);
  return text;
}

/** The URL with its password replaced by ***, for anything printed or stored. */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z]+:\/\/[^/:@]*):[^@/]*@/i, '$1:***@');
}

/** Removes the password from any text (an error message) before it is shown. */
export function scrub(text: string, url: string): string {
  const password = /^[a-z]+:\/\/[^/:@]*:([^@/]*)@/i.exec(url)?.[1];
  let out = text.replaceAll(url, redactUrl(url));
  if (password) out = out.replaceAll(password, '***').replaceAll(decodeURIComponent(password), '***');
  return out;
}

/**
 * A connection for BullMQ after a probe that fails fast: an unreachable Redis or a wrong password is
 * one line and exit 2 within seconds, instead of ioredis retrying forever. The returned client does
 * retry (a worker outlives a Redis restart); `maxRetriesPerRequest` null is what BullMQ needs.
 * A short disconnectTimeout: ioredis' default keeps the process alive 2 s after disconnect().
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, disconnectTimeout: 0 });
  let cause: Error | undefined; // the socket's error says more than connect()'s "Connection is closed"
  probe.on('error', (err: Error) => (cause ??= err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const why = scrub((cause ?? (err as Error)).message, url);
    throw new DataError(redactUrl(url), undefined, `cannot reach Redis (${why})`, 'check the host, port and password, and that redis-server is running');
  } finally {
    probe.disconnect();
  }
  return new Redis(url, { connectTimeout: 5000, maxRetriesPerRequest: null, disconnectTimeout: 500, ...options });
}
