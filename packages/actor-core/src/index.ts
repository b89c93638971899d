export {
  Actor,
  type ActorBehavior,
  type ActorClass,
  type ActorClassWithArgs,
  type ActorDefinition,
  type ActorHooks,
  type MessageOf,
  type ReceiveFn,
} from './actor.js';
export type { ActorContext } from './actor-context.js';
export { ActorRef, type AnyActorRef, type AskOptions } from './actor-ref.js';
export {
  ActorSystem,
  type ActorSystemOptions,
  type RemoteRefResolver,
} from './actor-system.js';
export type { ActorTarget, AnyTarget } from './actor-target.js';
export {
  ActorCluster,
  type ActorClusterOptions,
  type ClusterEvents,
  type ClusterMetrics,
  type ClusterMode,
  type ClusterNodeMetrics,
  type ClusterSpawnOptions,
  type ExternalNodes,
  type LostInbox,
  type NodeFailureInfo,
  type PlacementPolicy,
  type RingCorruptInfo,
  type UnresponsivePolicy,
  type WorkerDiedInfo,
  type WorkerUnresponsiveInfo,
} from './cluster/actor-cluster.js';
export {
  type ClusterDefinition,
  type ClusterSetup,
  type ClusterSpec,
  defineCluster,
  type KindsOf,
  type MessagesOf,
} from './cluster/cluster-definition.js';
export { type ClusterHandle, clusterOf } from './cluster/cluster-handle.js';
export type { NodeMetrics } from './cluster/cluster-protocol.js';
export type {
  ActorKind,
  ActorKinds,
  ClusterMessage,
  KindArgs,
  KindMessage,
  MessageSchemas,
} from './cluster/cluster-types.js';
export type { ClusterGateway, LocalNodeListener } from './cluster/gateway/cluster-gateway.js';
export {
  DEFAULT_LARGE_MESSAGE_BYTES,
  DEFAULT_LARGE_MESSAGE_SLABS,
  type LargeMessageStore,
  SlabLargeMessageStore,
} from './cluster/large/large-message.js';
export type { BatchBytes, NodeLink, PublishResult } from './cluster/link/node-link.js';
export { RingLink, type RingRoutes } from './cluster/link/ring-link.js';
export { WakeLinger } from './cluster/link/wake-linger.js';
export {
  ClusterNode,
  type NodeCounters,
  type NodeLoss,
  type PendingFullPolicy,
} from './cluster/node/cluster-node.js';
export type { LossHandling } from './cluster/node/node-losses.js';
export type { NodeStates } from './cluster/node/shared-node-states.js';
export type { PoolInstances, SpawnPoolOptions } from './cluster/pool/pool-options.js';
export type { ConsistentHashOptions, PoolRouting } from './cluster/pool/routing.js';
export { RECORD_ENVELOPES } from './cluster/wire/envelope-layout.js';
export {
  type Dispatcher,
  type DrivenDispatcher,
  RunQueueDispatcher,
  type RunQueueDispatcherOptions,
  type Schedulable,
} from './dispatcher.js';
export { ActorError, AskTimeoutError, MailboxOverflowError } from './errors.js';
export {
  type DeadLetterReason,
  type EventHandler,
  EventStream,
  type SystemEvent,
  type SystemEventType,
} from './event-stream.js';
export type { FailureLogEntry, FailureLogOption } from './failure-log.js';
export {
  type LatencySnapshot,
  type MetricsSnapshot,
  type OtelMeter,
  type OtelObservable,
  SystemMetrics,
} from './metrics.js';
export {
  GENERATION_LIMIT,
  packRefId,
  refIdGeneration,
  refIdSlot,
  refIdWorker,
} from './ref-id.js';
export type {
  ClassSpawnOptions,
  MailboxOptions,
  OverflowPolicy,
  SpawnOptions,
} from './spawn-options.js';
export {
  AllForOneStrategy,
  type Decider,
  type Directive,
  OneForOneStrategy,
  type RestartStats,
  type StrategyOptions,
  type SupervisorStrategy,
} from './supervisor-strategy.js';
export { Terminated } from './terminated.js';
export type { TimerScheduler } from './timer-scheduler.js';
