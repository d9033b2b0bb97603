module App
open System
let square x = x * x
