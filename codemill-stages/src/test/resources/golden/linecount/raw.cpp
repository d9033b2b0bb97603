#include <string>

// Raw strings may hold anything until )delim".
const char* kSql = R"sql(
SELECT 1; -- "quoted" // not a comment
/* still inside the raw string
)sql";

const long kBig = 1'000'000;  // digit separators are not char literals
const char kQuote = '"';
const char* kEnd = "*/";
int half(int x) { return x / 2; }
/* block
   comment */
