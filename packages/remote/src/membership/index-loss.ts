import type { NodeLoss } from '@zactor/actor-core';

/** Why an index of another process is lost, as the membership tells it. */
export type IndexLoss = 'down' | 'left' | 'unknown' | 'worker-died';

/**
 * What losing index `node` means to the local nodes: the dead-letter reason, the code asks to
 * its actors fail with, and their message. A pool worker of a live member that died is
 * `WORKER_DIED`; a member that is down, left, or never was (an unheard index after the start's
 * grace, see UnheardNodes) is `NODE_DOWN`.
 */
export function indexLoss(node: number, how: IndexLoss): NodeLoss {
  if (how === 'worker-died') {
    return {
      reason: 'worker-dead',
      code: 'WORKER_DIED',
      message: `node ${node} (a pool worker of another process) died`,
    };
  }
  const what = how === 'left' ? 'left the cluster' : how === 'down' ? 'is down' : 'is not a member';
  return { reason: 'node-down', code: 'NODE_DOWN', message: `node ${node} ${what}` };
}
