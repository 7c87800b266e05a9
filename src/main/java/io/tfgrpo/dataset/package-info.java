/**
 * Datasets: upload, validation and storage of datasets and their items; the train/validation split.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.tfgrpo.dataset;

import org.springframework.modulith.ApplicationModule;
