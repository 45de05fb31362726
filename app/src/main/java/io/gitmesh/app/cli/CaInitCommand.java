package io.gitmesh.app.cli;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.schema.policy.MeshConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitmesh ca init}: create a CA in a directory, once. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a CA directory: a root (and an intermediate) with their keys, keys mode 0600.",
            "An existing CA is never replaced. Exit codes: 0 created, 2 usage or I/O error."})
final class CaInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to create the CA in.")
    Path dir;

    @Option(names = "--trust-domain", paramLabel = "D", defaultValue = MeshConfig.DEFAULT_TRUST_DOMAIN,
            description = "SPIFFE trust domain (default: ${DEFAULT-VALUE}).")
    String trustDomain;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256", converter = KeyTypeConverter.class,
            description = "Root key: ec-p256, rsa-2048 or rsa-3072 (default: ${DEFAULT-VALUE}). An RSA root gets an"
                    + " ECDSA P-256 intermediate, which signs the leaves.")
    KeyType keyType;

    @Option(names = "--intermediate", description = "Let an ECDSA P-256 intermediate sign the leaves.")
    boolean intermediate;

    @Override
    public Integer call() {
        CaSettings settings;
        try {
            settings = CaSettings.of(trustDomain).withRootKeyType(keyType).withIntermediate(intermediate);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        CaMaterial material = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom()).generate(settings);
        try {
            if (!new FileCaStore(dir).createIfAbsent(material)) {
                throw new UserError(dir + " already holds a CA; gitmesh ca init never replaces one: use another"
                        + " directory, or remove this one to start over");
            }
        } catch (CaStoreException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("created a CA in " + dir + " for trust domain " + material.trustDomain());
        describe(out, "root", material.root());
        material.intermediate().ifPresentOrElse(i -> describe(out, "intermediate", i),
                () -> out.println("  the root signs the leaves (no intermediate)"));
        out.flush();
        return 0;
    }

    private static void describe(PrintWriter out, String role, CaCredential credential) {
        X509Certificate certificate = credential.certificate();
        out.println("  " + role + ": " + certificate.getSubjectX500Principal().getName() + " ("
                + credential.key().getAlgorithm() + "), valid until " + certificate.getNotAfter().toInstant());
        out.println("  " + role + " fingerprint: " + credential.fingerprint());
    }

    /** Reads the key type names of {@link KeyType#label()}. */
    static final class KeyTypeConverter implements CommandLine.ITypeConverter<KeyType> {
        @Override
        public KeyType convert(String value) {
            return KeyType.ofLabel(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "\"" + value + "\" is not a key type: use ec-p256, rsa-2048 or rsa-3072"));
        }
    }
}
