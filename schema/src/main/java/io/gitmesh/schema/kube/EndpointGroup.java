package io.gitmesh.schema.kube;

import java.util.List;

/** Addresses that share the same ports: an EndpointSlice, or one subset of an Endpoints object. */
public record EndpointGroup(List<EndpointPort> ports, List<EndpointAddress> addresses) {
    public EndpointGroup {
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
    }
}
