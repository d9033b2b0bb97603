#!/bin/sh
# Builds the JNI syntax-tree export (syntax_export.c, with the tree-sitter runtime vendored in
# tree-sitter/ compiled at -O3 with LTO and kept local by exports.map) into the classes folder, one shared
# library per platform: linux-x86_64 and linux-aarch64 (each when a C compiler for it is found:
# gcc on a matching host, or the cross compiler aarch64-linux-gnu-gcc / x86_64-linux-gnu-gcc).
# Never fails the build: when a library cannot be built it says so, and NativeTrees uses the
# pure-Java walk (same trees, slower).
# usage: build-native.sh <source dir> <classes dir> <java home>
src="$1"
out="$2/dev/codemill/stages/analysis/syntax/native"
jhome="$3"
[ -f "$jhome/include/jni.h" ] || jhome="$(dirname "$jhome")"
if [ "$(uname -s)" != "Linux" ]; then
    echo "[native syntax export] not built: host is $(uname -s), only linux is built; the pure-Java tree walk will be used"
    exit 0
fi
if [ ! -f "$jhome/include/jni.h" ]; then
    echo "[native syntax export] WARNING not built: no jni.h under $jhome/include; the pure-Java tree walk will be used"
    exit 0
fi
host="$(uname -m)"
build() { # <platform> <compiler> [host: WARNING when it cannot be built]
    dir="$out/$1"
    lib="$dir/libcodemill_syntax.so"
    if [ -f "$lib" ] && [ "$lib" -nt "$src/syntax_export.c" ] && [ "$lib" -nt "$src/exports.map" ] \
            && [ "$lib" -nt "$src/tree-sitter/lib/src/parser.c" ] && [ "$lib" -nt "$src/build-native.sh" ] \
            && [ "$lib" -nt "$src/grammars/python/parser.c" ] && [ "$lib" -nt "$src/grammars/python/scanner.c" ]; then
        echo "[native syntax export] $1: up to date"
        return 0
    fi
    if ! command -v "$2" >/dev/null 2>&1; then
        echo "[native syntax export] ${3:+WARNING }$1: not built, no compiler $2 on PATH; that platform uses the pure-Java tree walk"
        return 0
    fi
    mkdir -p "$dir"
    # grammars compiled into the library (grammars/<name>: parser.c and scanner.c as generated,
    # at -O2 as tree-sitter builds grammars; syntax_export.c uses one only where its tables equal
    # the binding's grammar): objects of their own, outside the LTO of the runtime
    objs=""
    own=""
    for g in python; do
        for f in parser scanner; do
            if [ -z "$own" ] && "$2" -std=c11 -O2 -fPIC -fvisibility=hidden -w -I"$src/grammars/$g" -c "$src/grammars/$g/$f.c" -o "$dir/$g-$f.o"; then
                objs="$objs $dir/$g-$f.o"
            elif [ -z "$own" ]; then
                echo "[native syntax export] WARNING $1: $2 failed on grammars/$g/$f.c; the library is built without its own grammars (the binding's are used, same trees, slower)"
                own="-DCODEMILL_WITHOUT_OWN_GRAMMARS"
                objs=""
            fi
        done
    done
    # the runtime's own sources are built as upstream builds them (-std=c11 plus POSIX/GNU
    # feature macros, lib.c as one unit); only the JNI entry points are exported. Optimisation
    # (docs/performance.md, h-parse): -O3 with link-time optimisation of lib.c and
    # syntax_export.c together (the export inlines the runtime's accessors, the linker drops
    # what the entry points never reach: 98 kB instead of 215), direct calls to libc (-fno-plt);
    # no -march: the library runs on any CPU of the platform. Where the compiler cannot do LTO,
    # the same without it.
    for opt in "-O3 -flto -fno-semantic-interposition -fno-plt" "-O3 -fno-semantic-interposition -fno-plt"; do
        # shellcheck disable=SC2086
        if "$2" -std=c11 $opt $own -fPIC -shared -Wall -fvisibility=hidden -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE -D_GNU_SOURCE \
                -I"$jhome/include" -I"$jhome/include/linux" -I"$src/tree-sitter/lib/include" -I"$src/tree-sitter/lib/src" \
                -o "$lib.tmp" "$src/syntax_export.c" "$src/tree-sitter/lib/src/lib.c" $objs \
                -Wl,--version-script="$src/exports.map" -Wl,-z,noexecstack 2>"$lib.log"; then
            break
        fi
        case "$opt" in
            *-flto*) echo "[native syntax export] $1: $2 cannot link with -flto; building without link-time optimisation" ;;
            *) cat "$lib.log" ;;
        esac
        rm -f "$lib.tmp"
    done
    rm -f "$lib.log" "$dir"/*.o
    if [ -f "$lib.tmp" ]; then
        mv "$lib.tmp" "$lib"
        echo "[native syntax export] $1: built $lib with $2 $opt"
    else
        rm -f "$lib.tmp"
        echo "[native syntax export] WARNING $1: $2 failed; the pure-Java tree walk will be used there"
    fi
}
case "$host" in
    x86_64) build linux-x86_64 gcc host; build linux-aarch64 aarch64-linux-gnu-gcc ;;
    aarch64) build linux-aarch64 gcc host; build linux-x86_64 x86_64-linux-gnu-gcc ;;
    *) echo "[native syntax export] host $host: no native library built; the pure-Java tree walk will be used" ;;
esac
exit 0
