export type * from './content.js';
export type * from './tools.js';
export type * from './usage.js';
export type * from './finish-reason.js';
export type * from './request.js';
export type * from './events.js';
export type * from './response.js';
export { emptyUsage } from './usage.js';
export {
  GatewayError,
  ERROR_KINDS,
  isGatewayError,
  invalidRequest,
  notFound,
  toGatewayError,
} from './gateway-error.js';
export type { ErrorKind, AccountVerdict, ActionLink } from './gateway-error.js';
export { foldEvents } from './fold-events.js';
export { assertNever } from './assert-never.js';
export { EventList } from './event-list.js';
/** @internal */
export { checkEvents } from './check-events.js';
export { parseJsonObject } from './parse-json-object.js';
export { assertJsonDepth } from './json-depth.js';
