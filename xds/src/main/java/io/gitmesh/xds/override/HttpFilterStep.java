package io.gitmesh.xds.override;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a patch to HTTP filters: those of every HTTP connection manager in a listener's filter
 * chains, its default filter chain and its API listener (proxyless gRPC). An added filter goes just
 * before the router filter, which must stay last, or last when there is no router.
 */
final class HttpFilterStep {
    static final String ROUTER_NAME = "envoy.filters.http.router";
    static final String ROUTER_TYPE = "envoy.extensions.filters.http.router.v3.Router";

    private final PatchStep step;
    private final String listenerName;
    private boolean changed;

    private HttpFilterStep(PatchStep step, String listenerName) {
        this.step = step;
        this.listenerName = listenerName;
    }

    static Outcome apply(PatchStep step, LinkedHashMap<String, Message> listeners) {
        List<ResourceRef> changed = new ArrayList<>();
        for (Map.Entry<String, Message> entry : listeners.entrySet()) {
            if (!TargetMatcher.inParent(step.patch().target(), entry.getKey())) {
                continue;
            }
            HttpFilterStep edit = new HttpFilterStep(step, entry.getKey());
            try {
                Listener patched = edit.listener((Listener) entry.getValue());
                if (edit.changed) {
                    entry.setValue(patched);
                    changed.add(new ResourceRef(TargetType.LISTENER, entry.getKey()));
                }
            } catch (PatchFailure e) {
                return new Outcome.Failed(e.getMessage());
            }
        }
        return changed.isEmpty() ? new Outcome.NoMatch() : new Outcome.Changed(changed);
    }

    private Listener listener(Listener listener) throws PatchFailure {
        Listener.Builder builder = listener.toBuilder();
        for (int i = 0; i < builder.getFilterChainsCount(); i++) {
            builder.setFilterChains(i, chain(builder.getFilterChains(i)));
        }
        if (builder.hasDefaultFilterChain()) {
            builder.setDefaultFilterChain(chain(builder.getDefaultFilterChain()));
        }
        if (builder.hasApiListener() && builder.getApiListener().hasApiListener()) {
            builder.getApiListenerBuilder().setApiListener(typedConfig(builder.getApiListener().getApiListener()));
        }
        return builder.build();
    }

    private FilterChain chain(FilterChain chain) throws PatchFailure {
        FilterChain.Builder builder = chain.toBuilder();
        for (int i = 0; i < builder.getFiltersCount(); i++) {
            Filter filter = builder.getFilters(i);
            if (filter.hasTypedConfig()) {
                builder.setFilters(i, filter.toBuilder().setTypedConfig(typedConfig(filter.getTypedConfig())));
            }
        }
        return builder.build();
    }

    /** A network filter's config: an HTTP connection manager gets the patch, any other is left alone. */
    private Any typedConfig(Any config) throws PatchFailure {
        if (!config.is(HttpConnectionManager.class)) {
            return config;
        }
        HttpConnectionManager manager;
        try {
            manager = config.unpack(HttpConnectionManager.class);
        } catch (InvalidProtocolBufferException e) {
            throw new PatchFailure("Listener \"" + listenerName + "\" holds an HTTP connection manager that cannot be"
                    + " read: " + e.getMessage());
        }
        List<HttpFilter> filters = new ArrayList<>(manager.getHttpFiltersList());
        if (step.patch().operation() == PatchOperation.ADD) {
            HttpFilter added = (HttpFilter) step.value();
            if (filters.stream().anyMatch(f -> f.getName().equals(added.getName()))) {
                throw new PatchFailure("Listener \"" + listenerName + "\" already has an HTTP filter named \""
                        + added.getName() + "\"; to change it, merge or replace it");
            }
            filters.add(routerIndex(filters), added);
        } else if (!step.patchEach(filters, HttpFilter::getName)) {
            return config;
        }
        changed = true;
        HttpConnectionManager patched = manager.toBuilder().clearHttpFilters().addAllHttpFilters(filters).build();
        return Any.newBuilder().setTypeUrl(config.getTypeUrl()).setValue(patched.toByteString()).build();
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

    /** A patch that cannot be applied to this listener (internal: becomes an {@link Outcome.Failed}). */
    private static final class PatchFailure extends Exception {
        private static final long serialVersionUID = 1L;

        PatchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
