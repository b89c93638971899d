%% Cross-scheduler round trip latency, one message in flight: the Erlang/OTP side of
%% zactor-bench's `actors / cluster: cross-worker actor round trip`.
%%
%% A pinger on scheduler 1 sends `{ping, self()}` to a replier on scheduler 2, which answers
%% `pong` to the sender (ask-style, as ZActor's replier answers the sender of each ping). The
%% pinger times each round trip on erlang:monotonic_time(nanosecond) and paces itself the
%% Disruptor way, as ZActor's pacedPinger does: the next ping leaves IntervalNs after the previous
%% one was sent (at once when the pong came later), waiting by spinning on the clock. The first
%% Warmup round trips are not recorded; the next Samples are.
%%
%% Counted: the replier counts the pings it answered (must be Warmup + Samples) and the pinger
%% the samples it recorded (must be Samples). The result line reports the uncorrected P50, P99
%% and max (nearest rank); with a file name it also writes every sample, in order, as a
%% little-endian float64, for the runner's HDR histogram.
%%
%% One shot: erl -noshell +S 2:2 +sbt db -pa <dir> -run zactor_bench_round_trip main 20000 2000 1000
-module(zactor_bench_round_trip).

-export([run/4, main/1]).

main([Samples, Warmup, IntervalNs | File]) ->
    Out = case File of
              [] -> none;
              [Name] -> Name
          end,
    zactor_bench_peer:print_result(zactor_bench_peer:isolated(fun() ->
        run(list_to_integer(Samples), list_to_integer(Warmup), list_to_integer(IntervalNs), Out)
    end)),
    halt(0).

run(Samples, Warmup, IntervalNs, Out)
  when is_integer(Samples), Samples >= 1, is_integer(Warmup), Warmup >= 0,
       is_integer(IntervalNs), IntervalNs >= 0 ->
    Placement = zactor_bench_peer:placement(),
    Controller = self(),
    Replier = zactor_bench_peer:spawn_on(
                Placement, fun() -> replier(Placement, Controller) end, 2),
    Pinger = zactor_bench_peer:spawn_on(
               Placement,
               fun() -> pinger(Placement, Controller, Replier, Samples, Warmup, IntervalNs) end,
               1),
    Misplaced0 = lists:sum([receive {ready, _, M} -> M end || _ <- [1, 2]]),
    T0 = zactor_bench_peer:now_ns(),
    Pinger ! go,
    {Latencies, PingerMisplaced} = receive {latencies, Pinger, L, PM} -> {L, PM} end,
    T1 = zactor_bench_peer:now_ns(),
    Replier ! {count, Controller},
    {Replies, ReplierMisplaced} = receive {replies, Replier, R, RM} -> {R, RM} end,
    Sorted = lists:sort(Latencies),
    N = length(Sorted),
    case Out of
        none -> ok;
        _ -> ok = file:write_file(Out, << <<V:64/float-little>> || V <- Latencies >>)
    end,
    [{kind, round_trip},
     {placement, Placement},
     {samples, N},
     {warmup, Warmup},
     {interval_ns, IntervalNs},
     {replies, Replies},
     {misplaced, Misplaced0 + PingerMisplaced + ReplierMisplaced},
     {elapsed_ns, T1 - T0},
     {p50_ns, nearest_rank(Sorted, N, 50)},
     {p99_ns, nearest_rank(Sorted, N, 99)},
     {max_ns, lists:last(Sorted)}]
    ++ case Out of
           none -> [];
           _ -> [{samples_file, Out}]
       end.

%% The smallest sample with at least ceil(P / 100 * N) samples at or below it.
nearest_rank(Sorted, N, P) ->
    Rank = max(1, (P * N + 99) div 100),
    lists:nth(Rank, Sorted).

pinger(Placement, Controller, Replier, Samples, Warmup, IntervalNs) ->
    Controller ! {ready, self(), zactor_bench_peer:on_scheduler(Placement, 1)},
    receive go -> ok end,
    All = rounds(Replier, IntervalNs, Warmup + Samples, zactor_bench_peer:now_ns(), []),
    Recorded = lists:nthtail(Warmup, lists:reverse(All)),
    Controller ! {latencies, self(), Recorded, zactor_bench_peer:on_scheduler(Placement, 1)}.

%% Left round trips, the first sent at SentAt; returns the round trip times, newest first.
rounds(_Replier, _IntervalNs, 0, _SentAt, Acc) -> Acc;
rounds(Replier, IntervalNs, Left, SentAt, Acc) ->
    Replier ! {ping, self()},
    receive pong -> ok end,
    Now = zactor_bench_peer:now_ns(),
    Next = spin_until(SentAt + IntervalNs, Now),
    rounds(Replier, IntervalNs, Left - 1, Next, [Now - SentAt | Acc]).

spin_until(Deadline, Now) when Now >= Deadline -> Now;
spin_until(Deadline, _) -> spin_until(Deadline, zactor_bench_peer:now_ns()).

replier(Placement, Controller) ->
    Controller ! {ready, self(), zactor_bench_peer:on_scheduler(Placement, 2)},
    replier_loop(Placement, 0).

replier_loop(Placement, Replies) ->
    receive
        {ping, From} ->
            From ! pong,
            replier_loop(Placement, Replies + 1);
        {count, Controller} ->
            Controller ! {replies, self(), Replies, zactor_bench_peer:on_scheduler(Placement, 2)}
    end.
