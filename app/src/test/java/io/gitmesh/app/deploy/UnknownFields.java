package io.gitmesh.app.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields a fabric8 model object did not recognise: fabric8's classes keep them in an
 * {@code additionalProperties} map (their {@code @JsonAnySetter}) instead of failing. Walks the object's
 * getters, depth first, and lists each such field by its path (e.g. {@code spec.template.spec.containerz}).
 */
final class UnknownFields {
    private static final String MODEL_PACKAGE = "io.fabric8.";

    private UnknownFields() {
    }

    static List<String> in(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        switch (value) {
            case null -> { }
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", found);
                }
            }
            case Map<?, ?> entries -> new TreeMap<>(entries).forEach((k, v) -> walk(v, path + "[" + k + "]", found));
            default -> {
                if (value.getClass().getName().startsWith(MODEL_PACKAGE)) {
                    walkModel(value, path, found);
                }
            }
        }
    }

    private static void walkModel(Object model, String path, List<String> found) {
        for (Method getter : getters(model.getClass())) {
            Object child = invoke(getter, model);
            String property = property(getter);
            if (property.equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                extra.keySet().stream().map(String::valueOf).sorted().map(k -> join(path, k)).forEach(found::add);
            } else {
                walk(child, join(path, property), found);
            }
        }
    }

    private static List<Method> getters(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getName().startsWith("get") && m.getName().length() > 3)
                .filter(m -> m.getDeclaringClass() != Object.class && !m.getReturnType().isPrimitive())
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + " of " + target.getClass().getName(), e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }
}
