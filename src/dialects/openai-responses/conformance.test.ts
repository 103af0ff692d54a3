import { createResponsesDialect } from './index.js';
import { CONFORMANCE_MODEL, runDialectSuite } from '../test-support/run-dialect-suite.js';

runDialectSuite(createResponsesDialect(), {
  goldens: new URL('./fixtures/conformance/', import.meta.url),
  requestBody: { model: CONFORMANCE_MODEL, input: 'hi', stream: true },
});
