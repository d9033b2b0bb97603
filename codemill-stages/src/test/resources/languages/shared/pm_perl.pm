package My::Util;
use strict;
our @EXPORT = qw(f);
sub f { return 1 }
1;
