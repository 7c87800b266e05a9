package io.tfgrpo;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTest {

    @Test
    void modulesOnlyUseEachOthersPublicFaces() {
        ApplicationModules.of(TrainingFreeGrpoApplication.class).verify();
    }
}
