parent(tom, bob).
grandparent(X, Z) :- parent(X, Y), parent(Y, Z).
