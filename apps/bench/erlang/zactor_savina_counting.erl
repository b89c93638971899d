%% Savina Counting: a producer sends N increments to a counting process, then asks for its
%% count, which must be N. Counts: count.
-module(zactor_savina_counting).

-export([run/1]).

run(N) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Counter = spawn_link(fun() -> counter(0) end),
    Producer = spawn_link(fun() -> producer(Self, Counter, N) end),
    Producer ! go,
    receive {count, Count} -> ok end,
    T1 = zactor_bench_peer:now_ns(),
    {[{count, Count}], T1 - T0}.

producer(Report, Counter, N) ->
    receive go -> send_increments(Counter, N) end,
    Counter ! {retrieve, self()},
    receive {result, Count} -> Report ! {count, Count} end.

send_increments(_Counter, 0) -> ok;
send_increments(Counter, N) ->
    Counter ! increment,
    send_increments(Counter, N - 1).

counter(Count) ->
    receive
        increment -> counter(Count + 1);
        {retrieve, From} -> From ! {result, Count}
    end.
