package dev.codemill.stages.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportGraphTest {
    private static SourceFile f(String path, String text) {
        return new SourceFile(path, RepoFiles.importLanguage(path), text);
    }

    /** Edges as "from -> to (kind)". */
    private static List<String> edges(SourceFile... files) {
        List<String> out = new ArrayList<>();
        for (ImportGraph.Edge e : ImportGraph.build(List.of(files)).edges()) {
            out.add(e.from() + " -> " + e.to() + " (" + e.kind() + ")");
        }
        return out;
    }

    @Test
    void pythonPackagesRelativeImportsAndSrcRoot() {
        assertThat(edges(
                f("src/shop/__init__.py", "from .cart import Cart\n"),
                f("src/shop/cart.py", "import json\nfrom shop.pricing import price  # from shop.tax import x\n"
                        + "s = 'import shop.db'\n"),
                f("src/shop/pricing.py", "from . import tax\nfrom .. import nothing_here\n"),
                f("src/shop/tax.py", "RATE = 0.2\n"),
                f("src/shop/db/__init__.py", "from ..tax import RATE\n"),
                f("tests/test_cart.py", "import shop.db\nfrom shop import cart, missing\ntry:\n    import shop.tax as t\n"
                        + "except ImportError:\n    pass\n")))
                .containsExactly(
                        "src/shop/__init__.py -> src/shop/cart.py (from)",
                        "src/shop/cart.py -> src/shop/pricing.py (from)",
                        "src/shop/db/__init__.py -> src/shop/tax.py (from)",
                        "src/shop/pricing.py -> src/shop/tax.py (from)",
                        "tests/test_cart.py -> src/shop/db/__init__.py (import)",
                        "tests/test_cart.py -> src/shop/__init__.py (from)",
                        "tests/test_cart.py -> src/shop/cart.py (from)",
                        "tests/test_cart.py -> src/shop/tax.py (import)");
    }

    @Test
    void javaImportsWildcardsStaticAndSamePackage() {
        assertThat(edges(
                f("core/src/main/java/org/acme/model/Order.java",
                        "package org.acme.model;\nimport java.util.List;\npublic class Order { List<Line> lines; }\n"),
                f("core/src/main/java/org/acme/model/Line.java", "package org.acme.model;\npublic record Line(int qty) {}\n"),
                f("core/src/main/java/org/acme/model/Unused.java", "package org.acme.model;\nclass Unused {}\n"),
                f("core/src/main/java/org/acme/util/Money.java",
                        "package org.acme.util;\npublic final class Money { public static int ZERO = 0; }\n"),
                f("app/src/main/java/org/acme/app/Main.java",
                        "package org.acme.app;\nimport org.acme.model.*;\nimport static org.acme.util.Money.ZERO;\n"
                                + "// import org.acme.model.Unused;\nclass Main { Order o; Line l = new Line(ZERO); }\n")))
                .containsExactly(
                        "app/src/main/java/org/acme/app/Main.java -> core/src/main/java/org/acme/model/Line.java (import_wildcard)",
                        "app/src/main/java/org/acme/app/Main.java -> core/src/main/java/org/acme/model/Order.java (import_wildcard)",
                        "app/src/main/java/org/acme/app/Main.java -> core/src/main/java/org/acme/util/Money.java (import_static)",
                        "core/src/main/java/org/acme/model/Order.java -> core/src/main/java/org/acme/model/Line.java (same_package)");
    }

    @Test
    void javascriptAndTypescriptRelativeIndexAndNodeModules() {
        assertThat(edges(
                f("package.json", "{\"name\": \"cartjs\", \"main\": \"lib/index.js\"}"),
                f("lib/index.js", "const util = require('./util');\nconst sv = require('semver');\nmodule.exports = util;\n"),
                f("lib/util/index.js", "export * from '../consts.js';\n// require('./nope')\n"),
                f("lib/consts.js", "export const A = 1;\n"),
                f("bin/cli.js", "#!/usr/bin/env node\nrequire('cartjs');\nimport('../lib/consts');\n"),
                f("node_modules/semver/package.json", "{\"name\": \"semver\", \"main\": \"./semver.js\"}"),
                f("node_modules/semver/semver.js", "module.exports = {};\n"),
                f("web/app.ts", "import { A } from '../lib/consts.js';\nimport type { T } from './types';\n"
                        + "import x = require('./legacy');\n"),
                f("web/types.ts", "export type T = number;\n"),
                f("web/legacy.js", "module.exports = 1;\n")))
                .containsExactly(
                        "bin/cli.js -> lib/index.js (import)",
                        "bin/cli.js -> lib/consts.js (import)",
                        "lib/index.js -> lib/util/index.js (import)",
                        "lib/index.js -> node_modules/semver/semver.js (import)",
                        "lib/util/index.js -> lib/consts.js (import)",
                        "web/app.ts -> lib/consts.js (import)",
                        "web/app.ts -> web/types.ts (import)",
                        "web/app.ts -> web/legacy.js (import)");
    }

    @Test
    void cIncludesLocalThenIncludeRoots() {
        assertThat(edges(
                f("include/geo/point.h", "#pragma once\ntypedef struct { int x, y; } point;\n"),
                f("src/vec.h", "#include \"geo/point.h\"\n#include <stdio.h>\n"),
                f("src/vec.c", "#include \"vec.h\"\n/* #include \"gone.h\" */\n#include <geo/point.h>\n"),
                f("tests/test_vec.cpp", "#include \"../src/vec.h\"\n#include <vector>\n")))
                .containsExactly(
                        "src/vec.c -> src/vec.h (include_local)",
                        "src/vec.c -> include/geo/point.h (include_system)",
                        "src/vec.h -> include/geo/point.h (include_local)",
                        "tests/test_vec.cpp -> src/vec.h (include_local)");
    }

    @Test
    void goModulePackagesSkipTests() {
        assertThat(edges(
                f("go.mod", "module example.com/shop\n\ngo 1.22\n"),
                f("cmd/shop/main.go", "package main\n\nimport (\n\t\"fmt\"\n\tc \"example.com/shop/internal/cart\"\n)\n"),
                f("internal/cart/cart.go", "package cart\n\nimport \"example.com/shop/internal/money\"\n"),
                f("internal/cart/cart_test.go", "package cart\n"),
                f("internal/cart/item.go", "package cart\n"),
                f("internal/money/money.go", "package money\n")))
                .containsExactly(
                        "cmd/shop/main.go -> internal/cart/cart.go (import)",
                        "cmd/shop/main.go -> internal/cart/item.go (import)",
                        "internal/cart/cart.go -> internal/money/money.go (import)");
    }

    @Test
    void rustModsAndUsePaths() {
        assertThat(edges(
                f("Cargo.toml", "[package]\nname = \"shop\"\n"),
                f("src/lib.rs", "pub mod cart;\nmod money;\nmod inline { }\nuse crate::cart::{Cart, item::Item};\n"),
                f("src/cart/mod.rs", "pub mod item;\nuse super::money::Money;\nuse std::fmt;\n"),
                f("src/cart/item.rs", "use crate::money;\nuse self::inner as _;\n"),
                f("src/money.rs", "pub struct Money;\n")))
                .containsExactly(
                        "src/cart/item.rs -> src/money.rs (use)",
                        "src/cart/mod.rs -> src/cart/item.rs (mod)",
                        "src/cart/mod.rs -> src/money.rs (use)",
                        "src/lib.rs -> src/cart/mod.rs (mod)",
                        "src/lib.rs -> src/money.rs (mod)",
                        "src/lib.rs -> src/cart/item.rs (use)");
    }

    @Test
    void csharpKotlinPhpRuby() {
        assertThat(edges(
                f("Shop/Models/Cart.cs", "namespace Shop.Models;\npublic class Cart { Item i; }\n"),
                f("Shop/Models/Item.cs", "namespace Shop.Models { public class Item {} }\n"),
                f("Shop/App/Program.cs", "using System;\nusing Shop.Models;\nusing static Shop.Models.Item;\n"
                        + "class Program { Cart c; }\n"),
                f("app/src/main/kotlin/shop/Main.kt", "package shop\nimport shop.model.Cart\nfun main() { Cart(); Util.x() }\n"),
                f("app/src/main/kotlin/shop/Util.kt", "package shop\nobject Util { fun x() = 1 }\n"),
                f("app/src/main/kotlin/shop/model/Cart.kt", "package shop.model\nclass Cart\n"),
                f("src/Shop/Cart.php", "<?php\nnamespace Shop;\nuse Shop\\Money\\Price;\nrequire_once __DIR__ . '/helpers.php';\n"),
                f("src/Shop/Money/Price.php", "<?php\nnamespace Shop\\Money;\nclass Price {}\n"),
                f("src/Shop/helpers.php", "<?php\nfunction h() {}\n"),
                f("lib/shop.rb", "require 'shop/cart'\nrequire_relative 'shop/version'\nrequire 'json'\n"),
                f("lib/shop/cart.rb", "class Cart; end\n"),
                f("lib/shop/version.rb", "VERSION = '1'\n")))
                .containsExactly(
                        "Shop/App/Program.cs -> Shop/Models/Cart.cs (using)",
                        "Shop/App/Program.cs -> Shop/Models/Item.cs (using)",
                        "Shop/Models/Cart.cs -> Shop/Models/Item.cs (same_package)",
                        "app/src/main/kotlin/shop/Main.kt -> app/src/main/kotlin/shop/model/Cart.kt (import)",
                        "app/src/main/kotlin/shop/Main.kt -> app/src/main/kotlin/shop/Util.kt (same_package)",
                        "lib/shop.rb -> lib/shop/cart.rb (require)",
                        "lib/shop.rb -> lib/shop/version.rb (require_relative)",
                        "src/Shop/Cart.php -> src/Shop/Money/Price.php (use)",
                        "src/Shop/Cart.php -> src/Shop/helpers.php (require_relative)");
    }

    @Test
    void rustUseTreesExpand() {
        assertThat(ImportExtractor.expandRustUse("crate::a::{b, c::{D, E as F}, self}"))
                .containsExactly("crate::a::b", "crate::a::c::D", "crate::a::c::E", "crate::a");
        assertThat(ImportExtractor.expandRustUse("super::x::*")).containsExactly("super::x");
    }
}
