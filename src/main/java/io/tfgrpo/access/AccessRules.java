package io.tfgrpo.access;

import jakarta.servlet.http.HttpServletRequest;

/** Which scope a request needs: one table, used to decide and to explain a 403. */
final class AccessRules {

    private AccessRules() {
    }

    /** The scope a path needs; null where any valid key will do. */
    static Scope required(HttpServletRequest request) {
        String path = path(request);
        if (path.startsWith("/api/keys") || path.startsWith("/actuator")) {
            return Scope.ADMIN;
        }
        if (path.equals("/api/inference") || path.startsWith("/v1/")) {
            return Scope.INFER;
        }
        if (path.startsWith("/api/")) {
            return Scope.TRAIN;
        }
        return null;
    }

    /** Inference requests, the ones a key's rate limit counts. */
    static boolean isInference(HttpServletRequest request) {
        String path = path(request);
        return "POST".equals(request.getMethod())
                && (path.equals("/api/inference") || path.equals("/v1/chat/completions"));
    }

    /** The OpenAI-compatible path, whose clients expect OpenAI's error shape. */
    static boolean isOpenAi(HttpServletRequest request) {
        return path(request).startsWith("/v1/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
