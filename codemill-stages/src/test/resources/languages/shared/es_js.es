'use strict';
export default function f() {}
