// Claude Code posts telemetry to the base URL; answering 200 keeps it from logging errors.
import type { Hono } from 'hono';
import type { AppEnv } from '../types.js';

export const TELEMETRY_PATHS = ['/api/event_logging/batch', '/'] as const;

export function registerTelemetryRoutes(app: Hono<AppEnv>): void {
  for (const path of TELEMETRY_PATHS) app.post(path, (c) => c.json({}));
}
