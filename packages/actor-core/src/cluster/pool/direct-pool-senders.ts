/**
 * A pool worker's tells to the balancing pools whose queue it has attached (it hosts routees of
 * them): they go straight into the pool's shared queue, as the main thread's do, instead of
 * crossing to the main thread's head actor and being written there. The worker keeps a
 * PoolTarget of its own per pool, and its node's ref for the pool's id becomes that target's
 * ref (`ClusterNode.shortcutRef`), so a pool ref decoded or looked up here writes directly; a
 * ref obtained before keeps going through the head, which hands the message on the same way.
 * Either way any idle routee takes the message and replies to its sender.
 *
 * A full queue: the message waits in this worker's heap and is published as cells free (as
 * PoolTarget does on the main thread). At the worker's shutdown (`close`, once its system has
 * stopped) what still waits is dead-lettered `shutdown`; what is in the queue then is the main
 * thread's to dead-letter, after every worker stopped.
 *
 * Thread contract: the worker's own thread (its ClusterNode's).
 */
import { ActorRef } from '../../actor-ref.js';
import type { ClusterNode } from '../node/cluster-node.js';
import type { PoolQueueWords } from './pool-record.js';
import type { PoolState } from './pool-state.js';
import { PoolTarget } from './pool-target.js';

export class DirectPoolSenders {
  private readonly node: ClusterNode;
  private readonly wake: (worker: number) => void;
  private readonly targets: PoolTarget<unknown>[] = [];

  constructor(node: ClusterNode, wake: (worker: number) => void) {
    this.node = node;
    this.wake = wake;
  }

  /**
   * Tells from this worker to pool `id` go into `words`' queue from now on, until `state` says
   * the pool stopped; `hosts` are the workers with routees of it (woken after each publish).
   */
  attach(id: number, words: PoolQueueWords, state: PoolState, hosts: readonly number[]): void {
    const node = this.node;
    // The stand-in for the head actor on the main thread: watches and the path go there.
    const head = node.refOf(id);
    const target = new PoolTarget<unknown>({
      system: node.system,
      codec: node.codec,
      words,
      state,
      head,
      wake: this.wake,
      refOf: (sender) => node.refOf(sender),
    });
    target.ref = new ActorRef<unknown>(target, id);
    target.wakeOn(hosts);
    this.targets.push(target);
    node.shortcutRef(id, target.ref);
  }

  /** The worker's system has stopped: what still waits here is dead-lettered `shutdown`. */
  close(): number {
    let count = 0;
    for (const target of this.targets) {
      target.close();
      count += target.deadLetterWaiting();
    }
    return count;
  }
}
