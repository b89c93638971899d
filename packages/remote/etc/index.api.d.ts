import { EventStream, ActorKind, MessageSchemas, SupervisorStrategy, PendingFullPolicy, ActorSystemOptions, ActorClusterOptions, ClusterNode, ActorCluster, ActorSystem, ActorRef, AnyActorRef } from "@zactor/actor-core";
import { ConnectionOptions } from "@nats-io/nats-core";
declare class RemoteError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string, options?: ErrorOptions);
}
interface MemberInfo {
    readonly node: number;
    readonly name: string;
    readonly incarnation: number;
    readonly span?: number;
}
type MemberChange = {
    readonly type: "member-up";
    readonly member: MemberInfo;
    readonly rejoined: boolean;
} | {
    readonly type: "member-down";
    readonly member: MemberInfo;
    readonly silentMs: number;
} | {
    readonly type: "member-left";
    readonly member: MemberInfo;
};
type FrameFault = "short" | "magic" | "version" | "length" | "cluster" | "fingerprint" | "unknown-sender";
type RemoteEvent = MemberChange | {
    readonly type: "peer-rejected";
    readonly node: number;
    readonly name: string;
    readonly error: RemoteError;
} | {
    readonly type: "frame-rejected";
    readonly fault: FrameFault;
    readonly from: number | undefined;
    readonly error: RemoteError;
} | {
    readonly type: "disconnected";
} | {
    readonly type: "reconnected";
};
type RemoteEventType = RemoteEvent["type"];
type RemoteEvents = EventStream<RemoteEvent>;
declare const DEFAULT_MAX_NODES = 16;
interface RemoteNodeOptions<K extends Readonly<Record<string, ActorKind>>> {
    readonly servers: string | readonly string[];
    readonly name: string;
    readonly cluster: string;
    readonly actors?: K;
    readonly messages?: MessageSchemas;
    readonly tagField?: string;
    readonly supervisor?: SupervisorStrategy;
    readonly maxNodes?: number;
    readonly heartbeatMs?: number;
    readonly downAfterMs?: number;
    readonly maxPendingBytes?: number;
    readonly pendingFull?: PendingFullPolicy;
    readonly maxBatchBytes?: number;
    readonly maxBatchMessages?: number;
    readonly batchLatencyMs?: number;
    readonly spawnTimeoutMs?: number;
    readonly system?: Omit<ActorSystemOptions, "worker" | "generationBase">;
    readonly connection?: Omit<ConnectionOptions, "servers">;
    readonly actorCluster?: RemoteClusterOptions;
}
type RemoteClusterOptions = Omit<ActorClusterOptions, "external" | "workers"> & {
    readonly workers: number;
};
type Kinds = Readonly<Record<string, ActorKind>>;
type KindMessage<F> = F extends ActorKind<never, infer M> ? M : unknown;
type KindArgs<F> = F extends (args: infer A) => unknown ? A : never;
interface RemoteSpawnOptions<A> {
    readonly node: string | number;
    readonly args?: A;
    readonly name?: string;
    readonly timeoutMs?: number;
}
declare class RemoteNode<K extends Kinds = Kinds> {
    readonly name: string;
    readonly cluster: string;
    readonly index: number;
    readonly events: RemoteEvents;
    readonly span: number;
    readonly actorCluster: ActorCluster | undefined;
    private readonly nc;
    private readonly local;
    private readonly link;
    private readonly table;
    private readonly membership;
    private readonly unheard;
    private readonly receivers;
    private readonly localDown;
    private readonly spawner;
    private readonly registry;
    private readonly slots;
    private readonly subjects;
    private readonly spawnTimeoutMs;
    private readonly refresher;
    private readonly rejectedFrom;
    private stopping;
    static start<K extends Kinds = Kinds>(options: RemoteNodeOptions<K>): Promise<RemoteNode<K>>;
    private constructor();
    get system(): ActorSystem;
    members(): MemberInfo[];
    spawn<N extends keyof K & string>(kind: N, options: RemoteSpawnOptions<KindArgs<K[N]>>): Promise<ActorRef<KindMessage<K[N]>>>;
    register(name: string, ref: AnyActorRef): Promise<void>;
    lookup<M = unknown>(name: string): Promise<ActorRef<M> | undefined>;
    unregister(name: string): Promise<void>;
    counters(): RemoteCounters;
    stop(): Promise<void>;
    private stopNow;
    private nodeIndex;
    private isLocal;
    private lose;
    private watchStatus;
}
type RemoteCounters = ReturnType<ClusterNode["counters"]> & {
    readonly framesOut: number;
    readonly bytesOut: number;
    readonly framesIn: number;
    readonly framesRejected: number;
    readonly pendingBytes: number;
};
export { DEFAULT_MAX_NODES, type FrameFault, type KindArgs, type KindMessage, type MemberChange, type MemberInfo, type RemoteCounters, RemoteError, type RemoteEvent, type RemoteEventType, type RemoteEvents, RemoteNode, type RemoteNodeOptions, type RemoteSpawnOptions };
