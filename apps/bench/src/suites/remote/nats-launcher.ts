import {
  NATS_INSTALL_HINT,
  type NatsServerHandle,
  natsServerBinary,
  startNatsServer,
} from '@zactor/testing/nats-server';

/**
 * The one nats-server of a remote-suite session: started by the first implementation that opens
 * and stopped when the last one closes (loopback, a free port, JetStream in a temporary
 * directory: @zactor/testing's launcher, bundled into the CLI). Without nats-server the suite's
 * implementations are reported as skipped with `natsMissing()`'s reason.
 */

let server: Promise<NatsServerHandle> | undefined;
let users = 0;
let missing: string | undefined | null = null;

/** Why the suite cannot run here (no nats-server), or undefined when it can. Probed once. */
export function natsMissing(): string | undefined {
  if (missing === null) {
    missing =
      natsServerBinary() === undefined ? `remote suite skipped: ${NATS_INSTALL_HINT}` : undefined;
  }
  return missing;
}

/** The shared server's URL, starting it if no implementation holds it. Pair with `release`. */
export async function acquireNats(): Promise<string> {
  users++;
  server ??= startNatsServer({ jetstream: true });
  try {
    return (await server).url;
  } catch (error) {
    users--;
    server = undefined;
    throw error;
  }
}

/** Gives the server back; the last user stops it. */
export async function releaseNats(): Promise<void> {
  if (users === 0) return;
  users--;
  if (users > 0 || server === undefined) return;
  const running = server;
  server = undefined;
  await (await running).stop();
}
