import type { AnyActorRef } from './actor-ref.js';

/** Delivered to a watcher when a watched actor stops (unless it asked for its own message). */
export class Terminated {
  readonly ref: AnyActorRef;

  constructor(ref: AnyActorRef) {
    this.ref = ref;
  }
}
