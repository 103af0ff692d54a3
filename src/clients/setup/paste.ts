// Clients whose settings live in an editor's UI (Cline, Roo Code, Cursor) or that we do not edit
// (Continue's YAML): the exact values to paste.
import { NO_KEY_TOKEN } from '../wire-client.js';
import type { Paste, SetupContext } from './types.js';

export function pasteFor(client: 'cline' | 'roo' | 'continue' | 'cursor', ctx: SetupContext, keyShown: string): Paste {
  const key = ctx.apiKey ? keyShown : NO_KEY_TOKEN;
  const model = ctx.models.main ?? ctx.catalog[0] ?? 'gemini-3-flash';
  const models = ctx.catalog.join(', ') || model;
  switch (client) {
    case 'cline':
    case 'roo':
      return {
        where: `${client === 'cline' ? 'Cline' : 'Roo Code'}: settings (gear icon) → API Provider`,
        fields: [
          ['API Provider', 'OpenAI Compatible'],
          ['Base URL', `${ctx.baseUrl}/v1`],
          ['API Key', key],
          ['Model ID', model],
          ['Other models', models],
        ],
      };
    case 'continue':
      return {
        where: 'Continue: add this model to ~/.continue/config.yaml under "models:"',
        fields: [],
        block: [
          '  - name: gateway',
          '    provider: openai',
          `    model: ${model}`,
          `    apiBase: ${ctx.baseUrl}/v1`,
          `    apiKey: ${key}`,
          '    roles: [chat, edit, apply]',
        ].join('\n'),
      };
    case 'cursor':
      return {
        where: "Cursor: its servers make the model calls, so it needs a public URL: run `gateway start --tunnel`, which prints what to paste",
        fields: [],
      };
  }
}
