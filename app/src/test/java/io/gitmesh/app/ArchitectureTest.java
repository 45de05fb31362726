package io.gitmesh.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The shape of the code (DESIGN.md §2, STYLE.md): dependencies point down the module list, and the
 * pure modules take values and return values — no files, sockets, clocks, threads or randomness.
 */
@AnalyzeClasses(packages = "io.gitmesh", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PURE = {"io.gitmesh.schema..", "io.gitmesh.model.."};

    @ArchTest
    static final ArchRule pureModulesDoNoIo = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..",
                    "io.grpc..", "io.fabric8..", "org.eclipse.jgit..", "io.envoyproxy..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, java.io.FileReader.class, java.io.FileWriter.class,
                    java.io.RandomAccessFile.class)
            .because("schema and model are pure: adapters read files and talk to the network");

    @ArchTest
    static final ArchRule pureModulesHaveNoClockThreadsOrRandomness = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, Thread.class, java.util.Random.class,
                    java.security.SecureRandom.class, java.util.concurrent.ThreadLocalRandom.class,
                    java.util.concurrent.ExecutorService.class, java.util.concurrent.Executors.class,
                    java.util.concurrent.CompletableFuture.class, java.util.concurrent.ForkJoinPool.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .because("time, threads and randomness are passed in, so the same input always gives the same output");

    @ArchTest
    static final ArchRule schemaDependsOnNoOtherModule = noClasses().that().resideInAPackage("io.gitmesh.schema..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gitmesh.model..", "io.gitmesh.reconciler..",
                    "io.gitmesh.app..");

    @ArchTest
    static final ArchRule modelDependsOnlyOnSchema = noClasses().that().resideInAPackage("io.gitmesh.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.gitmesh.reconciler..", "io.gitmesh.app..");

    @ArchTest
    static final ArchRule nothingDependsOnApp = noClasses().that().resideOutsideOfPackage("io.gitmesh.app..")
            .should().dependOnClassesThat().resideInAPackage("io.gitmesh.app..");
}
