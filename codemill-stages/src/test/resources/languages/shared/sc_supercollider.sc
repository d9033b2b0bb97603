~freq = 440;
Foo { bar { ^this.baz } }
