import type { Hono } from 'hono';
import type { EmulatorState } from './state.js';

// Placeholder: filled in by the issue that needs these routes.
export function registerGenerateRoutes(_app: Hono, _state: EmulatorState): void {}
