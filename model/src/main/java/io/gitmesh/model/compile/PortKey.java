package io.gitmesh.model.compile;

import io.gitmesh.model.ServiceRef;

/** A Service port, by Service and port name (unique within a Service). */
record PortKey(ServiceRef service, String portName) {
}
