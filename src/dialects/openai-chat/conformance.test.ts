import { openaiChatDialect } from './index.js';
import { CONFORMANCE_MODEL, runDialectSuite } from '../test-support/run-dialect-suite.js';

// include_usage: the stream then ends with its usage chunk, which the goldens pin too.
runDialectSuite(openaiChatDialect, {
  goldens: new URL('./fixtures/conformance/', import.meta.url),
  requestBody: { model: CONFORMANCE_MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } },
});
