package io.gitmesh.app.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one ServiceAccount may do under a set of RBAC objects (Roles, ClusterRoles and their bindings), as
 * single {@link RbacGrant grants}; and the check of recorded API calls against it: each call must be
 * allowed, and each grant should be used by some call.
 */
final class RbacPolicy {
    private final List<RbacGrant> grants;

    private RbacPolicy(List<RbacGrant> grants) {
        this.grants = List.copyOf(new TreeSet<>(grants));
    }

    /** The grants of ServiceAccount {@code namespace/name} in {@code objects} (other kinds are ignored). */
    static RbacPolicy forServiceAccount(Collection<? extends HasMetadata> objects, String namespace, String name) {
        Map<String, ClusterRole> clusterRoles = byName(objects, ClusterRole.class, o -> o.getMetadata().getName());
        Map<String, Role> roles = byName(objects, Role.class,
                o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
        List<RbacGrant> grants = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding && names(binding.getSubjects(), namespace, name)) {
                ClusterRole role = required(clusterRoles.get(binding.getRoleRef().getName()), binding.getRoleRef());
                grants.addAll(expand(role.getRules(), "ClusterRole/" + role.getMetadata().getName()
                        + " via ClusterRoleBinding/" + binding.getMetadata().getName(), ""));
            } else if (object instanceof RoleBinding binding && names(binding.getSubjects(), namespace, name)) {
                RoleRef ref = binding.getRoleRef();
                String where = binding.getMetadata().getNamespace();
                List<PolicyRule> rules = ref.getKind().equals("ClusterRole")
                        ? required(clusterRoles.get(ref.getName()), ref).getRules()
                        : required(roles.get(where + "/" + ref.getName()), ref).getRules();
                grants.addAll(expand(rules, ref.getKind() + "/" + ref.getName() + " via RoleBinding/" + where + "/"
                        + binding.getMetadata().getName(), where));
            }
        }
        return new RbacPolicy(grants);
    }

    List<RbacGrant> grants() {
        return grants;
    }

    /** The calls no grant allows, in the order given. */
    List<KubeApiCall> denied(Collection<KubeApiCall> calls) {
        return calls.stream().filter(c -> grants.stream().noneMatch(g -> g.allows(c))).toList();
    }

    /**
     * The grants that none of {@code calls} needed, sorted. A call needs the narrowest grants that allow it
     * (see {@link RbacGrant#narrowness()}): the CA store's read of its own Secret uses the Role's grant on
     * that name, not a cluster-wide grant on every Secret that happens to allow it too, so a broad grant
     * that only ever stands in for narrow ones shows as unused.
     */
    List<RbacGrant> unused(Collection<KubeApiCall> calls) {
        Set<RbacGrant> used = new HashSet<>();
        for (KubeApiCall call : calls) {
            List<RbacGrant> allowing = grants.stream().filter(g -> g.allows(call)).toList();
            int narrowest = allowing.stream().mapToInt(RbacGrant::narrowness).max().orElse(0);
            allowing.stream().filter(g -> g.narrowness() == narrowest).forEach(used::add);
        }
        return grants.stream().filter(g -> !used.contains(g)).toList();
    }

    private static List<RbacGrant> expand(List<PolicyRule> rules, String source, String namespace) {
        List<RbacGrant> out = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        out.add(new RbacGrant(source, verb, group, resource,
                                Optional.ofNullable(rule.getResourceNames()).map(Set::copyOf).orElse(Set.of()),
                                namespace));
                    }
                }
            }
        }
        return out;
    }

    private static boolean names(List<Subject> subjects, String namespace, String name) {
        return subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(name)
                && Objects.equals(s.getNamespace(), namespace));
    }

    private static <T> T required(T role, RoleRef ref) {
        if (role == null) {
            throw new IllegalStateException("a binding names " + ref.getKind() + " " + ref.getName()
                    + ", which is not among the objects");
        }
        return role;
    }

    private static <T extends HasMetadata> Map<String, T> byName(Collection<? extends HasMetadata> objects,
            Class<T> type, Function<T, String> key) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(key, Function.identity()));
    }
}
