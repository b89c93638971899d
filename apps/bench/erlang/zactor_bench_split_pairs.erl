%% Ping-pong, Pairs pairs x InFlight messages in flight, on two schedulers: the Erlang/OTP side of
%% zactor-bench's `actors / cluster: ping-pong, 32 pairs x 100 in flight split across 2 workers`,
%% in one of two modes:
%%
%%   split  every pair split across the two schedulers with spawn_opt {scheduler, N}. The first
%%          half of the clients run on scheduler 1 with their echoes on scheduler 2, the other half
%%          the other way round, so every message crosses schedulers and traffic flows both ways
%%          (ZActor's scenario puts half the clients on each worker the same way). Every process
%%          checks its scheduler when it starts and when it reports; the result counts the misses.
%%   beam   the same processes spawned with no scheduler option: the VM places them (on the
%%          spawner's scheduler) and migrates them between its schedulers itself (work stealing,
%%          load balancing), as an Erlang program gets by default. Whether a message crosses
%%          schedulers is up to the VM; nothing is checked (misplaced is always 0).
%%
%% A client keeps InFlight pings out until it has sent PerPair, then reports once all PerPair
%% pongs are back. Counting (the Proto.Actor rule), the same in both modes: every ping counted by
%% the echo that received it, every pong by the client that received it; after the timed part
%% each echo sends its count through its client (the same channel as its pongs, so it arrives
%% after all of them), and the result reports both sums. Nothing is assumed: a lost or extra
%% message shows up as a count that differs from Pairs x PerPair.
%%
%% Timed: from the first `go` to the last client's report, on erlang:monotonic_time. Spawning and
%% the scheduler check happen before; the count collection after.
%%
%% One shot (Mode defaults to split):
%%   erl -noshell +S 2:2 +sbt db -pa <dir> -run zactor_bench_split_pairs main 32 100 300 [beam]
-module(zactor_bench_split_pairs).

-export([run/3, run/4, main/1, mode/1]).

main([Pairs, InFlight, PerPair | ModeArg]) ->
    Mode = case ModeArg of
               [] -> split;
               [Text] -> mode(Text)
           end,
    zactor_bench_peer:print_result(zactor_bench_peer:isolated(fun() ->
        run(list_to_integer(Pairs), list_to_integer(InFlight), list_to_integer(PerPair), Mode)
    end)),
    halt(0).

%% The mode named on a command line.
mode("split") -> split;
mode("beam") -> beam;
mode(Other) -> error({unknown_mode, Other}).

run(Pairs, InFlight, PerPair) -> run(Pairs, InFlight, PerPair, split).

run(Pairs, InFlight, PerPair, Mode)
  when is_integer(Pairs), Pairs >= 1, is_integer(InFlight), InFlight >= 1,
       is_integer(PerPair), PerPair >= 1, (Mode =:= split orelse Mode =:= beam) ->
    % split: {scheduler, N} when the VM has it (the runner refuses a VM without it);
    % beam: never, the VM places every process.
    Placement = case Mode of
                    split -> zactor_bench_peer:placement();
                    beam -> default
                end,
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
     {mode, Mode},
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
