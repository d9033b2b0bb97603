using System;

// C# verbatim and raw strings.
class Verbatim
{
    const string Path = @"C:\temp\";
    const string Multi = @"first line
// second line, ""quoted"" text
third line";
    const string Raw = """
        /* raw string */
        """;
    char c = '"'; /* a
    comment */
}
