%% Savina Thread ring: N processes in a ring, each told its successor by a message; a token
%% carrying the hops left goes round, each process passing it on with one hop less; the one that
%% receives it with none left stops and sends an exit round the ring, which stops the others.
%% Each process reports the hops it passed when it stops. Counts: passed (R), stopped (N).
-module(zactor_savina_thread_ring).

-export([run/2]).

run(Actors, Hops) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Ring = [spawn_link(fun() -> member(Self, Actors) end) || _ <- lists:seq(1, Actors)],
    [First | _] = Ring,
    lists:foreach(fun({Pid, Next}) -> Pid ! {next, Next} end,
                  lists:zip(Ring, tl(Ring) ++ [First])),
    First ! {token, Hops},
    {Passed, Stopped} = collect(Actors, 0, 0),
    T1 = zactor_bench_peer:now_ns(),
    {[{passed, Passed}, {stopped, Stopped}], T1 - T0}.

member(Report, Actors) ->
    receive {next, Next} -> loop(Report, Actors, Next, 0) end.

loop(Report, Actors, Next, Passed) ->
    receive
        {token, 0} ->
            Next ! {exit, Actors - 1},
            Report ! {stopped, Passed};
        {token, Left} ->
            Next ! {token, Left - 1},
            loop(Report, Actors, Next, Passed + 1);
        {exit, Left} ->
            case Left > 1 of
                true -> Next ! {exit, Left - 1};
                false -> ok
            end,
            Report ! {stopped, Passed}
    end.

collect(0, Passed, Stopped) -> {Passed, Stopped};
collect(N, Passed, Stopped) ->
    receive {stopped, P} -> collect(N - 1, Passed + P, Stopped + 1) end.
