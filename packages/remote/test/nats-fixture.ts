import type { AnyActorRef } from '@zactor/actor-core';
import {
  NATS_INSTALL_HINT,
  type NatsServerHandle,
  natsRequired,
  natsServerBinary,
  startNatsServer,
} from '@zactor/testing';
import type { RemoteNode } from '../src/index.js';

/**
 * Whether this run has a nats-server. In CI (or with REQUIRE_NATS) a missing server fails the
 * tests that need it; locally they skip and say why.
 */
export const hasNats = natsServerBinary() !== undefined;
if (!hasNats) {
  if (natsRequired())
    throw new Error(`CI needs nats-server for @zactor/remote: ${NATS_INSTALL_HINT}`);
  console.warn(`@zactor/remote tests skipped: ${NATS_INSTALL_HINT}`);
}

export { type NatsServerHandle, startNatsServer };

/** Waits until `check` holds, polling; throws after `boundMs` (a bound, not a performance target). */
export async function until(check: () => boolean, what: string, boundMs = 20_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The ref registered as `name`, once a live node has registered it (polls the registry). */
export async function waitLookup(node: RemoteNode, name: string): Promise<AnyActorRef> {
  for (;;) {
    const ref = await node.lookup(name);
    if (ref !== undefined) return ref;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
