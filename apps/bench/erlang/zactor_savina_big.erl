%% Savina Big: W processes, each knowing all the others; on a pong (the first a kick-off) a
%% process pings a pseudo-random one (Park-Miller minstd, seeded with its number + 1, the same
%% sequence as the TypeScript versions) and waits for its pong, until it has sent N pings; then
%% it tells a sink, which, once all W have, tells every process to stop. Each reports its counts
%% when it stops. Counts: answered (W x N pings), pongs (W x N), wrong (pongs not from the
%% process pinged: 0), stopped (W).
-module(zactor_savina_big).

-export([run/2]).

run(Actors, Pings) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Sink = spawn_link(fun() -> sink(Actors, 0) end),
    Pids = [spawn_link(fun() -> actor(Self, Sink, I, Actors, Pings) end)
            || I <- lists:seq(0, Actors - 1)],
    Peers = list_to_tuple(Pids),
    Sink ! {peers, Pids},
    [Pid ! {peers, Peers} || Pid <- Pids],
    [Pid ! {pong, -1} || Pid <- Pids],
    {Answered, Pongs, Wrong, Stopped} = collect(Actors, 0, 0, 0, 0),
    T1 = zactor_bench_peer:now_ns(),
    {[{answered, Answered}, {pongs, Pongs}, {wrong, Wrong}, {stopped, Stopped}], T1 - T0}.

actor(Report, Sink, Id, Actors, Pings) ->
    receive {peers, Peers} -> loop(Report, Sink, Id, Actors, Peers, Pings, Id + 1, -1, 0, 0, 0) end.

%% State: Left pings to send, Seed, Expected pong sender, and the counts.
loop(Report, Sink, Id, Actors, Peers, Left, Seed, Expected, Answered, Pongs, Wrong) ->
    receive
        {ping, From} ->
            element(From + 1, Peers) ! {pong, Id},
            loop(Report, Sink, Id, Actors, Peers, Left, Seed, Expected, Answered + 1, Pongs, Wrong);
        {pong, From} ->
            {Pongs1, Wrong1} = case From of
                                   -1 -> {Pongs, Wrong};
                                   Expected -> {Pongs + 1, Wrong};
                                   _ -> {Pongs + 1, Wrong + 1}
                               end,
            case Left of
                0 ->
                    Sink ! done,
                    loop(Report, Sink, Id, Actors, Peers, 0, Seed, -1, Answered, Pongs1, Wrong1);
                _ ->
                    Seed1 = (Seed * 48271) rem 2147483647,
                    Target = Seed1 rem Actors,
                    element(Target + 1, Peers) ! {ping, Id},
                    loop(Report, Sink, Id, Actors, Peers, Left - 1, Seed1, Target, Answered,
                         Pongs1, Wrong1)
            end;
        exit ->
            Report ! {stopped, Answered, Pongs, Wrong}
    end.

sink(Actors, Done) ->
    receive {peers, Pids} -> sink(Actors, Done, Pids) end.

sink(Actors, Done, Pids) when Done =:= Actors -> [Pid ! exit || Pid <- Pids];
sink(Actors, Done, Pids) ->
    receive done -> sink(Actors, Done + 1, Pids) end.

collect(0, Answered, Pongs, Wrong, Stopped) -> {Answered, Pongs, Wrong, Stopped};
collect(N, Answered, Pongs, Wrong, Stopped) ->
    receive
        {stopped, A, P, W} -> collect(N - 1, Answered + A, Pongs + P, Wrong + W, Stopped + 1)
    end.
