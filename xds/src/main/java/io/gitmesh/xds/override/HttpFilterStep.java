package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a patch to the HTTP filters of every HTTP connection manager of the listeners in scope
 * ({@link ConnectionManagers}). An added filter goes just before the router filter, which must stay
 * last, or last when there is no router.
 */
final class HttpFilterStep {
    private static final String ROUTER_NAME = "envoy.filters.http.router";
    private static final String ROUTER_TYPE = "envoy.extensions.filters.http.router.v3.Router";

    private HttpFilterStep() {
    }

    static Outcome apply(PatchStep step, LinkedHashMap<String, Message> listeners) {
        List<ResourceRef> changed = new ArrayList<>();
        for (Map.Entry<String, Message> entry : listeners.entrySet()) {
            if (!TargetMatcher.inParent(step.patch().target(), entry.getKey())) {
                continue;
            }
            try {
                Optional<Listener> patched = ConnectionManagers.edit((Listener) entry.getValue(),
                        manager -> filters(step, entry.getKey(), manager));
                if (patched.isPresent()) {
                    entry.setValue(patched.get());
                    changed.add(new ResourceRef(TargetType.LISTENER, entry.getKey()));
                }
            } catch (PatchFailure e) {
                return new Outcome.Failed(e.getMessage());
            }
        }
        return changed.isEmpty() ? new Outcome.NoMatch() : new Outcome.Changed(changed);
    }

    private static HttpConnectionManager filters(PatchStep step, String listenerName, HttpConnectionManager manager)
            throws PatchFailure {
        List<HttpFilter> filters = new ArrayList<>(manager.getHttpFiltersList());
        if (step.patch().operation() == PatchOperation.ADD) {
            HttpFilter added = (HttpFilter) step.value();
            if (filters.stream().anyMatch(f -> f.getName().equals(added.getName()))) {
                throw new PatchFailure("Listener \"" + listenerName + "\" already has an HTTP filter named \""
                        + added.getName() + "\"; to change it, merge or replace it");
            }
            filters.add(routerIndex(filters), added);
        } else if (!step.patchEach(filters, HttpFilter::getName)) {
            return manager;
        }
        return manager.toBuilder().clearHttpFilters().addAllHttpFilters(filters).build();
    }

    /** Where an added filter goes: before the first router filter, or at the end. */
    private static int routerIndex(List<HttpFilter> filters) {
        for (int i = 0; i < filters.size(); i++) {
            HttpFilter filter = filters.get(i);
            if (filter.getName().equals(ROUTER_NAME)
                    || EnvoyTypes.fullName(filter.getTypedConfig().getTypeUrl()).equals(ROUTER_TYPE)) {
                return i;
            }
        }
        return filters.size();
    }
}
