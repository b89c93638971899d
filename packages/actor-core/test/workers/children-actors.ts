import {
  Actor,
  type ActorContext,
  AllForOneStrategy,
  clusterOf,
  type Directive,
  defineCluster,
  OneForOneStrategy,
} from '../../src/index.js';

/**
 * Actors for the remote-children tests; every thread loads this module. Order and counts are
 * written into a shared Int32Array (`stamps`): word 0 is a sequence, `stamp(a, i)` stores the
 * next sequence number at word i, so the test can order postStop hooks across threads exactly.
 */
function stamp(stamps: SharedArrayBuffer | undefined, at: number | undefined): void {
  if (stamps === undefined || at === undefined) return;
  const a = new Int32Array(stamps);
  Atomics.store(a, at, Atomics.add(a, 0, 1) + 1);
}

function bump(stamps: SharedArrayBuffer | undefined, at: number | undefined): void {
  if (stamps !== undefined && at !== undefined) Atomics.add(new Int32Array(stamps), at, 1);
}

export interface ChildArgs {
  readonly stamps?: SharedArrayBuffer;
  /** Word stamped by postStop. */
  readonly stopAt?: number;
  /** Word counting restarts (postRestart). */
  readonly restartAt?: number;
}

/** A decider can only test the name: the error crosses as a plain Error. */
class CustomError extends Error {
  override readonly name = 'CustomError';
}

/** A class actor (a restart resets `count`); 'boom' throws a CustomError. */
function childKind(args: ChildArgs = {}) {
  return class Child extends Actor<string> {
    count = 0;
    receive(message: string, ctx: ActorContext<string>): void {
      if (message === 'boom') throw new CustomError('boom');
      if (message === 'parent') ctx.reply({ id: ctx.parent?.id, path: ctx.self.path });
      else ctx.reply(++this.count);
    }
    override postStop(): void {
      stamp(args.stamps, args.stopAt);
    }
    override postRestart(): void {
      bump(args.stamps, args.restartAt);
    }
  };
}

export interface ParentSpec {
  readonly directive: Directive;
  readonly scope?: 'one' | 'all';
  readonly maxRestarts?: number;
  readonly stopAt?: number;
  readonly restartAt?: number;
}

type SpawnRequest = {
  spawn: { kind: string; worker?: number | 'main'; args?: ChildArgs; name?: string };
  stopNow?: boolean;
};

/**
 * The parent under test: spawns children (local or remote) and reports what it sees. `stamps`
 * came with the launcher's spawn (postMessage shares a SharedArrayBuffer; a ring message would
 * copy it), and goes on to the children in their spawn arguments.
 */
function parentKind(spec: ParentSpec, failures: string[], stamps: SharedArrayBuffer | undefined) {
  return {
    receive(message: SpawnRequest | string, ctx: ActorContext<unknown>) {
      if (message === 'children') ctx.reply(ctx.children.length);
      else if (message === 'path') ctx.reply(ctx.self.path);
      else if (message === 'failures') ctx.reply(failures.slice());
      else if (message === 'stop') ctx.stop();
      else if (typeof message === 'object' && message.spawn !== undefined) {
        const replyTo = ctx.sender!;
        const { kind, worker, name } = message.spawn;
        const args = { ...message.spawn.args, ...(stamps === undefined ? {} : { stamps }) };
        if (kind === 'local') {
          replyTo.tell({ ref: ctx.spawn(childKind(args)) });
          return;
        }
        clusterOf(ctx.system)!
          .spawnChild(ctx, kind, {
            args,
            ...(worker === undefined ? {} : { worker }),
            ...(name === undefined ? {} : { name }),
          })
          .then(
            (ref) => replyTo.tell({ ref }),
            (error: Error & { code?: string }) => replyTo.tell({ error: error.code }),
          );
        if (message.stopNow === true) ctx.stop();
      }
    },
    postStop() {
      stamp(stamps, spec.stopAt);
    },
    postRestart() {
      bump(stamps, spec.restartAt);
    },
  };
}

export default defineCluster({
  actors: {
    child: (args: ChildArgs) => childKind(args),
    /** Makes a parent with the strategy of `{ make }` (a strategy cannot cross threads). */
    launcher:
      (stamps?: SharedArrayBuffer) =>
      (message: { make: ParentSpec }, ctx: ActorContext<unknown>) => {
        const spec = message.make;
        const failures: string[] = [];
        const options = {
          maxRestarts: spec.maxRestarts ?? 10,
          decider: (error: unknown) => {
            const e = error as Error;
            failures.push(`${e instanceof Error}:${e.name}:${e.message}`);
            return spec.directive;
          },
        };
        const supervisor =
          spec.scope === 'all' ? new AllForOneStrategy(options) : new OneForOneStrategy(options);
        ctx.reply(ctx.spawn(parentKind(spec, failures, stamps), { supervisor }));
      },
  },
});
