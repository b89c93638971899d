%% The Savina micro-benchmarks (and Skynet) as Erlang programs: the peer of zactor-bench's
%% `savina` suite (apps/bench/src/suites/savina). Our own programs, written from the benchmarks'
%% descriptions in Savina (github.com/shamsimam/savina) with the same workloads, messages and
%% result checks as the ZActor, nact and xstate versions.
%%
%% zactor_bench_peer serves them: the command
%%   savina <Bench> <Arg>...
%% runs one benchmark in a fresh controller process and answers
%%   zactor-erlang-result kind=savina bench=<Bench> <count>=<N>... elapsed_ns=<N>
%% with the counts the runner checks (the same names as the TypeScript versions report) and the
%% time from the first spawn to the last count. Every benchmark process is linked to the
%% controller, so a crash fails the command instead of leaving the runner waiting.
-module(zactor_savina).

-export([run/2, compute/1]).

run(Bench, Args) ->
    {Counts, ElapsedNs} = bench(Bench, Args),
    [{"kind", savina}, {"bench", Bench}]
        ++ [{atom_to_list(Key), Value} || {Key, Value} <- Counts]
        ++ [{"elapsed_ns", ElapsedNs}].

bench("ping_pong", [Pings]) -> zactor_savina_ping_pong:run(Pings);
bench("counting", [N]) -> zactor_savina_counting:run(N);
bench("fj_throughput", [Actors, Messages]) -> zactor_savina_fork_join:throughput(Actors, Messages);
bench("fj_creation", [Actors]) -> zactor_savina_fork_join:creation(Actors);
bench("thread_ring", [Actors, Hops]) -> zactor_savina_thread_ring:run(Actors, Hops);
bench("chameneos", [Chameneos, Meetings]) -> zactor_savina_chameneos:run(Chameneos, Meetings);
bench("big", [Actors, Pings]) -> zactor_savina_big:run(Actors, Pings);
bench("skynet", [Leaves, FanOut]) -> zactor_savina_skynet:run(Leaves, FanOut);
bench(Bench, Args) -> error({unknown_savina_benchmark, Bench, Args}).

%% Savina's stand-in for work per message (performComputation): sin² of the angle; 1 when
%% positive, so the callers count the computations that gave a result.
compute(Theta) ->
    S = math:sin(Theta),
    case S * S > 0 of
        true -> 1;
        false -> 0
    end.
