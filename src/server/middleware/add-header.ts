import type { Context } from 'hono';
import type { AppEnv } from '../types.js';

/** Sets a header on whatever answer this request gets, streamed ones included. */
export function addHeader(c: Context<AppEnv>, name: string, value: string): void {
  c.header(name, value);
  c.get('responseHeaders')[name] = value;
}
