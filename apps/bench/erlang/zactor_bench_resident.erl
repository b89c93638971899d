%% Small messages over resident processes: the Erlang/OTP peer of zactor-bench's stress scenario
%% `small messages across resident actors` (apps/bench/src/suites/stress/resident-actors.ts).
%%
%% zactor_bench_peer serves three commands, one VM per row:
%%   resident_open <Actors>   spawns the resident processes (outside any timing) and keeps them
%%                            (their pids in one tuple, a persistent_term) for the runs;
%%   resident_run <Messages>  sends Messages small messages (the integers 0..Messages-1), the
%%                            i-th to process (i x 7919) mod Actors, as ZActor's run tells them,
%%                            and answers when every one has been received:
%%                              kind=resident actors=A messages=M delivered=D elapsed_ns=T
%%                            timed on erlang:monotonic_time from the first send to the receipt
%%                            of the last message;
%%   resident_close           asks every process for its own count, stops them all, answers
%%                              kind=resident_close actors=A counted=C
%%                            where C is the sum of those counts (every message of every run).
%%
%% A process counts what it receives (its loop argument) and adds 1 to one shared atomic counter,
%% as ZActor's actors add 1 to the run's shared count; the process whose message brings that
%% counter to the run's target tells the run's controller (registered as zactor_resident_run).
%% Slot 1 of the atomics is the run's count, slot 2 its target.
-module(zactor_bench_resident).

-export([expect_open/1, open/1, run/1, close/0]).

-define(STRIDE, 7919).
-define(PIDS, {?MODULE, pids}).
-define(COUNTER, {?MODULE, counter}).
-define(RUN_NAME, zactor_resident_run).

%% Raises resident_already_open / resident_not_open unless the processes are (Open) spawned.
expect_open(Open) ->
    case {Open, persistent_term:get(?PIDS, none)} of
        {true, none} -> error(resident_not_open);
        {false, none} -> ok;
        {true, _} -> ok;
        {false, _} -> error(resident_already_open)
    end.

open(Actors) when Actors > 0 ->
    Counter = atomics:new(2, [{signed, false}]),
    T0 = zactor_bench_peer:now_ns(),
    %% Not linked: the processes outlive the controller that spawns them, until resident_close.
    Pids = list_to_tuple([spawn(fun() -> resident(Counter, 0) end) || _ <- lists:seq(1, Actors)]),
    T1 = zactor_bench_peer:now_ns(),
    persistent_term:put(?COUNTER, Counter),
    persistent_term:put(?PIDS, Pids),
    [{"kind", resident_open}, {"actors", Actors}, {"spawn_ns", T1 - T0}].

run(Messages) when Messages > 0 ->
    Pids = persistent_term:get(?PIDS),
    Counter = persistent_term:get(?COUNTER),
    N = tuple_size(Pids),
    atomics:put(Counter, 1, 0),
    atomics:put(Counter, 2, Messages),
    register(?RUN_NAME, self()),
    T0 = zactor_bench_peer:now_ns(),
    send(Pids, N, 0, 0, Messages),
    receive delivered -> ok end,
    T1 = zactor_bench_peer:now_ns(),
    unregister(?RUN_NAME),
    [{"kind", resident}, {"actors", N}, {"messages", Messages},
     {"delivered", atomics:get(Counter, 1)}, {"elapsed_ns", T1 - T0}].

send(_Pids, _N, _At, Messages, Messages) -> ok;
send(Pids, N, At, I, Messages) ->
    element(At + 1, Pids) ! I,
    send(Pids, N, (At + ?STRIDE) rem N, I + 1, Messages).

close() ->
    Pids = persistent_term:get(?PIDS),
    Self = self(),
    N = tuple_size(Pids),
    [P ! {count, Self} || P <- tuple_to_list(Pids)],
    Counted = collect(N, 0),
    [P ! stop || P <- tuple_to_list(Pids)],
    persistent_term:erase(?PIDS),
    persistent_term:erase(?COUNTER),
    [{"kind", resident_close}, {"actors", N}, {"counted", Counted}].

collect(0, Sum) -> Sum;
collect(Left, Sum) ->
    receive {resident_count, Count} -> collect(Left - 1, Sum + Count) end.

resident(Counter, Count) ->
    receive
        I when is_integer(I) ->
            case atomics:add_get(Counter, 1, 1) =:= atomics:get(Counter, 2) of
                true -> ?RUN_NAME ! delivered;
                false -> ok
            end,
            resident(Counter, Count + 1);
        {count, From} ->
            From ! {resident_count, Count},
            resident(Counter, Count);
        stop -> ok
    end.
