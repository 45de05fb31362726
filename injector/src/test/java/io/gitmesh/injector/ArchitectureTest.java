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
 * values; only the adapters do I/O — the webhook server, and the two that talk to the API server (the
 * per-pod Secret controller, the CA bundle publisher).
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
    static final ArchRule onlyTheAdaptersUseTheKubernetesClient = noClasses()
            .that().resideOutsideOfPackage("io.gitmesh.injector.secrets..")
            .and().doNotHaveFullyQualifiedName("io.gitmesh.injector.webhook.KubernetesCaBundlePublisher")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..")
            .because("injection uses fabric8's model only; the Secret controller and the CA bundle publisher are"
                    + " the adapters that call the API server");

    @ArchTest
    static final ArchRule secretDecisionsArePure = noClasses()
            .that().haveFullyQualifiedName("io.gitmesh.injector.secrets.SecretDecision")
            .or().haveFullyQualifiedName("io.gitmesh.injector.secrets.BootstrapSecrets")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..")
            .orShould().dependOnClassesThat().belongToAnyOf(Clock.class, Thread.class)
            .orShould().callMethod(Instant.class, "now")
            .because("what to do with a pod's Secret is decided from values; the controller acts on it");
}
