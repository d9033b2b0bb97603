%% escript
main(_) -> io:format("hi~n").
