package dev.codemill.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs {@link SharedData#require(String)} before a {@link NeedsShared} class or method. */
public final class NeedsSharedExtension implements BeforeAllCallback, BeforeEachCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        check(context.getElement());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        check(context.getElement());
    }

    private static void check(Optional<AnnotatedElement> element) {
        element.flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsShared.class))
                .ifPresent(n -> SharedData.require(n.value()));
    }
}
