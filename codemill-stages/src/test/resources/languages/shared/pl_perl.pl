#!/usr/bin/env perl
use strict;
use warnings;
my $n = shift @ARGV;
print "n=$n\n";
