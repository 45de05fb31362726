package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.gitmesh.schema.policy.EnvoyPatch;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Applies one patch to a workload's resources: to listeners, clusters and route configurations
 * directly, to the virtual hosts inside route configurations (served over RDS, or inline in a
 * listener's HTTP connection manager), and (through {@link HttpFilterStep}) to the HTTP filters inside
 * listeners. A merged object gets the patch merged in ({@link ProtoMerge}); a replaced one becomes the
 * value under its own name, in its own place; an added one goes last.
 */
final class PatchStep {
    private final ValidPatch patch;
    private final TargetMatcher matcher;

    private PatchStep(ValidPatch patch, TargetMatcher matcher) {
        this.patch = patch;
        this.matcher = matcher;
    }

    static Outcome apply(ValidPatch patch, ResourceSet resources, TargetMatcher matcher) {
        PatchStep step = new PatchStep(patch, matcher);
        return switch (patch.patch().target().type()) {
            case LISTENER, CLUSTER, ROUTE_CONFIGURATION -> step.resources(resources);
            case VIRTUAL_HOST -> step.virtualHosts(resources);
            case HTTP_FILTER -> HttpFilterStep.apply(step, resources.of(TargetType.LISTENER));
        };
    }

    EnvoyPatch patch() {
        return patch.patch();
    }

    private Outcome resources(ResourceSet set) {
        TargetType type = patch().target().type();
        LinkedHashMap<String, Message> resources = set.of(type);
        if (patch().operation() == PatchOperation.ADD) {
            String name = nameOf(value());
            if (resources.containsKey(name)) {
                return new Outcome.Failed(new ResourceRef(type, name).describe() + " already exists in this workload's"
                        + " config; to change it, merge or replace it");
            }
            resources.put(name, value());
            return new Outcome.Changed(List.of(new ResourceRef(type, name)));
        }
        List<String> picked = resources.entrySet().stream()
                .filter(e -> matcher.picks(patch().target(), e.getKey(), e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (picked.isEmpty()) {
            return new Outcome.NoMatch();
        }
        List<ResourceRef> changed = new ArrayList<>();
        for (String name : picked) {
            if (patch().operation() == PatchOperation.REMOVE) {
                resources.remove(name);
            } else {
                resources.put(name, changed(resources.get(name)));
                changed.add(new ResourceRef(type, name));
            }
        }
        return new Outcome.Changed(changed);
    }

    /** Virtual hosts: of route configurations served over RDS, and of those inline in a listener (gRPC servers). */
    private Outcome virtualHosts(ResourceSet resources) {
        List<ResourceRef> changed = new ArrayList<>();
        try {
            for (Map.Entry<String, Message> entry : resources.of(TargetType.ROUTE_CONFIGURATION).entrySet()) {
                Optional<RouteConfiguration> patched = hosts((RouteConfiguration) entry.getValue());
                if (patched.isPresent()) {
                    entry.setValue(patched.get());
                    changed.add(new ResourceRef(TargetType.ROUTE_CONFIGURATION, entry.getKey()));
                }
            }
            for (Map.Entry<String, Message> entry : resources.of(TargetType.LISTENER).entrySet()) {
                Optional<Listener> patched = ConnectionManagers.edit((Listener) entry.getValue(), this::inlineHosts);
                if (patched.isPresent()) {
                    entry.setValue(patched.get());
                    changed.add(new ResourceRef(TargetType.LISTENER, entry.getKey()));
                }
            }
        } catch (PatchFailure e) {
            return new Outcome.Failed(e.getMessage());
        }
        return changed.isEmpty() ? new Outcome.NoMatch() : new Outcome.Changed(changed);
    }

    private HttpConnectionManager inlineHosts(HttpConnectionManager manager) throws PatchFailure {
        if (!manager.hasRouteConfig()) {
            return manager;
        }
        return hosts(manager.getRouteConfig()).map(routes -> manager.toBuilder().setRouteConfig(routes).build())
                .orElse(manager);
    }

    /** The route configuration with its virtual hosts patched; empty when it is out of scope or unchanged. */
    private Optional<RouteConfiguration> hosts(RouteConfiguration routes) throws PatchFailure {
        if (!TargetMatcher.inParent(patch().target(), routes.getName())) {
            return Optional.empty();
        }
        List<VirtualHost> hosts = new ArrayList<>(routes.getVirtualHostsList());
        if (patch().operation() == PatchOperation.ADD) {
            VirtualHost added = (VirtualHost) value();
            if (hosts.stream().anyMatch(h -> h.getName().equals(added.getName()))) {
                throw new PatchFailure("RouteConfiguration \"" + routes.getName() + "\" already has a VirtualHost named"
                        + " \"" + added.getName() + "\"; to change it, merge or replace it");
            }
            hosts.add(added);
        } else if (!patchEach(hosts, VirtualHost::getName)) {
            return Optional.empty();
        }
        return Optional.of(routes.toBuilder().clearVirtualHosts().addAllVirtualHosts(hosts).build());
    }

    /**
     * Merges, replaces or removes every object of the list the target picks, in place; whether any was
     * picked.
     */
    <T extends Message> boolean patchEach(List<T> objects, Function<T, String> name) {
        boolean picked = false;
        for (int i = objects.size() - 1; i >= 0; i--) {
            T object = objects.get(i);
            if (!matcher.picks(patch().target(), name.apply(object), object)) {
                continue;
            }
            picked = true;
            if (patch().operation() == PatchOperation.REMOVE) {
                objects.remove(i);
            } else {
                @SuppressWarnings("unchecked") // merged and replaced objects keep the type of the target
                T changed = (T) changed(object);
                objects.set(i, changed);
            }
        }
        return picked;
    }

    /** A picked object after a merge or a replace. */
    private Message changed(Message object) {
        return switch (patch().operation()) {
            case MERGE -> ProtoMerge.merge(object, value(), written());
            case REPLACE -> value().toBuilder().setField(EnvoyTypes.nameField(object.getDescriptorForType()),
                    nameOf(object)).build();
            case ADD, REMOVE -> throw new IllegalStateException(patch().operation().word()
                    + " changes no picked object");
        };
    }

    Message value() {
        return patch.value().orElseThrow(() -> new IllegalStateException(patch().operation().word() + " has no value"));
    }

    private JsonNode written() {
        return patch().value().orElse(MissingNode.getInstance());
    }

    static String nameOf(Message object) {
        return (String) object.getField(EnvoyTypes.nameField(object.getDescriptorForType()));
    }
}
