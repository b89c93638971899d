import type { ActorDefinition } from '../../actor.js';
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import { ActorError } from '../../errors.js';
import type { SpawnOptions } from '../../spawn-options.js';
import type { ChildParent } from '../supervision/child-spawn-table.js';
import { RemoteChildCell } from '../supervision/remote-child-cell.js';
import type { ActorKind } from './node-options.js';

/**
 * A node's actor kinds (from the cluster definition) and the spawns it makes of them on its own
 * system: plain actors, or the child of a parent on another node (a RemoteChildCell under the
 * system's `remote` guardian, linked to its parent's stand-in).
 *
 * Thread contract: the node's own thread.
 */
export class LocalSpawner {
  private readonly kinds: Readonly<Record<string, ActorKind>>;
  private readonly system: ActorSystem;
  private readonly refOf: (id: number) => AnyActorRef;

  constructor(
    kinds: Readonly<Record<string, ActorKind>>,
    system: ActorSystem,
    refOf: (id: number) => AnyActorRef,
  ) {
    this.kinds = kinds;
    this.system = system;
    this.refOf = refOf;
  }

  /** The behaviour of `kind` made from `args`. Throws ActorError `UNKNOWN_KIND`. */
  definitionOf(kind: string, args: unknown): ActorDefinition<unknown> {
    const make = this.kinds[kind];
    if (make === undefined) {
      throw new ActorError(
        'ActorCluster.spawn',
        'UNKNOWN_KIND',
        `no actor kind ${JSON.stringify(kind)} in the cluster definition`,
      );
    }
    return make(args);
  }

  /**
   * Spawns `count` actors of `kind` here; their ids. With `parent`, one child of that actor of
   * another node (see remote-child-cell.ts). Throws ActorError for an unknown kind.
   */
  spawn(
    kind: string,
    args: unknown,
    count: number,
    options: SpawnOptions,
    parent: ChildParent | undefined,
  ): number[] {
    if (parent !== undefined) {
      const definition = this.definitionOf(kind, args);
      const parentRef = this.refOf(parent.id);
      return [
        this.system.spawnDetached(definition, options, RemoteChildCell, (cell) =>
          cell.link(parentRef.cell, parent.path, parent.token),
        ).id,
      ];
    }
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(this.system.spawn(this.definitionOf(kind, args), options).id);
    }
    return ids;
  }
}
