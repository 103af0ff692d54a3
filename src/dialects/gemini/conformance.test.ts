import { geminiDialect } from './index.js';
import { runDialectSuite } from '../test-support/run-dialect-suite.js';

// The model and the stream flag come from the path (the suite's route), not the body.
runDialectSuite(geminiDialect, {
  goldens: new URL('./fixtures/conformance/', import.meta.url),
  requestBody: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
});
