package io.tfgrpo.runs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Training jobs and evaluations run on one kernel: neither has its own thread pool, call slots or engine task, so
 * a fix to how runs fan out, queue for a model or are scheduled lands once.
 */
class RunKernelTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tfgrpo");

    @Test
    void runsFanOutAndQueueForModelsOnlyThroughTheKernel() {
        noClasses().that().resideInAnyPackage("io.tfgrpo.training..", "io.tfgrpo.evaluation..").should()
                .dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors").orShould()
                .dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Semaphore").orShould()
                .dependOnClassesThat().haveFullyQualifiedName("com.github.kagkarlsson.scheduler.task.helper.Tasks")
                .because("the run kernel (io.tfgrpo.runs) fans out, bounds calls per profile and builds engine tasks")
                .check(CLASSES);
    }
}
