/**
 * The NATS subjects and key-value buckets of one cluster. Every name starts with
 * `zactor.<cluster>.` (buckets: `zactor_<cluster>_...`), so clusters sharing a server never
 * see each other's traffic.
 *
 * - `zactor.<cluster>.inbox.<node>`: frames for node `<node>` (remote-frame.ts), one subscriber.
 * - `zactor.<cluster>.members`: heartbeats, joins and leaves (member-beacon.ts), every node.
 * - `zactor.<cluster>.spawn.<node>`: spawn requests to node `<node>` (request-reply).
 * - bucket `zactor_<cluster>_slots`: which node index each live node holds.
 * - bucket `zactor_<cluster>_names`: the registry of named actors.
 */
export class ClusterSubjects {
  readonly members: string;
  readonly slotsBucket: string;
  readonly namesBucket: string;
  private readonly prefix: string;

  constructor(cluster: string) {
    this.prefix = `zactor.${cluster}`;
    this.members = `${this.prefix}.members`;
    this.slotsBucket = `zactor_${cluster}_slots`;
    this.namesBucket = `zactor_${cluster}_names`;
  }

  inbox(node: number): string {
    return `${this.prefix}.inbox.${node}`;
  }

  spawn(node: number): string {
    return `${this.prefix}.spawn.${node}`;
  }
}

/** Cluster names are one NATS subject token and part of a bucket name: letters, digits, - and _. */
export const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,64}$/;
