%% Savina PingPong: a ping process sends N pings to a pong process, each answered by a pong;
%% on each pong the ping process sends itself a `next` message and, from it, the next ping;
%% after the N-th pong it stops the pong process, which reports the pings it answered.
%% Counts: pings (answered by pong), pongs (received by ping).
-module(zactor_savina_ping_pong).

-export([run/1]).

run(Pings) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Pong = spawn_link(fun() -> pong(Self, 0) end),
    Ping = spawn_link(fun() -> ping(Self, Pong, Pings, 0) end),
    Ping ! start,
    receive {pong_done, Answered} -> ok end,
    receive {ping_done, Received} -> ok end,
    T1 = zactor_bench_peer:now_ns(),
    {[{pings, Answered}, {pongs, Received}], T1 - T0}.

ping(Report, Pong, Left, Received) ->
    receive
        pong when Left > 0 ->
            self() ! next,
            ping(Report, Pong, Left, Received + 1);
        pong ->
            Pong ! stop,
            Report ! {ping_done, Received + 1};
        _StartOrNext ->
            Pong ! {ping, self()},
            ping(Report, Pong, Left - 1, Received)
    end.

pong(Report, Answered) ->
    receive
        {ping, From} ->
            From ! pong,
            pong(Report, Answered + 1);
        stop ->
            Report ! {pong_done, Answered}
    end.
