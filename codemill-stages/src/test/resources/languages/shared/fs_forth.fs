: square ( n -- n^2 ) dup * ;
5 square .
