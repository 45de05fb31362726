package io.gitmesh.injector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;

/**
 * Injection is pure (DESIGN.md §4, STYLE.md): mutation, manifests and bootstraps take values and return
 * values; only the webhook adapter does I/O. Nothing here talks to the API server.
 */
@AnalyzeClasses(packages = "io.gitmesh.injector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PURE = {"io.gitmesh.injector.mutate..", "io.gitmesh.injector.manifest..",
        "io.gitmesh.injector.bootstrap.."};

    @ArchTest
    static final ArchRule pureCodeDoesNoIo = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..",
                    "com.sun.net.httpserver..", "javax.net..", "io.gitmesh.injector.webhook..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class)
            .because("the webhook adapter does the I/O; mutation is computed, then acted on");

    @ArchTest
    static final ArchRule pureCodeHasNoClockThreadsOrRandomness = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, Thread.class, java.util.Random.class,
                    java.security.SecureRandom.class, java.util.UUID.class, java.security.KeyPairGenerator.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(Instant.class, "now")
            .because("the same pod and settings always give the same injected pod, and no key is generated");

    @ArchTest
    static final ArchRule noKubernetesClient = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.fabric8.kubernetes.client..")
            .because("the injector uses fabric8's model only; the Secret controller owns the API calls");
}
