#!/usr/bin/perl
use strict;

=pod

Documentation.

=cut

my @a = (1, 2);
print $#a, "\n";  # last index
my $t = <<"END";
# not a comment
END
my $q = q{ # not a comment };
print $t, $q;
