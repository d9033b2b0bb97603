use v6;
say "hello";
