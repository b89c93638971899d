export type { AffinityResult, AffinitySupport } from './affinity.js';
export { affinitySupport, currentAffinity, currentCpu, pinCurrentThread } from './affinity.js';
export type { ChaseLevDequeOptions } from './chase-lev-deque.js';
export { ChaseLevDeque, DEQUE_ABORT, DEQUE_EMPTY, DEQUE_OK } from './chase-lev-deque.js';
export type { WorkerMetrics, WorkerStateName } from './control-block.js';
export { formatCpuList, parseCpuList } from './cpu-list.js';
export { SchedulerError } from './errors.js';
export type { InboundRing } from './inbound-ring.js';
export { LeastLoadedPlacement } from './least-loaded-placement.js';
export { LoadAwarePlacement } from './load-aware-placement.js';
export { NumaLocalPlacement } from './numa-local-placement.js';
export { PinnedPlacement } from './pinned-placement.js';
export type { Placement, PlacementView } from './placement.js';
export type { PlacementMode, WorkerSlot } from './placement-plan.js';
export { cpuOrder, planPlacement } from './placement-plan.js';
export { RoundRobinPlacement } from './round-robin-placement.js';
export { Task } from './task.js';
export type { CpuInfo, NumaNode, ReadTopologyOptions, Topology } from './topology.js';
export { nodeOfCpu, readTopology } from './topology.js';
export type {
  RecordHandler,
  TaskHandler,
  WorkerContext,
  WorkerDefinition,
} from './worker-definition.js';
export { defineWorker } from './worker-definition.js';
export { WorkerPool } from './worker-pool.js';
export type {
  RingCorruptEvent,
  ShutdownOptions,
  WorkerDiedEvent,
  WorkerFactory,
  WorkerPoolEvents,
  WorkerPoolOptions,
} from './worker-pool-options.js';
