class My::Util {
    method f { 1 }
}
