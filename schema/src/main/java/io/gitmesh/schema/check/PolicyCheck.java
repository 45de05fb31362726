package io.gitmesh.schema.check;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicySet;
import java.util.List;

/**
 * A check contributed from outside the policy language, run on every revision after the built-in
 * rules — e.g. parsing EnvoyOverride values into the real Envoy protos, which only the xDS module
 * knows. An ERROR it returns makes the revision invalid, like any other.
 */
@FunctionalInterface
public interface PolicyCheck {
    List<Diagnostic> check(PolicySet policies);
}
