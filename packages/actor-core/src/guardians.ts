import type { ActorBehavior, ActorDefinition } from './actor.js';
import type { AnyCell } from './actor-cell.js';
import { SysKind } from './system-message.js';

const guardianBehavior: ActorBehavior<unknown> = { receive() {} };

/**
 * The cells at the top of one system's supervision tree, which have no parent: `user` (the
 * parent of top-level actors), `temp` (of the ask cells) and `remote` (of the cells whose real
 * parent is on another worker; made with the first of them). A shutdown stops them all, and
 * resolves once the last one has stopped (each stops after its children).
 *
 * Thread contract: owned by its system; used on the system's thread only.
 */
export class Guardians {
  readonly user: AnyCell;
  readonly temp: AnyCell;
  private remoteGuardian: AnyCell | null = null;
  private alive = 2;
  private shuttingDown = false;
  /** Resolves once every guardian has stopped, whoever asked for it. */
  readonly terminated: Promise<void>;
  private onTerminated!: () => void;
  /** Makes a top-level cell (no parent) with the given name. */
  private readonly make: (definition: ActorDefinition<unknown>, name: string) => AnyCell;

  constructor(make: (definition: ActorDefinition<unknown>, name: string) => AnyCell) {
    this.make = make;
    this.user = make(guardianBehavior, 'user');
    this.temp = make(guardianBehavior, 'temp');
    this.terminated = new Promise<void>((resolve) => {
      this.onTerminated = resolve;
    });
  }

  /** The parent here of cells whose real parent lives on another worker. */
  get remote(): AnyCell {
    let guardian = this.remoteGuardian;
    if (guardian === null) {
      guardian = this.remoteGuardian = this.make(guardianBehavior, 'remote');
      this.alive++;
    }
    return guardian;
  }

  /** A shutdown has begun: nothing new may start. */
  get closing(): boolean {
    return this.shuttingDown;
  }

  /** Every guardian, and so every actor, has stopped. */
  get isTerminated(): boolean {
    return this.alive === 0;
  }

  /** Stops every guardian (once); resolves when all have stopped. */
  shutdown(): Promise<void> {
    if (!this.shuttingDown) {
      this.shuttingDown = true;
      this.user.sendSystem(SysKind.Stop, null);
      this.temp.sendSystem(SysKind.Stop, null);
      this.remoteGuardian?.sendSystem(SysKind.Stop, null);
    }
    return this.terminated;
  }

  /** A guardian has stopped. */
  stopped(): void {
    if (--this.alive === 0) this.onTerminated();
  }
}
