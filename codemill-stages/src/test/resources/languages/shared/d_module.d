module app.main;

import std.stdio;

void main()
{
    writeln("hello");
}
