package io.tfgrpo.shared;

import java.lang.reflect.Method;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.models.Operation;

/**
 * Documents the problems that belong to an operation's handler: those its {@link Problems} names, and the 429 of a
 * progress stream (the caps of {@link ProgressStreams}). Only in a web application: the benchmarks run the service
 * without a web server, and have no handler mappings to document.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProblemOperations implements OperationCustomizer {

    private final RequestMappingHandlerMapping mappings;
    private final StreamSettings streams;

    ProblemOperations(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            StreamSettings streams) {
        this.mappings = mappings;
        this.streams = streams;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String path = pathOf(handler.getMethod());
        Problems problems = handler.getMethodAnnotation(Problems.class);
        if (problems != null) {
            for (Class<? extends ApiProblem> type : problems.value()) {
                ErrorResponses.add(path, operation, null, ErrorResponses.problem(example(type)));
            }
        }
        if (SseEmitter.class.isAssignableFrom(handler.getMethod().getReturnType())) {
            ErrorResponses.add(path, operation, "Too many progress streams open; retry after `Retry-After` seconds",
                    ErrorResponses.problem(TooManyStreams.perKey(streams.maxPerKey())));
        }
        return operation;
    }

    private String pathOf(Method method) {
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> entry.getValue().getMethod().equals(method)).map(java.util.Map.Entry::getKey)
                .map(RequestMappingInfo::getPatternValues).flatMap(java.util.Set::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("No mapping for " + method));
    }

    private static ApiProblem example(Class<? extends ApiProblem> type) {
        try {
            Method factory = type.getDeclaredMethod("example");
            factory.setAccessible(true);
            return (ApiProblem) factory.invoke(null);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " needs a static example() to be documented", e);
        }
    }
}
