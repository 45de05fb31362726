package io.gitmesh.schema.kube;

import java.util.Objects;

/**
 * One endpoint address.
 *
 * @param podName the target Pod's name when the endpoint refers to one, else null
 */
public record EndpointAddress(String ip, boolean ready, String podName) {
    public EndpointAddress {
        Objects.requireNonNull(ip, "ip");
    }
}
