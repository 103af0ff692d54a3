import { anthropicDialect } from './index.js';
import { CONFORMANCE_MODEL, runDialectSuite } from '../test-support/run-dialect-suite.js';

runDialectSuite(anthropicDialect, {
  goldens: new URL('./fixtures/conformance/', import.meta.url),
  requestBody: { model: CONFORMANCE_MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true },
});
