package io.gitmesh.xds.override;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.gitmesh.schema.policy.TargetType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Envoy proto types: the type of each patch target, and any type of the Envoy API that
 * java-control-plane ships, found by the full name a {@code typed_config}'s {@code @type} gives. So a
 * patch may use any filter or extension Envoy's API has, not only those gitmesh generates.
 *
 * <p>java-control-plane generates one Java class per proto message, in the Java package its proto file
 * names ({@code option java_package}, one class per message); the packages follow the proto packages
 * by fixed prefixes ({@link #JAVA_PACKAGES}). A name is looked up by loading that class without
 * initialising it, and accepted only when it is a protobuf message whose descriptor has exactly that
 * full name.
 */
final class EnvoyTypes {
    /** Proto package prefix → the Java package prefix java-control-plane (and protobuf) generate it in. */
    private static final Map<String, String> JAVA_PACKAGES = Map.of(
            "envoy.", "io.envoyproxy.envoy.",
            "xds.", "com.github.xds.",
            "udpa.", "com.github.udpa.udpa.",
            "google.protobuf.", "com.google.protobuf.");

    /**
     * The well-known types protobuf writes in JSON as a scalar, a list or a free-form object
     * ({@code "5s"}, {@code 3}, {@code {...}}) rather than field by field.
     */
    private static final Set<String> WELL_KNOWN_VALUES = Set.of("google.protobuf.Duration",
            "google.protobuf.Timestamp", "google.protobuf.FieldMask", "google.protobuf.Struct",
            "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.DoubleValue",
            "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
            "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue",
            "google.protobuf.StringValue", "google.protobuf.BytesValue");

    private EnvoyTypes() {
    }

    /** The proto type of a patch value for this target. */
    static Descriptor of(TargetType type) {
        return defaultInstance(type).getDescriptorForType();
    }

    /** An empty message of a patch value's type, to parse into. */
    static Message defaultInstance(TargetType type) {
        return switch (type) {
            case LISTENER -> Listener.getDefaultInstance();
            case CLUSTER -> Cluster.getDefaultInstance();
            case ROUTE_CONFIGURATION -> RouteConfiguration.getDefaultInstance();
            case VIRTUAL_HOST -> VirtualHost.getDefaultInstance();
            case HTTP_FILTER -> HttpFilter.getDefaultInstance();
        };
    }

    /** The {@code name} field every target type has. */
    static FieldDescriptor nameField(Descriptor type) {
        return type.findFieldByName("name");
    }

    /** The type named by a type URL ({@code type.googleapis.com/envoy....}) or a full name. */
    static Optional<Descriptor> find(String typeUrl) {
        String fullName = fullName(typeUrl);
        return JAVA_PACKAGES.entrySet().stream()
                .filter(p -> fullName.startsWith(p.getKey()))
                .findFirst()
                .flatMap(p -> javaClassName(fullName, p.getKey(), p.getValue()))
                .flatMap(EnvoyTypes::descriptorOf)
                .filter(d -> d.getFullName().equals(fullName));
    }

    /** The full type name in a type URL: what follows its last {@code /}, as Envoy and protobuf read it. */
    static String fullName(String typeUrl) {
        return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    }

    static boolean isAny(Descriptor type) {
        return type.getFullName().equals(Any.getDescriptor().getFullName());
    }

    /** Whether protobuf writes this type in JSON as a value, not field by field ({@link #WELL_KNOWN_VALUES}). */
    static boolean isWellKnownValue(Descriptor type) {
        return WELL_KNOWN_VALUES.contains(type.getFullName());
    }

    /** The key a field is written under in a JSON object: its proto name or its JSON name, as written. */
    static String writtenKey(JsonNode object, FieldDescriptor field) {
        return object.has(field.getJsonName()) && !object.has(field.getName()) ? field.getJsonName() : field.getName();
    }

    /** The field a JSON key names (protobuf's JSON accepts the proto name and the lowerCamel JSON name). */
    static Optional<FieldDescriptor> field(Descriptor type, String key) {
        FieldDescriptor byName = type.findFieldByName(key);
        if (byName != null) {
            return Optional.of(byName);
        }
        return type.getFields().stream().filter(f -> f.getJsonName().equals(key)).findFirst();
    }

    /**
     * {@code envoy.config.core.v3.HealthCheck.HttpHealthCheck} →
     * {@code io.envoyproxy.envoy.config.core.v3.HealthCheck$HttpHealthCheck}: package segments are lower
     * case, message names (the first and any nested ones) start with a capital.
     */
    private static Optional<String> javaClassName(String fullName, String protoPrefix, String javaPrefix) {
        String[] segments = fullName.substring(protoPrefix.length()).split("\\.", -1);
        List<String> packages = new ArrayList<>();
        int i = 0;
        while (i < segments.length && !segments[i].isEmpty() && Character.isLowerCase(segments[i].charAt(0))) {
            packages.add(segments[i++]);
        }
        if (i == segments.length) {
            return Optional.empty();
        }
        String pkg = javaPrefix + String.join(".", packages);
        String classes = String.join("$", List.of(segments).subList(i, segments.length));
        return Optional.of((pkg.endsWith(".") ? pkg : pkg + ".") + classes);
    }

    private static Optional<Descriptor> descriptorOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, EnvoyTypes.class.getClassLoader());
            if (!Message.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            Method getDescriptor = type.getMethod("getDescriptor");
            if (!Modifier.isStatic(getDescriptor.getModifiers()) || getDescriptor.getReturnType() != Descriptor.class) {
                return Optional.empty();
            }
            return Optional.of((Descriptor) getDescriptor.invoke(null));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                | InvocationTargetException | LinkageError e) {
            return Optional.empty();
        }
    }
}
