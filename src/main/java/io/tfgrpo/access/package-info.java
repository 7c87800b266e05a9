/**
 * Access: API keys, scopes, request limits.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.tfgrpo.access;

import org.springframework.modulith.ApplicationModule;
