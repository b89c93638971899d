%% Erlang/OTP distribution as the peer of zactor-bench's `remote` suite
%% (apps/bench/src/suites/remote, runner in apps/bench/src/peers/erlang-dist-peer.ts): the same
%% workloads as @zactor/remote between two Node processes, run between two `erl` nodes on this
%% machine over Erlang distribution (TCP on loopback, found through epmd).
%%
%% Two nodes, both started by the runner with the same cookie and `-pa <dir>`:
%%   far:    erl -noshell -sname <far> -setcookie <c> -pa <dir> -run zactor_remote_dist hold
%%   runner: erl -noshell -sname <runner> -setcookie <c> -pa <dir> -run zactor_remote_dist serve <far>
%% The far node only hosts processes and halts when its stdin closes. The runner connects to it,
%% prints one `zactor-erlang-ready ...` line, then reads commands on stdin as zactor_bench_peer
%% does, answering each with one `zactor-erlang-result key=value ...` line:
%%   split_pairs <Pairs> <InFlight> <PerPair>
%%       Pairs pairs, half with the client on the runner and the echo on the far node, half the
%%       other way round, so every message crosses nodes and traffic flows both ways. A client
%%       keeps InFlight pings out until it has sent PerPair, then reports once PerPair pongs
%%       are back. Pings are counted by the echoes, pongs by the clients, exactly (the echo's
%%       count travels after its last pong, on the same channel). Timed from the first `go` to
%%       the last client's report.
%%   round_trip <Samples> <Warmup> <SamplesFile>
%%       A pinger on the runner sends `{ping, self()}` to a replier on the far node and waits for
%%       `pong` before the next (closed loop, no pacing); Warmup round trips unrecorded, then
%%       Samples recorded on erlang:monotonic_time(nanosecond) and written to SamplesFile as
%%       little-endian float64; the replier counts what it answered.
%%   quit
-module(zactor_remote_dist).

-export([serve/1, hold/0, split_pairs/4, round_trip/4]).

%% ---- the far node -----------------------------------------------------------------------------

hold() ->
    io:get_line(standard_io, ""),
    halt(0).

%% ---- the runner -------------------------------------------------------------------------------

serve([FarText]) ->
    Far = list_to_atom(FarText),
    connect(Far, 500),
    io:put_chars(io_lib:format(
        "zactor-erlang-ready otp=~s erts=~s schedulers=~b far=~s far_schedulers=~b~n",
        [erlang:system_info(otp_release), erlang:system_info(version),
         erlang:system_info(schedulers_online), Far,
         rpc:call(Far, erlang, system_info, [schedulers_online])])),
    loop(Far).

%% The far node may still be starting: retry for up to Tries x 20 ms.
connect(Far, 0) -> error({cannot_connect, Far});
connect(Far, Tries) ->
    case net_kernel:connect_node(Far) of
        true -> ok;
        _ -> timer:sleep(20), connect(Far, Tries - 1)
    end.

loop(Far) ->
    case io:get_line(standard_io, "") of
        eof -> halt(0);
        {error, _} -> halt(2);
        Line ->
            case string:trim(Line) of
                "quit" -> halt(0);
                "" -> loop(Far);
                Command ->
                    try
                        handle(Far, string:split(Command, " ", all))
                    catch
                        Class:Reason:Stack ->
                            io:put_chars(io_lib:format("zactor-erlang-error ~p ~0p ~0p~n",
                                                       [Class, Reason, Stack]))
                    end,
                    loop(Far)
            end
    end.

handle(Far, ["split_pairs", Pairs, InFlight, PerPair]) ->
    zactor_bench_peer:print_result(zactor_bench_peer:isolated(fun() ->
        split_pairs(Far, int(Pairs), int(InFlight), int(PerPair))
    end));
handle(Far, ["round_trip", Samples, Warmup | FileParts]) when FileParts =/= [] ->
    File = lists:flatten(lists:join(" ", FileParts)),
    zactor_bench_peer:print_result(zactor_bench_peer:isolated(fun() ->
        round_trip(Far, int(Samples), int(Warmup), File)
    end));
handle(_Far, Other) -> error({unknown_command, Other}).

int(Text) -> list_to_integer(Text).

%% ---- split pairs ------------------------------------------------------------------------------

split_pairs(Far, Pairs, InFlight, PerPair)
  when is_integer(Pairs), Pairs >= 2, is_integer(InFlight), InFlight >= 1,
       is_integer(PerPair), PerPair >= 1 ->
    Controller = self(),
    Half = Pairs div 2,
    Spawned =
        [begin
             {ClientNode, EchoNode} = case I =< Half of
                                          true -> {node(), Far};
                                          false -> {Far, node()}
                                      end,
             Client = spawn_link(ClientNode,
                                 fun() -> client(Controller, InFlight, PerPair) end),
             Echo = spawn_link(EchoNode, fun() -> echo(Controller, Client) end),
             {Client, Echo}
         end || I <- lists:seq(1, Pairs)],
    [receive {ready, _} -> ok end || _ <- lists:seq(1, 2 * Pairs)],
    T0 = zactor_bench_peer:now_ns(),
    [Client ! {go, Echo} || {Client, Echo} <- Spawned],
    [receive {finished, Client} -> ok end || {Client, _} <- Spawned],
    T1 = zactor_bench_peer:now_ns(),
    [Echo ! {count, Controller} || {_, Echo} <- Spawned],
    Counts = [receive {counts, Client, Pings, Pongs} -> {Pings, Pongs} end
              || {Client, _} <- Spawned],
    [{kind, dist_split_pairs},
     {pairs, Pairs},
     {in_flight, InFlight},
     {per_pair, PerPair},
     {pings, lists:sum([P || {P, _} <- Counts])},
     {pongs, lists:sum([P || {_, P} <- Counts])},
     {elapsed_ns, T1 - T0}].

client(Controller, InFlight, PerPair) ->
    Controller ! {ready, self()},
    receive {go, Echo} -> ok end,
    First = min(InFlight, PerPair),
    [Echo ! ping || _ <- lists:seq(1, First)],
    Pongs = pong_loop(Echo, First, 0, PerPair),
    Controller ! {finished, self()},
    count_loop(Pongs).

pong_loop(_Echo, _Sent, PerPair, PerPair) -> PerPair;
pong_loop(Echo, Sent, Pongs, PerPair) ->
    receive
        pong when Sent < PerPair ->
            Echo ! ping,
            pong_loop(Echo, Sent + 1, Pongs + 1, PerPair);
        pong ->
            pong_loop(Echo, Sent, Pongs + 1, PerPair)
    end.

%% The echo's count comes after its last pong; a stray pong would still be counted here.
count_loop(Pongs) ->
    receive
        pong -> count_loop(Pongs + 1);
        {count, Controller, Pings} -> Controller ! {counts, self(), Pings, Pongs}
    end.

echo(Controller, Client) ->
    Controller ! {ready, self()},
    echo_loop(Client, 0).

echo_loop(Client, Pings) ->
    receive
        ping ->
            Client ! pong,
            echo_loop(Client, Pings + 1);
        {count, Controller} ->
            Client ! {count, Controller, Pings}
    end.

%% ---- round trip -------------------------------------------------------------------------------

round_trip(Far, Samples, Warmup, Out)
  when is_integer(Samples), Samples >= 1, is_integer(Warmup), Warmup >= 0 ->
    Controller = self(),
    Replier = spawn_link(Far, fun() -> replier(Controller) end),
    receive {ready, Replier} -> ok end,
    T0 = zactor_bench_peer:now_ns(),
    All = rounds(Replier, Warmup + Samples, []),
    T1 = zactor_bench_peer:now_ns(),
    Recorded = lists:nthtail(Warmup, lists:reverse(All)),
    Replier ! {count, Controller},
    Replies = receive {replies, Replier, R} -> R end,
    ok = file:write_file(Out, << <<V:64/float-little>> || V <- Recorded >>),
    [{kind, dist_round_trip},
     {samples, length(Recorded)},
     {warmup, Warmup},
     {replies, Replies},
     {elapsed_ns, T1 - T0},
     {samples_file, Out}].

rounds(_Replier, 0, Acc) -> Acc;
rounds(Replier, Left, Acc) ->
    SentAt = zactor_bench_peer:now_ns(),
    Replier ! {ping, self()},
    receive pong -> ok end,
    rounds(Replier, Left - 1, [zactor_bench_peer:now_ns() - SentAt | Acc]).

replier(Controller) ->
    Controller ! {ready, self()},
    replier_loop(0).

replier_loop(Replies) ->
    receive
        {ping, From} ->
            From ! pong,
            replier_loop(Replies + 1);
        {count, Controller} ->
            Controller ! {replies, self(), Replies}
    end.
