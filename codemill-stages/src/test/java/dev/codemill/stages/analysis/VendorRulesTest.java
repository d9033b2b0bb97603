package dev.codemill.stages.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VendorRulesTest {
    private final VendorRules rules = VendorRules.builtIn();

    private String id(String path) {
        return rules.find(path).map(VendorRules.Rule::id).orElse("none");
    }

    /** One path per rule: the rule that must decide it (the first match in file order). */
    private static Map<String, String> examples() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node_modules", "web/node_modules/left-pad/index.js");
        m.put("bower_components", "bower_components/angular/angular.js");
        m.put("jspm_packages", "jspm_packages/npm/lodash@4.17.21/lodash.js");
        m.put("yarn_releases", ".yarn/releases/yarn-3.6.1.cjs");
        m.put("vendor", "vendor/github.com/pkg/errors/errors.go");
        m.put("_vendor", "src/pip/_vendor/six.py");
        m.put("third_party", "third_party/abseil-cpp/absl/strings/str_cat.cc");
        m.put("extern", "extern/glfw/src/window.c");
        m.put("deps", "deps/uv/src/unix/core.c");
        m.put("dependencies", "Dependencies/zlib/inflate.c");
        m.put("godeps_workspace", "Godeps/_workspace/src/github.com/x/y.go");
        m.put("pods", "ios/Pods/Alamofire/Source/Session.swift");
        m.put("carthage", "Carthage/Checkouts/Result/Result.swift");
        m.put("nuget_packages", "packages/Newtonsoft.Json.13.0.1/lib/x.cs");
        m.put("site_packages", "venv/lib/python3.11/site-packages/requests/api.py");
        m.put("elm_stuff", "elm-stuff/packages/elm/core/Basics.elm");
        m.put("flow_typed", "flow-typed/npm/lodash_v4.x.x.js");
        m.put("sparkle", "macos/Sparkle/SUUpdater.m");
        m.put("sdk_framework", "Frameworks/Crashlytics.framework/Headers/Crashlytics.h");
        m.put("minified", "static/app.min.js");
        m.put("jquery", "static/js/jquery.js");
        m.put("jquery_version", "static/js/jquery-3.7.1.js");
        m.put("jquery_ui", "static/jquery-ui-1.13.2.css");
        m.put("jquery_plugin", "static/jquery.dataTables.css");
        m.put("bootstrap", "static/css/bootstrap.css");
        m.put("font_awesome", "static/css/font-awesome.css");
        m.put("css_frameworks", "static/css/normalize.css");
        m.put("bourbon", "sass/bourbon/_bourbon.scss");
        m.put("select2", "static/select2/select2.css");
        m.put("angular", "static/angular-route.js");
        m.put("react", "static/react-dom.js");
        m.put("d3", "static/d3.v7.js");
        m.put("prototype", "public/prototype.js");
        m.put("mootools", "js/mootools-core-1.6.0.js");
        m.put("dojo", "js/dojo.js");
        m.put("mochikit", "js/MochiKit.js");
        m.put("yui", "js/yui-core.js");
        m.put("ckeditor", "editor/ckeditor.js");
        m.put("tinymce", "editor/tiny_mce/plugins/table/x.js");
        m.put("ace", "ace-builds/src/ace.js");
        m.put("mathjax", "MathJax/jax/output/x.js");
        m.put("chartjs", "js/Chart.js");
        m.put("codemirror", "codemirror/lib/codemirror.js");
        m.put("syntaxhighlighter", "js/shCore.js");
        m.put("modernizr", "js/modernizr-2.8.3.js");
        m.put("knockout", "js/knockout-3.5.1.js");
        m.put("html5shiv", "js/html5shiv.js");
        m.put("cordova", "www/cordova.js");
        m.put("foundation_js", "js/foundation.js");
        m.put("extjs", "extjs/src/Ext.js");
        m.put("pdfjs_worker", "viewer/pdf.worker.js");
        m.put("ms_ajax", "Scripts/MicrosoftAjax.js");
        m.put("jquery_validate", "Scripts/jquery.validate.unobtrusive.js");
        m.put("vsdoc", "Scripts/app-vsdoc.js");
        m.put("gradle_wrapper", "gradlew");
        m.put("maven_wrapper", ".mvn/wrapper/maven-wrapper.properties");
        m.put("autotools", "configure");
        m.put("autotools_m4", "m4/libtool.m4");
        m.put("cpplint", "tools/cpplint.py");
        m.put("waf", "waf");
        m.put("erlang_mk", "erlang.mk");
        m.put("dotnet_install", "eng/dotnet-install.sh");
        return m;
    }

    @Test
    void everyRuleDecidesItsExample() {
        Map<String, String> ex = examples();
        assertThat(rules.rules().stream().map(VendorRules.Rule::id).collect(Collectors.toList()))
                .as("one example per rule of the data file").containsExactlyElementsOf(ex.keySet());
        for (Map.Entry<String, String> e : ex.entrySet()) {
            assertThat(id(e.getValue())).as(e.getValue()).isEqualTo(e.getKey());
        }
    }

    @Test
    void vendoredFoldersAtAnyDepthAndSpellings() {
        assertThat(id("vendor/a.go")).isEqualTo("vendor");
        assertThat(id("php/vendors/x.php")).isEqualTo("vendor");
        assertThat(id("Vendor/x.m")).isEqualTo("vendor");
        assertThat(id("src/third-party/x.c")).isEqualTo("third_party");
        assertThat(id("src/3rdparty/x.c")).isEqualTo("third_party");
        assertThat(id("ThirdParty/x.cpp")).isEqualTo("third_party");
        assertThat(id("external/x.c")).isEqualTo("extern");
        assertThat(id("Externals/x.c")).isEqualTo("extern");
        assertThat(id("lib/jquery-ui.min.js")).isEqualTo("minified");
        assertThat(id("static/vendor-bundle.min.css")).isEqualTo("minified");
    }

    @Test
    void ownCodeIsNotVendored() {
        for (String p : List.of("src/main.go", "src/vendoring/plan.py", "adventure/game.py", "myvendor/x.go",
                "src/deps/resolve.c", "docs/external-links.md", "src/externals.c", "lib/minify.js", "app/min/x.js",
                "src/pods.swift", "scripts/configure.py", "src/reactor.js", "tools/build.py", "third_party.md",
                "src/node_modules.txt", "go.mod", "README.md", ".github/workflows/ci.yml", "types/index.d.ts")) {
            assertThat(id(p)).as(p).isEqualTo("none");
        }
    }
}
