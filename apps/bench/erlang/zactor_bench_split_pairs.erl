%% Ping-pong, Pairs pairs x InFlight messages in flight, every pair split across the two
%% schedulers: the Erlang/OTP side of zactor-bench's
%% `actors / cluster: ping-pong, 32 pairs x 100 in flight split across 2 workers`.
%%
%% Each pair is a client and an echo. The first half of the clients run on scheduler 1 with their
%% echoes on scheduler 2, the other half the other way round, so every message crosses schedulers
%% and traffic flows both ways (ZActor's scenario puts half the clients on each worker the same
%% way). A client keeps InFlight pings out until it has sent PerPair, then reports once all
%% PerPair pongs are back. Counting (the Proto.Actor rule): every ping counted by the echo that
%% received it, every pong by the client that received it; after the timed part each echo sends
%% its count through its client (the same channel as its pongs, so it arrives after all of
%% them), and the result reports both sums. Nothing is assumed: a lost or extra message shows up
%% as a count that differs from Pairs x PerPair.
%%
%% Timed: from the first `go` to the last client's report, on erlang:monotonic_time. Spawning and
%% the check that every process runs on its scheduler happen before; the count collection after.
%%
%% One shot: erl -noshell +S 2:2 +sbt db -pa <dir> -run zactor_bench_split_pairs main 32 100 300
-module(zactor_bench_split_pairs).

-export([run/3, main/1]).

main([Pairs, InFlight, PerPair]) ->
    zactor_bench_peer:print_result(zactor_bench_peer:isolated(fun() ->
        run(list_to_integer(Pairs), list_to_integer(InFlight), list_to_integer(PerPair))
    end)),
    halt(0).

run(Pairs, InFlight, PerPair)
  when is_integer(Pairs), Pairs >= 1, is_integer(InFlight), InFlight >= 1,
       is_integer(PerPair), PerPair >= 1 ->
    Placement = zactor_bench_peer:placement(),
    Controller = self(),
    Half = Pairs div 2,
    Spawned =
        [begin
             ClientSched = case I =< Half of true -> 1; false -> 2 end,
             EchoSched = 3 - ClientSched,
             Client = zactor_bench_peer:spawn_on(
                        Placement,
                        fun() -> client(Placement, ClientSched, Controller, InFlight, PerPair) end,
                        ClientSched),
             Echo = zactor_bench_peer:spawn_on(
                      Placement, fun() -> echo(Placement, EchoSched, Controller, Client) end,
                      EchoSched),
             {Client, Echo}
         end || I <- lists:seq(1, Pairs)],
    % Every process has started and checked its scheduler before the clock starts.
    Misplaced0 = lists:sum([receive {ready, _, M} -> M end || _ <- lists:seq(1, 2 * Pairs)]),
    Util = zactor_bench_peer:util_start(),
    T0 = zactor_bench_peer:now_ns(),
    [Client ! {go, Echo} || {Client, Echo} <- Spawned],
    [receive {finished, Client} -> ok end || {Client, _} <- Spawned],
    T1 = zactor_bench_peer:now_ns(),
    Utilisation = zactor_bench_peer:util_stop(Util),
    [Echo ! {count, Controller} || {_, Echo} <- Spawned],
    Counts = [receive {counts, Client, Pings, Pongs, M} -> {Pings, Pongs, M} end
              || {Client, _} <- Spawned],
    [{kind, split_pairs},
     {placement, Placement},
     {pairs, Pairs},
     {in_flight, InFlight},
     {per_pair, PerPair},
     {pings, lists:sum([P || {P, _, _} <- Counts])},
     {pongs, lists:sum([P || {_, P, _} <- Counts])},
     {misplaced, Misplaced0 + lists:sum([M || {_, _, M} <- Counts])},
     {elapsed_ns, T1 - T0},
     {util_min, lists:min(Utilisation)},
     {util, lists:join("/", [float_to_list(U, [{decimals, 4}]) || U <- Utilisation])}].

client(Placement, Sched, Controller, InFlight, PerPair) ->
    Controller ! {ready, self(), zactor_bench_peer:on_scheduler(Placement, Sched)},
    receive {go, Echo} -> ok end,
    First = min(InFlight, PerPair),
    [Echo ! ping || _ <- lists:seq(1, First)],
    Pongs = pong_loop(Echo, First, 0, PerPair),
    Controller ! {finished, self()},
    % The echo's count comes after its last pong; a stray pong would still be counted here.
    count_loop(Placement, Sched, Pongs).

%% Sends one ping per pong until PerPair are sent; returns once PerPair pongs have come back.
pong_loop(_Echo, _Sent, PerPair, PerPair) -> PerPair;
pong_loop(Echo, Sent, Pongs, PerPair) ->
    receive
        pong when Sent < PerPair ->
            Echo ! ping,
            pong_loop(Echo, Sent + 1, Pongs + 1, PerPair);
        pong ->
            pong_loop(Echo, Sent, Pongs + 1, PerPair)
    end.

count_loop(Placement, Sched, Pongs) ->
    receive
        pong -> count_loop(Placement, Sched, Pongs + 1);
        {count, Controller, Pings, EchoMisplaced} ->
            Misplaced = EchoMisplaced + zactor_bench_peer:on_scheduler(Placement, Sched),
            Controller ! {counts, self(), Pings, Pongs, Misplaced}
    end.

echo(Placement, Sched, Controller, Client) ->
    Controller ! {ready, self(), zactor_bench_peer:on_scheduler(Placement, Sched)},
    echo_loop(Placement, Sched, Client, 0).

echo_loop(Placement, Sched, Client, Pings) ->
    receive
        ping ->
            Client ! pong,
            echo_loop(Placement, Sched, Client, Pings + 1);
        {count, Controller} ->
            Client ! {count, Controller, Pings, zactor_bench_peer:on_scheduler(Placement, Sched)}
    end.
