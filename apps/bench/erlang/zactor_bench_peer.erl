%% The Erlang/OTP peer of zactor-bench (apps/bench/src/peers/erlang-peer.ts).
%%
%% Started once per implementation as
%%   erl -noshell +S 2:2 +sbt db -pa <dir> -run zactor_bench_peer serve
%% it prints one `zactor-erlang-ready ...` line, then reads one command per line on stdin and
%% answers each with one `zactor-erlang-result ...` line (or `zactor-erlang-error ...`):
%%   split_pairs <Pairs> <InFlight> <PerPair> [split|beam]
%%   round_trip <Samples> <Warmup> <IntervalNs> [<SamplesFile>]
%%   savina <Benchmark> <Arg>...          (zactor_savina.erl)
%%   resident_open <Actors> | resident_run <Messages> | resident_close   (zactor_bench_resident.erl)
%%   quit
%% End of input also stops the node, so it never outlives the runner.
%%
%% Result lines are `zactor-erlang-result key=value ...`: values are integers, decimals or words,
%% never containing spaces (except a file path, always last).
-module(zactor_bench_peer).

-export([serve/0, isolated/1, placement/0, spawn_on/3, on_scheduler/2, now_ns/0,
         print_result/1, util_start/0, util_stop/1, ready_line/0]).

%% ---- serving ----------------------------------------------------------------------------------

serve() ->
    io:put_chars(ready_line()),
    loop().

loop() ->
    case io:get_line(standard_io, "") of
        eof -> halt(0);
        {error, _} -> halt(2);
        Line ->
            case string:trim(Line) of
                "quit" -> halt(0);
                "" -> loop();
                Command ->
                    try
                        handle(Command)
                    catch
                        Class:Reason:Stack ->
                            io:put_chars(io_lib:format("zactor-erlang-error ~p ~0p ~0p~n",
                                                       [Class, Reason, Stack]))
                    end,
                    loop()
            end
    end.

handle(Command) ->
    case string:split(Command, " ", all) of
        ["split_pairs", Pairs, InFlight, PerPair | ModeArg] when length(ModeArg) =< 1 ->
            Mode = case ModeArg of
                       [] -> split;
                       [Text] -> zactor_bench_split_pairs:mode(Text)
                   end,
            print_result(isolated(fun() ->
                zactor_bench_split_pairs:run(int(Pairs), int(InFlight), int(PerPair), Mode)
            end));
        ["round_trip", Samples, Warmup, IntervalNs | FileParts] ->
            File = case FileParts of
                       [] -> none;
                       _ -> lists:flatten(lists:join(" ", FileParts))
                   end,
            print_result(isolated(fun() ->
                zactor_bench_round_trip:run(int(Samples), int(Warmup), int(IntervalNs), File)
            end));
        %% The state is checked here, so a command out of order is an error line, not a crash.
        ["resident_open", Actors] ->
            zactor_bench_resident:expect_open(false),
            print_result(isolated(fun() -> zactor_bench_resident:open(int(Actors)) end));
        ["resident_run", Messages] ->
            zactor_bench_resident:expect_open(true),
            print_result(isolated(fun() -> zactor_bench_resident:run(int(Messages)) end));
        ["resident_close"] ->
            zactor_bench_resident:expect_open(true),
            print_result(isolated(fun() -> zactor_bench_resident:close() end));
        ["savina", Bench | Args] ->
            print_result(isolated(fun() -> zactor_savina:run(Bench, [int(A) || A <- Args]) end));
        _ -> error({unknown_command, Command})
    end.

%% Runs one benchmark in a fresh controller process. The benchmark's processes are linked to
%% it, so a crash anywhere ends the controller and comes back here as an error instead of
%% leaving the runner waiting.
isolated(Run) ->
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Self ! {self(), done, Run()} end),
    receive
        {Pid, done, Result} ->
            receive {'DOWN', Ref, process, Pid, _} -> ok end,
            Result;
        {'DOWN', Ref, process, Pid, Reason} -> error({benchmark_failed, Reason})
    end.

int(Text) -> list_to_integer(Text).

ready_line() ->
    io_lib:format("zactor-erlang-ready otp=~s erts=~s schedulers=~b bindings=~s placement=~s~n",
                  [erlang:system_info(otp_release), erlang:system_info(version),
                   erlang:system_info(schedulers_online), bindings(), placement()]).

%% The cpu each normal scheduler is bound to (`+sbt db`), e.g. `0,1`, or `unbound`.
bindings() ->
    Cpus = tuple_to_list(erlang:system_info(scheduler_bindings)),
    case lists:all(fun erlang:is_integer/1, Cpus) of
        true -> lists:join(",", [integer_to_list(C) || C <- Cpus]);
        false -> "unbound"
    end.

%% ---- process placement ------------------------------------------------------------------------

%% `bound` when spawn_opt accepts `{scheduler, N}` (an undocumented option of OTP's spawn_opt that
%% puts the process in scheduler N's run queue and keeps it there) and there are two schedulers
%% to place on; `default` (the VM places and migrates processes itself) otherwise.
placement() ->
    case erlang:system_info(schedulers_online) >= 2 of
        false -> default;
        true ->
            try spawn_opt(fun() -> ok end, [{scheduler, 2}]) of
                _ -> bound
            catch
                error:badarg -> default
            end
    end.

%% Spawns Fun, linked to the caller, on scheduler Scheduler (1-based) when Placement is bound.
spawn_on(bound, Fun, Scheduler) -> spawn_opt(Fun, [link, {scheduler, Scheduler}]);
spawn_on(default, Fun, _Scheduler) -> spawn_opt(Fun, [link]).

%% 0 when the calling process runs on the scheduler it was placed on (or placement is default),
%% 1 otherwise: the runs add these up and the runner refuses a result with any misplacement.
on_scheduler(Placement, Scheduler) ->
    case Placement of
        default -> 0;
        bound ->
            case erlang:system_info(scheduler_id) of
                Scheduler -> 0;
                _ -> 1
            end
    end.

now_ns() -> erlang:monotonic_time(nanosecond).

%% ---- scheduler utilisation --------------------------------------------------------------------

%% Turns scheduler wall-time accounting on (for this process) and takes the first snapshot.
util_start() ->
    erlang:system_flag(scheduler_wall_time, true),
    erlang:statistics(scheduler_wall_time).

%% Each normal scheduler's active fraction since `util_start`, in scheduler order.
util_stop(Before) ->
    After = erlang:statistics(scheduler_wall_time),
    erlang:system_flag(scheduler_wall_time, false),
    N = erlang:system_info(schedulers),
    [begin
         {Id, A0, T0} = lists:keyfind(Id, 1, Before),
         {Id, A1, T1} = lists:keyfind(Id, 1, After),
         case T1 - T0 of
             0 -> 0.0;
             Total -> (A1 - A0) / Total
         end
     end || Id <- lists:seq(1, N)].

%% ---- output -----------------------------------------------------------------------------------

print_result(Pairs) ->
    Fields = [io_lib:format("~s=~s", [Key, value(Value)]) || {Key, Value} <- Pairs],
    io:put_chars(["zactor-erlang-result ", lists:join(" ", Fields), "\n"]).

value(V) when is_integer(V) -> integer_to_list(V);
value(V) when is_float(V) -> float_to_list(V, [{decimals, 6}, compact]);
value(V) when is_atom(V) -> atom_to_list(V);
value(V) when is_list(V) -> V.
