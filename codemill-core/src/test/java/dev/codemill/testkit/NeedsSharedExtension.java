package dev.codemill.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Disables a {@link NeedsShared} class or method where the shared folder is absent (reported as
 * skipped, with the reason), and fails it there instead when {@code codemill.requireShared=true}.
 */
public final class NeedsSharedExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NeedsShared> n = find(context.getElement());
        if (n.isEmpty() || SharedData.present() || Boolean.getBoolean(SharedData.REQUIRE)) {
            return ConditionEvaluationResult.enabled("shared folder present or required");
        }
        return ConditionEvaluationResult.disabled(SharedData.absentMessage(n.get().value()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        find(context.getElement()).ifPresent(n -> SharedData.require(n.value()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        find(context.getElement()).ifPresent(n -> SharedData.require(n.value()));
    }

    private static Optional<NeedsShared> find(Optional<AnnotatedElement> element) {
        return element.flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsShared.class));
    }
}
