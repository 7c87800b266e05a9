/**
 * Inference: a library version applied to a request; the native and the OpenAI-compatible endpoints.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "library", "llm", "shared" })
package io.tfgrpo.inference;

import org.springframework.modulith.ApplicationModule;
