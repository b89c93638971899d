%% Savina's two fork-join benchmarks.
%%
%% throughput(A, N): N rounds of one message to each of A processes; each message costs a sin²
%% (zactor_savina:compute/1); a process stops after its N-th and reports its positive
%% computations. Counts: computed (A x N), finished (A).
%%
%% creation(N): N processes spawned, each sent one message; each computes a sin², reports and
%% stops. Counts: computed (N). The N processes are spawned unlinked (a link each is a cost
%% ZActor's top-level actors do not pay); one that crashed would leave the run to the timeout.
-module(zactor_savina_fork_join).

-export([throughput/2, creation/1]).

-define(THETA, 37.2).

throughput(Actors, Messages) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Pids = [spawn_link(fun() -> worker(Self, Messages, 0) end) || _ <- lists:seq(1, Actors)],
    rounds(Pids, Messages),
    {Computed, Finished} = collect_workers(Actors, 0, 0),
    T1 = zactor_bench_peer:now_ns(),
    {[{computed, Computed}, {finished, Finished}], T1 - T0}.

rounds(_Pids, 0) -> ok;
rounds(Pids, N) ->
    send_all(Pids),
    rounds(Pids, N - 1).

send_all([]) -> ok;
send_all([Pid | Rest]) ->
    Pid ! ?THETA,
    send_all(Rest).

worker(Report, 0, Computed) -> Report ! {finished, Computed};
worker(Report, Left, Computed) ->
    receive
        Theta -> worker(Report, Left - 1, Computed + zactor_savina:compute(Theta))
    end.

collect_workers(0, Computed, Finished) -> {Computed, Finished};
collect_workers(N, Computed, Finished) ->
    receive {finished, C} -> collect_workers(N - 1, Computed + C, Finished + 1) end.

creation(Actors) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    spawn_each(Self, Actors),
    Computed = collect_ran(Actors, 0),
    T1 = zactor_bench_peer:now_ns(),
    {[{computed, Computed}], T1 - T0}.

spawn_each(_Report, 0) -> ok;
spawn_each(Report, N) ->
    spawn(fun() -> receive Theta -> Report ! {ran, zactor_savina:compute(Theta)} end end)
        ! ?THETA,
    spawn_each(Report, N - 1).

collect_ran(0, Computed) -> Computed;
collect_ran(N, Computed) ->
    receive {ran, C} -> collect_ran(N - 1, Computed + C) end.
