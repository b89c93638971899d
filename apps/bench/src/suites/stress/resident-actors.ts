import { totalmem } from 'node:os';
import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { type Deferred, deferred } from '../../harness/deferred.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { ErlangResident } from './resident-erlang.js';

/**
 * Many small messages spread over a large population of resident actors: the actors are
 * spawned once (outside the timing), then each run tells `messages` messages to actors picked
 * with a large stride, so consecutive messages land far apart in memory. Erlang/OTP runs the
 * same workload (resident-erlang.ts) on one scheduler and on two.
 */

type ResidentParams = { readonly actors: number; readonly messages: number };

/** A prime stride, coprime with any actor count that is not a multiple of it. */
const STRIDE = 7_919;

/** Resident actors this machine can hold comfortably: 1M, or fewer on a small machine. */
export function residentActors(): number {
  // About 300 B per actor plus its share of in-flight messages: stay under 1/64 of the memory.
  return Math.max(1_000, Math.min(1_000_000, Math.floor(totalmem() / 64 / 400)));
}

class ResidentActorsImplementation implements Implementation<ResidentParams> {
  readonly name = 'ZActor';
  readonly role = 'zactor' as const;
  private system: ActorSystem | undefined;
  private refs: ActorRef<number>[] = [];
  private delivered = 0;
  private target = 0;
  private done: Deferred<void> = deferred();

  async open(p: ResidentParams): Promise<void> {
    this.system = new ActorSystem();
    const onMessage = (): void => {
      if (++this.delivered === this.target) this.done.resolve();
    };
    this.refs = new Array(p.actors);
    for (let i = 0; i < p.actors; i++) this.refs[i] = this.system.spawn<number>(onMessage);
    // Resident means made: an actor spawned like the one before it has no cell until its first
    // message (a dormant actor), and cells made in the order this scenario sends would sit next
    // to each other. One message to each, in spawn order, makes every cell where a population
    // spawned and used over time would have it (as Erlang's processes are made at their spawn).
    this.target = p.actors;
    this.delivered = 0;
    this.done = deferred();
    for (let i = 0; i < p.actors; i++) this.refs[i]!.tell(-1);
    await this.done.promise;
  }

  async run(p: ResidentParams): Promise<RunResult> {
    this.delivered = 0;
    this.target = p.messages;
    this.done = deferred();
    const refs = this.refs;
    const n = refs.length;
    const start = performance.now();
    for (let i = 0, at = 0; i < p.messages; i++) {
      refs[at]!.tell(i);
      at = (at + STRIDE) % n;
    }
    await this.done.promise;
    return { operations: this.delivered, seconds: (performance.now() - start) / 1000 };
  }

  async close(): Promise<void> {
    this.refs = [];
    await this.system?.shutdown();
    this.system = undefined;
  }
}

export function residentActorsScenario(actors: number): Scenario {
  return defineScenario<ResidentParams>({
    suite: 'stress',
    name: 'small messages across resident actors',
    countingRule: `one operation = one message delivered to one of the resident actors (${actors.toLocaleString('en-US')} on this machine: 1M, fewer when memory is short; spawned before timing, and each sent one message in spawn order before timing, so every one has its cell); consecutive messages go to actors ${STRIDE} apart; one event loop; Erlang/OTP runs the same sends to the same processes (spawned before timing, each counting what it receives) on 1 and on 2 schedulers, timed inside the VM; nact and xstate are not run (their actors cost 1.5-3.4 KB each, see actors/spawn)`,
    kind: 'throughput',
    unit: 'msg/s',
    sizes: {
      tiny: { actors: 1_000, messages: 10_000 },
      quick: { actors, messages: 200_000 },
      full: { actors, messages: 200_000 },
    },
    scaleKey: 'messages',
    operations: (p) => p.messages,
    implementations: () => [
      new ResidentActorsImplementation(),
      new ErlangResident(1),
      new ErlangResident(2),
    ],
  });
}
