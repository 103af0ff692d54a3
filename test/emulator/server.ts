// A fake of Google OAuth and Cloud Code Assist on a random loopback port, scriptable per test.
// Routes are registered by one module per area; this file only wires them and records calls.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { registerOAuthRoutes } from './oauth.js';
import { registerOnboardingRoutes } from './onboarding.js';
import { registerGenerateRoutes } from './generate.js';
import { registerQuotaRoutes } from './quota.js';
import { EmulatorState, type EmulatorOptions } from './state.js';
import { FEED_PATH, registerFeedRoute } from './today.js';

export interface Emulator {
  url: string;
  state: EmulatorState;
  /** Environment that points the gateway at this emulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

function createEmulatorApp(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!state.options.noRecords) {
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((v, k) => (headers[k] = v));
      const text = c.req.method === 'GET' ? '' : await c.req.raw.clone().text();
      let body: unknown = text;
      if (headers['content-type']?.includes('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(text));
      } else if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          // keep the raw text
        }
      }
      const account = state.accountForAuthorization(headers.authorization)?.email;
      state.record({
        method: c.req.method,
        path: c.req.path,
        query: c.req.query(),
        headers,
        body,
        ...(account ? { account } : {}),
        at: Date.now(),
      });
    }
    await next();
  });
  registerOAuthRoutes(app, state);
  registerOnboardingRoutes(app, state);
  registerGenerateRoutes(app, state);
  registerQuotaRoutes(app, state);
  registerFeedRoute(app, state);
  return app;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(options);
  const app = createEmulatorApp(state);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    state,
    env: {
      GATEWAY_OAUTH_AUTH_URL: `${url}/o/oauth2/v2/auth`,
      GATEWAY_OAUTH_TOKEN_URL: `${url}/token`,
      GATEWAY_USERINFO_URL: `${url}/oauth2/v2/userinfo`,
      GATEWAY_CODE_ASSIST_ENDPOINT: url,
      // Antigravity's updater feed is served here too, and no local Antigravity install is read.
      GATEWAY_ANTIGRAVITY_VERSION_URL: `${url}${FEED_PATH}`,
      GATEWAY_ANTIGRAVITY_APP_PATHS: '',
    },
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

