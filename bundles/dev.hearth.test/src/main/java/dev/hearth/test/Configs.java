package dev.hearth.test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration values for components under test, as Declarative Services would build them from
 * a configuration: every attribute takes its annotation default unless given here.
 */
public final class Configs {
    private Configs() {}

    /** The configuration {@code type} with its defaults. */
    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }

    /**
     * The configuration {@code type} with the given attributes (by method name) and the defaults
     * for the others.
     *
     * @throws IllegalArgumentException for a name the type does not declare
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        Map<String, Object> attributes = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getDefaultValue() != null) {
                attributes.put(m.getName(), m.getDefaultValue());
            }
        }
        values.forEach((name, value) -> {
            try {
                type.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no attribute " + name, e);
            }
            attributes.put(name, value);
        });
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + attributes;
                case "hashCode" -> attributes.hashCode();
                case "equals" -> self == args[0];
                default -> {
                    if (!attributes.containsKey(method.getName())) {
                        throw new IllegalStateException(
                                type.getSimpleName() + "." + method.getName() + " has no value");
                    }
                    yield attributes.get(method.getName());
                }
            };
        });
        return type.cast(proxy);
    }
}
