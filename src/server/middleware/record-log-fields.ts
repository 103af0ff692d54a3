// What the access log line adds for a request that reached the pool: model asked and served,
// account, tokens (from the same usage record the ledger and the dashboard get).
import type { LogFields } from '../../log/logger.js';
import type { RequestRecord } from '../../usage/request-record.js';

/** Adds the record's fields to `fields` (in place) and returns it; nothing without a record. */
export function recordLogFields(r: RequestRecord | undefined, fields: LogFields): LogFields {
  if (r === undefined) return fields;
  fields.model = r.modelAsked;
  if (r.modelServed !== undefined) fields.served = r.modelServed;
  if (r.account !== undefined) fields.account = r.account;
  if (r.failovers > 0) fields.failovers = r.failovers;
  fields.tokensIn = r.inputTokens;
  fields.tokensOut = r.outputTokens;
  if (r.errorKind !== undefined) fields.error = r.errorKind;
  return fields;
}
