use v6;
use Test;
plan 1;
ok 1, 'works';
