export { RemoteError } from './errors.js';
export type { MemberChange, MemberInfo } from './membership/member-table.js';
export type { RemoteEvent, RemoteEvents, RemoteEventType } from './remote-events.js';
export {
  type KindArgs,
  type KindMessage,
  type RemoteCounters,
  RemoteNode,
  type RemoteSpawnOptions,
} from './remote-node.js';
export { DEFAULT_MAX_NODES, type RemoteNodeOptions } from './remote-options.js';
export type { FrameFault } from './wire/remote-frame.js';
