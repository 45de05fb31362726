package io.gitmesh.reconciler.mirror;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitmesh.reconciler.ShopFixtures;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small valid policy repository, revisions of it, and the SMI CRDs from shared/smi/crds. */
final class MirrorFixtures {
    /** The shop's cluster ({@link ShopFixtures#CLUSTER}) with the versions web-v1 and web-v2 the split sends to. */
    static final String CLUSTER = ShopFixtures.CLUSTER + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-v1, namespace: shop}
            spec:
              selector: {app: web, version: v1}
              ports: [{name: http, port: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-v2, namespace: shop}
            spec:
              selector: {app: web, version: v2}
              ports: [{name: http, port: 8080}]
            """;
    static final String ROUTES = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata:
              name: routes
              namespace: shop
              labels: {team: shop}
            spec:
              matches:
              - name: read
                pathRegex: /items
                methods: [GET]
            """;
    static final String TARGET = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: web, namespace: shop}
              sources: [{kind: ServiceAccount, name: client, namespace: shop}]
              rules: [{kind: HTTPRouteGroup, name: routes, matches: [read]}]
            """;
    static final String SPLIT = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web, namespace: shop}
            spec:
              service: web
              backends:
              - {service: web-v1, weight: 90}
              - {service: web-v2, weight: 10}
            """;
    static final String MESH_CONFIG = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {}
            """;

    private MirrorFixtures() {
    }

    /** The repository with every policy file, to be changed with {@link Repo#with}. */
    static Repo repo() {
        return new Repo(new TreeMap<>(Map.of("cluster.yaml", CLUSTER, "policy/routes.yaml", ROUTES,
                "policy/target.yaml", TARGET, "policy/split.yaml", SPLIT)));
    }

    static String commit(char digit) {
        return String.valueOf(digit).repeat(40);
    }

    /** The files a revision is made of. */
    record Repo(TreeMap<String, String> byPath) {
        Repo with(String path, String text) {
            TreeMap<String, String> copy = new TreeMap<>(byPath);
            copy.put(path, text);
            return new Repo(copy);
        }

        Repo without(String path) {
            TreeMap<String, String> copy = new TreeMap<>(byPath);
            copy.remove(path);
            return new Repo(copy);
        }

        /** Compiles the files as commit {@code digit}×40; fails the test when the revision has errors. */
        AppliedSources applied(char digit) {
            List<SourceFile> sources = new ArrayList<>();
            byPath.forEach((path, text) -> sources.add(new SourceFile(path, text.getBytes(UTF_8))));
            SourceFiles files = new SourceFiles(sources, List.of());
            CompiledRevision compiled = new RevisionCompiler(Limits.DEFAULT).compile(files,
                    new SourceFiles(List.of(), List.of()));
            if (!compiled.valid()) {
                throw new AssertionError("fixture revision has errors: " + compiled.diagnostics());
            }
            Commit commit = new Commit(new CommitId(commit(digit)), "A U Thor <a@example.com>",
                    Instant.parse("2026-01-01T00:00:00Z"), "revision " + digit);
            return new AppliedSources(new AppliedRevision(commit, compiled.mesh().orElseThrow(), compiled), files);
        }
    }

    /** Creates the SMI CRDs shipped in shared/smi/crds, which teaches the mock server their plurals. */
    static void createCrds(KubernetesClient client) {
        Path crds = Path.of(System.getProperty("gitmesh.shared"), "smi", "crds");
        for (String file : List.of("access.yaml", "httproutegroup.yaml", "split.yaml", "tcproute.yaml",
                "udproute.yaml")) {
            try (InputStream in = Files.newInputStream(crds.resolve(file))) {
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
