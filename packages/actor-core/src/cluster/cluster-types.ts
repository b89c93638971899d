/**
 * The types a cluster definition carries to the code that uses it (types only, no runtime):
 * which kinds `spawn` accepts, the message type of the ref it returns and the arguments each
 * kind's factory takes (all read from the `actors` object given to `defineCluster`), and the TS
 * type of each registered message schema as an actor receives it.
 *
 * ```ts
 * const messages = { ping: t.struct({ seq: t.u32, from: t.ref }) };
 * type Ping = ClusterMessage<typeof messages>; // { type: 'ping'; seq: number; from: AnyActorRef }
 * ```
 */

import type { Infer, RefSchema, StructSchema } from '@zactor/serializer';
import type { Actor, ActorDefinition } from '../actor.js';
import type { AnyActorRef } from '../actor-ref.js';
import type { ClusterSpawnOptions } from './cluster-options.js';
import type { SpawnPoolOptions } from './pool/pool-options.js';

/** Makes the behaviour of one actor kind from its spawn arguments. */
// biome-ignore lint/suspicious/noExplicitAny: kinds take any cloneable arguments and any message type.
export type ActorKind<A = any, M = any> = (args: A) => ActorDefinition<M>;

/** The `actors` of a cluster definition: actor kinds by name. */
export type ActorKinds = Readonly<Record<string, ActorKind>>;

/** Registered message schemas by tag: structs whose values carry `[tagField]: tag`. */
export type MessageSchemas = Readonly<Record<string, StructSchema>>;

/** The message type of an actor definition: a class's `Actor<M>`, a receive function's or object's `receive` parameter. */
export type DefinitionMessage<D> = D extends abstract new (
  // biome-ignore lint/suspicious/noExplicitAny: any constructor parameters.
  ...args: any[]
) => Actor<infer M>
  ? M
  : // biome-ignore lint/suspicious/noExplicitAny: any context.
    D extends (message: infer M, ctx: any) => unknown
    ? M
    : // biome-ignore lint/suspicious/noExplicitAny: any context.
      D extends { receive(message: infer M, ctx: any): unknown }
      ? M
      : unknown;

/** The message type of the actors a kind makes: what the ref `spawn` returns accepts. */
export type KindMessage<F> = F extends (...args: never[]) => infer D ? DefinitionMessage<D> : never;

/** The spawn arguments of a kind: its factory's parameter (`undefined` for a factory without one). */
export type KindArgs<F> = F extends () => unknown
  ? undefined
  : F extends (args: infer A) => unknown
    ? A
    : never;

/**
 * The options parameter of `spawn` for a kind: optional when the kind's factory takes no
 * arguments (or may take `undefined`), required with its `args` otherwise.
 */
export type KindSpawnOptions<F> =
  undefined extends KindArgs<F>
    ? [options?: ClusterSpawnOptions<KindArgs<F>>]
    : [options: ClusterSpawnOptions<KindArgs<F>> & { readonly args: KindArgs<F> }];

/**
 * The options of `spawnPool` for a kind: optional when its factory needs no arguments, else
 * required with `args` (each routee is made with them).
 */
export type KindPoolOptions<F> =
  undefined extends KindArgs<F>
    ? [options?: SpawnPoolOptions<KindArgs<F>>]
    : [options: SpawnPoolOptions<KindArgs<F>> & { readonly args: KindArgs<F> }];

/** The declared kind names of `K`. */
export type KindName<K extends ActorKinds> = keyof K & string;

type Simplify<T> = { [P in keyof T]: T[P] } & {};

/**
 * A registered struct's fields as an actor receives them: a top-level `t.ref` field is an
 * ActorRef (the cluster codec turns it back into one on the receiving thread, and a tell on the
 * same thread passes it as it is); everything else as the serializer decodes it (`Infer`).
 */
type ClusterFields<S extends StructSchema> =
  Infer<S> extends infer V
    ? {
        [P in keyof V]: P extends keyof S['fields']
          ? S['fields'][P] extends RefSchema
            ? AnyActorRef
            : V[P]
          : V[P];
      }
    : never;

/**
 * The TS type of the registered messages `S` (or of the ones tagged `Tag`): each one's fields
 * (`ClusterFields`) plus `[TagField]: tag`. Send and receive the same type: on the same thread a
 * message is passed as it is, so send typed arrays where the schema has `t.array`/`t.vec`.
 */
export type ClusterMessage<
  S extends MessageSchemas,
  Tag extends keyof S & string = keyof S & string,
  TagField extends string = 'type',
> = {
  [T in Tag]: Simplify<{ [F in TagField]: T } & ClusterFields<S[T]>>;
}[Tag];
