// Every call the page makes: the API routes, with the key this tab keeps in session storage (never
// a cookie, so no other site's page can make the browser send it).

const KEY = 'gateway.apiKey';

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const storedKey = () => sessionStorage.getItem(KEY) ?? '';
export const storeKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

/** Called when the server stops taking the key (restarted with another one). */
let onUnauthorized = () => {};
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

function headers(key = storedKey()) {
  const h = { accept: 'application/json' };
  if (key) h.authorization = `Bearer ${key}`;
  return h;
}

async function errorOf(res) {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    message = body?.error?.message ?? body?.message ?? message;
  } catch {
    // not JSON: the status line says enough
  }
  return new ApiError(res.status, message);
}

/** GET or POST a JSON route; throws ApiError. `key` tests a key before it is stored. */
export async function api(path, { method = 'GET', body, key, signal } = {}) {
  const init = { method, headers: headers(key), signal };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && key === undefined) onUnauthorized(err);
    throw err;
  }
  return res.json();
}

/**
 * Reads the live log's server-sent events over fetch (EventSource cannot send the key header).
 * Calls onEvent(name, data) per event; resolves when the stream ends, rejects on a failure.
 */
export async function readEvents(path, onEvent, signal) {
  const res = await fetch(path, { headers: { ...headers(), accept: 'text/event-stream' }, signal });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401) onUnauthorized(err);
    throw err;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // On the joined text, so a CRLF split across two chunks is still one line end.
    buffer = (buffer + value).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) {
        try {
          onEvent(name, JSON.parse(data.join('\n')));
        } catch (e) {
          console.warn('live log: skipped an event', e);
        }
      }
    }
  }
}
