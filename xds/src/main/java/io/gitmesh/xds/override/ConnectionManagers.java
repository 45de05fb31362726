package io.gitmesh.xds.override;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP connection managers of a listener: in its filter chains, its default filter chain and its
 * API listener (proxyless gRPC clients). They hold the HTTP filters, and for gRPC server listeners
 * the route configuration, inline.
 */
final class ConnectionManagers {
    private ConnectionManagers() {
    }

    /** A change to one connection manager: the same instance when nothing changes. */
    @FunctionalInterface
    interface Edit {
        HttpConnectionManager apply(HttpConnectionManager manager) throws PatchFailure;
    }

    /** Every connection manager of the listener, in order. */
    static List<HttpConnectionManager> of(Listener listener) throws PatchFailure {
        List<HttpConnectionManager> managers = new ArrayList<>();
        edit(listener, manager -> {
            managers.add(manager);
            return manager;
        });
        return managers;
    }

    /** The listener with {@code edit} applied to each of its connection managers; empty when none changed. */
    static Optional<Listener> edit(Listener listener, Edit edit) throws PatchFailure {
        Editing editing = new Editing(listener.getName(), edit);
        Listener.Builder builder = listener.toBuilder();
        for (int i = 0; i < builder.getFilterChainsCount(); i++) {
            builder.setFilterChains(i, editing.chain(builder.getFilterChains(i)));
        }
        if (builder.hasDefaultFilterChain()) {
            builder.setDefaultFilterChain(editing.chain(builder.getDefaultFilterChain()));
        }
        if (builder.hasApiListener() && builder.getApiListener().hasApiListener()) {
            builder.getApiListenerBuilder()
                    .setApiListener(editing.typedConfig(builder.getApiListener().getApiListener()));
        }
        return editing.changed ? Optional.of(builder.build()) : Optional.empty();
    }

    private static final class Editing {
        private final String listenerName;
        private final Edit edit;
        private boolean changed;

        Editing(String listenerName, Edit edit) {
            this.listenerName = listenerName;
            this.edit = edit;
        }

        FilterChain chain(FilterChain chain) throws PatchFailure {
            FilterChain.Builder builder = chain.toBuilder();
            for (int i = 0; i < builder.getFiltersCount(); i++) {
                Filter filter = builder.getFilters(i);
                if (filter.hasTypedConfig()) {
                    builder.setFilters(i, filter.toBuilder().setTypedConfig(typedConfig(filter.getTypedConfig())));
                }
            }
            return builder.build();
        }

        /** A network filter's config: a connection manager is edited, anything else is left alone. */
        Any typedConfig(Any config) throws PatchFailure {
            if (!config.is(HttpConnectionManager.class)) {
                return config;
            }
            HttpConnectionManager manager;
            try {
                manager = config.unpack(HttpConnectionManager.class);
            } catch (InvalidProtocolBufferException e) {
                throw new PatchFailure("Listener \"" + listenerName + "\" holds an HTTP connection manager that"
                        + " cannot be read: " + e.getMessage());
            }
            HttpConnectionManager edited = edit.apply(manager);
            if (edited == manager) {
                return config;
            }
            changed = true;
            return Any.newBuilder().setTypeUrl(config.getTypeUrl()).setValue(edited.toByteString()).build();
        }
    }
}
