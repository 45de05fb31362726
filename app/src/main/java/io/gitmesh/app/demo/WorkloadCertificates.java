package io.gitmesh.app.demo;

import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.model.Identity;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A CA made for one demo run, and the certificates it issues: each workload gets its own SPIFFE
 * certificate ({@code spiffe://<trust domain>/ns/<namespace>/sa/<service account>}) as the three files
 * gRPC's {@code file_watcher} certificate provider reads ({@link WorkloadFiles}), in a folder of its own.
 */
final class WorkloadCertificates {
    private final BouncyCastleCertificateAuthority authority;
    private final Path directory;

    private WorkloadCertificates(BouncyCastleCertificateAuthority authority, Path directory) {
        this.authority = authority;
        this.directory = directory;
    }

    /** A new CA for {@code trustDomain}; certificates go below {@code directory}. */
    static WorkloadCertificates create(String trustDomain, Path directory) {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        return new WorkloadCertificates(BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, random).generate(CaSettings.of(trustDomain)), clock, random), directory);
    }

    /** Issues a certificate for {@code identity}; the folder holding its files. */
    Path issue(Identity identity) {
        Path files = directory.resolve(identity.namespace()).resolve(identity.serviceAccount());
        WorkloadFiles.write(files, authority.issueWithNewKey(LeafRequest.of(identity)), authority.trustBundle());
        return files;
    }
}
