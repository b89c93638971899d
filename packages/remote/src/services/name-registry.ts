import type { KV } from '@nats-io/kv';
import type { ActorRef, ActorSystem, AnyActorRef } from '@zactor/actor-core';
import { Terminated } from '@zactor/actor-core';
import { RemoteError } from '../errors.js';

/** What the registry needs from its node. */
export interface RegistryHost {
  readonly system: ActorSystem;
  /** The index of this node. */
  readonly nodeId: number;
  /** Whether the node holding actor `id` is this one or a live member. */
  isLive(id: number): boolean;
  refOf(id: number): AnyActorRef;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type WatcherMessage = { readonly watch: AnyActorRef; readonly name: string } | Terminated;

/**
 * The registry of named actors, in a JetStream key-value bucket shared by the cluster: key =
 * name, value = the actor's id (which names its node). Chosen over a request-reply registry
 * because the bucket has no owner: any node can register and look up while others come and
 * go, and the server orders the writes to each name (create and update by revision), so two
 * nodes cannot both win a name. A name whose actor stops is removed by the node that
 * registered it; a name of a node that went down is treated as free (lookup answers
 * undefined, register takes it over).
 *
 * Thread contract: the node's own thread.
 */
export class NameRegistry {
  private readonly kv: KV;
  private readonly host: RegistryHost;
  private readonly mine = new Map<string, number>();
  private watcher: ActorRef<WatcherMessage> | null = null;

  constructor(kv: KV, host: RegistryHost) {
    this.kv = kv;
    this.host = host;
  }

  /** Names `ref` cluster-wide. Throws RemoteError `REGISTRY_NAME_TAKEN` for a live holder. */
  async register(name: string, ref: AnyActorRef): Promise<void> {
    checkName(name);
    const value = encoder.encode(String(ref.id));
    try {
      await this.kv.create(name, value);
    } catch {
      const entry = await this.kv.get(name);
      const held = entry !== null && entry.operation === 'PUT' ? idOf(entry.value) : undefined;
      if (held !== undefined && held !== ref.id && this.host.isLive(held)) {
        throw new RemoteError(
          'RemoteNode.register',
          'REGISTRY_NAME_TAKEN',
          `'${name}' names another live actor (${this.host.refOf(held).path})`,
        );
      }
      await this.kv.update(name, value, entry?.revision ?? 0);
    }
    this.mine.set(name, ref.id);
    this.watch(name, ref);
  }

  /** The actor named `name`, or undefined when none is (or its node is down). */
  async lookup(name: string): Promise<AnyActorRef | undefined> {
    checkName(name);
    const entry = await this.kv.get(name);
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const id = idOf(entry.value);
    if (id === undefined || !this.host.isLive(id)) return undefined;
    return this.host.refOf(id);
  }

  /** Removes `name` if it still names the actor this node registered. */
  async unregister(name: string): Promise<void> {
    checkName(name);
    const id = this.mine.get(name);
    this.mine.delete(name);
    const entry = await this.kv.get(name);
    if (entry === null || entry.operation !== 'PUT') return;
    if (id !== undefined && idOf(entry.value) !== id) return;
    await this.kv.delete(name, { previousSeq: entry.revision });
  }

  /** A clean stop: the names this node registered are removed. */
  async close(): Promise<void> {
    for (const name of [...this.mine.keys()]) {
      await this.unregister(name).catch(() => undefined);
    }
  }

  private watch(name: string, ref: AnyActorRef): void {
    if (this.watcher === null) {
      const names = new Map<number, string[]>();
      this.watcher = this.host.system.spawn<WatcherMessage>((message, ctx) => {
        if (message instanceof Terminated) {
          for (const gone of names.get(message.ref.id) ?? []) {
            if (this.mine.get(gone) === message.ref.id)
              void this.unregister(gone).catch(() => undefined);
          }
          names.delete(message.ref.id);
          return;
        }
        const list = names.get(message.watch.id);
        if (list === undefined) {
          names.set(message.watch.id, [message.name]);
          ctx.watch(message.watch);
        } else list.push(message.name);
      });
    }
    this.watcher.tell({ watch: ref, name });
  }
}

function idOf(bytes: Uint8Array): number | undefined {
  const id = Number(decoder.decode(bytes));
  return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/** NATS key rules: letters, digits and `-_=./`, not starting or ending with a dot. */
const NAME = /^[A-Za-z0-9_=\-/]+(\.[A-Za-z0-9_=\-/]+)*$/;

function checkName(name: string): void {
  if (typeof name !== 'string' || name.length > 256 || !NAME.test(name)) {
    throw new RemoteError(
      'RemoteNode.register',
      'INVALID_OPTION',
      `'${String(name)}' is not a registry name (letters, digits, - _ = / and inner dots)`,
    );
  }
}
