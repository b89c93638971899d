%% Savina Chameneos: C chameneos ask a mall for meetings with their colour; the mall keeps the
%% first asker waiting and forwards the second's request to it; the first takes the complement
%% colour, answers the second with it and asks again (the second, told, asks again too). After M
%% meetings the mall answers every request with an exit and each chameneo reports its meetings.
%% Counts: meetings (2M), faded (C).
-module(zactor_savina_chameneos).

-export([run/2]).

run(Chameneos, Meetings) ->
    Self = self(),
    T0 = zactor_bench_peer:now_ns(),
    Mall = spawn_link(fun() -> mall(Self, Chameneos, Meetings, none, 0, 0) end),
    [Mall ! {meet, I rem 3, spawn_link(fun() -> chameneo(Mall, I rem 3, 0) end)}
     || I <- lists:seq(0, Chameneos - 1)],
    receive {chameneos_done, Sum, Faded} -> ok end,
    T1 = zactor_bench_peer:now_ns(),
    {[{meetings, Sum}, {faded, Faded}], T1 - T0}.

mall(Report, Chameneos, Left, Waiting, Sum, Faded) ->
    receive
        {report, Meetings} when Faded + 1 =:= Chameneos ->
            Report ! {chameneos_done, Sum + Meetings, Faded + 1};
        {report, Meetings} ->
            mall(Report, Chameneos, Left, Waiting, Sum + Meetings, Faded + 1);
        {meet, _Color, From} when Left =:= 0 ->
            From ! exit,
            mall(Report, Chameneos, Left, Waiting, Sum, Faded);
        {meet, _Color, From} when Waiting =:= none ->
            mall(Report, Chameneos, Left, From, Sum, Faded);
        {meet, _Color, _From} = Request ->
            Waiting ! Request,
            mall(Report, Chameneos, Left - 1, none, Sum, Faded)
    end.

chameneo(Mall, Color, Meetings) ->
    receive
        {meet, OtherColor, Other} ->
            New = complement(Color, OtherColor),
            Other ! {change, New},
            Mall ! {meet, New, self()},
            chameneo(Mall, New, Meetings + 1);
        {change, New} ->
            Mall ! {meet, New, self()},
            chameneo(Mall, New, Meetings + 1);
        exit ->
            Mall ! {report, Meetings}
    end.

%% Blue, red, yellow: 0, 1, 2; two different colours meet into the third.
complement(Color, Color) -> Color;
complement(A, B) -> 3 - A - B.
