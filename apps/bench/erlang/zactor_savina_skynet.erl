%% Skynet (github.com/atemerev/skynet; not part of Savina): a tree of processes with FanOut
%% children per node and Leaves leaves; leaf K answers its parent with K, every other node with
%% the sum of its children's answers (and the count of nodes below it, for the check), then it
%% ends. Counts: sum (Leaves x (Leaves - 1) / 2), nodes (every node of the tree).
%%
%% The nodes are spawned unlinked, as in the original Erlang Skynet: a link per process cost
%% 10-30% here (1.1M processes); the root is linked to the controller, and a node that crashed
%% would leave the run to the runner's timeout.
-module(zactor_savina_skynet).

-export([run/2]).

run(Leaves, FanOut) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    spawn_link(fun() -> node(Self, 0, Leaves, FanOut) end),
    receive {answer, Sum, Nodes} -> ok end,
    T1 = zactor_bench_peer:now_ns(),
    {[{sum, Sum}, {nodes, Nodes}], T1 - T0}.

node(Parent, First, 1, _FanOut) ->
    Parent ! {answer, First, 1};
node(Parent, First, Size, FanOut) ->
    Child = Size div FanOut,
    Self = self(),
    spawn_children(Self, First, Child, FanOut, FanOut),
    {Sum, Nodes} = collect(FanOut, 0, 1),
    Parent ! {answer, Sum, Nodes}.

spawn_children(_Self, _First, _Child, _FanOut, 0) -> ok;
spawn_children(Self, First, Child, FanOut, N) ->
    Start = First + (N - 1) * Child,
    spawn(fun() -> node(Self, Start, Child, FanOut) end),
    spawn_children(Self, First, Child, FanOut, N - 1).

collect(0, Sum, Nodes) -> {Sum, Nodes};
collect(N, Sum, Nodes) ->
    receive {answer, S, K} -> collect(N - 1, Sum + S, Nodes + K) end.
