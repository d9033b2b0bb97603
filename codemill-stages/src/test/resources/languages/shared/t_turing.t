% Turing program
var count : int := 0
put count
