import { pinCurrentThread, planPlacement, readTopology } from '@zactor/scheduler-numa';

/**
 * The cpus a pool of `workers` pinned workers runs on here: the worker pool's own placement plan
 * (`spread`, its default, which ActorCluster uses), distinct cpus only. The rows that measure
 * what the machine gives beside a cluster pin their threads to these, so both run on the same
 * cpus. Fewer than `workers` when fewer cpus are allowed.
 */
export function clusterCpus(workers: number): number[] {
  const cpus = planPlacement(readTopology(), workers, 'spread').map((slot) => slot.cpu);
  return [...new Set(cpus)];
}

/** Pins the calling thread (a bench worker) to `cpu`; throws, naming `who`, when it cannot. */
export function pinThisThread(cpu: number, who: string): void {
  const pinned = pinCurrentThread([cpu]);
  if (!pinned.ok) throw new Error(`${who}: cannot pin to cpu ${cpu}: ${pinned.reason}`);
}
