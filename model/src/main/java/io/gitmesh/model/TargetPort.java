package io.gitmesh.model;

/**
 * Where a Service port sends traffic on the pods: a port number, or the name of a container port
 * (resolved per workload).
 */
public sealed interface TargetPort permits TargetPort.Numbered, TargetPort.Named {

    /** A Kubernetes {@code targetPort} as written: a number, or a container port name. */
    static TargetPort parse(String text) {
        Values.requireText(text, "targetPort");
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 5) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return new Numbered(port);
            }
        }
        return new Named(text);
    }

    record Numbered(int port) implements TargetPort {
        public Numbered {
            Values.requirePort(port, "targetPort");
        }

        @Override
        public String toString() {
            return Integer.toString(port);
        }
    }

    record Named(String name) implements TargetPort {
        public Named {
            Values.requireText(name, "targetPort name");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
