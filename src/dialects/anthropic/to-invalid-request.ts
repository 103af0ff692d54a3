// A zod failure of an Anthropic request → one invalid_request GatewayError in Anthropic's words:
// `messages.0.content: is required`.
import type { z } from 'zod';
import type { GatewayError } from '../../canonical/index.js';
import { zodErrorToInvalidRequest, type Wording } from '../validate.js';

const ANTHROPIC_WORDING: Wording = {
  at: (param, problem) => `${param}: ${problem}`,
  body: (problem) => `The request body: ${problem}`,
  required: 'is required',
};

export const toInvalidRequest = (error: z.ZodError, body: unknown): GatewayError => zodErrorToInvalidRequest(error, body, ANTHROPIC_WORDING);
