import type { EventStream } from '@zactor/actor-core';
import type { RemoteError } from './errors.js';
import type { MemberChange } from './membership/member-table.js';
import type { FrameFault } from './wire/remote-frame.js';

/**
 * What a RemoteNode reports: members coming up, going down (silent for `downAfterMs`) or
 * leaving (a clean stop); peers refused for another codec fingerprint or `maxNodes`; frames
 * refused before any envelope was read; the NATS connection dropping and coming back.
 */
export type RemoteEvent =
  | MemberChange
  | {
      readonly type: 'peer-rejected';
      readonly node: number;
      readonly name: string;
      readonly error: RemoteError;
    }
  | {
      readonly type: 'frame-rejected';
      readonly fault: FrameFault;
      /** The sender's index when the header was readable. */
      readonly from: number | undefined;
      readonly error: RemoteError;
    }
  | { readonly type: 'disconnected' }
  | { readonly type: 'reconnected' };

export type RemoteEventType = RemoteEvent['type'];

/** Where a RemoteNode publishes them: actor-core's EventStream over RemoteEvent. */
export type RemoteEvents = EventStream<RemoteEvent>;
