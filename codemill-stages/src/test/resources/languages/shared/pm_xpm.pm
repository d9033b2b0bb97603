/* XPM */
static char * icon[] = {
"2 2 1 1",
"a c #000000",
"aa",
"aa"};
