/**
 * Libraries: immutable versions, experiences with provenance, diff, promote and roll back, export and import.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.tfgrpo.library;

import org.springframework.modulith.ApplicationModule;
