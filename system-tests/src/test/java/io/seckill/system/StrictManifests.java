package io.seckill.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Kubernetes objects parsed into fabric8's model, strictly. fabric8 keeps every field a model class
 * does not know in an additional-properties map ({@code @JsonAnySetter}) and reads an unknown kind as a
 * {@link GenericKubernetesResource}, so a misspelled {@code replica:} or {@code readinesProbe:} would
 * parse and silently do nothing. Here each is an error naming the object and the field's path.
 */
final class StrictManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictManifests() {
    }

    /** Every object of a YAML stream (documents separated by {@code ---}), or an exception listing every problem. */
    static List<HasMetadata> parse(String yamlStream) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(yamlStream);
        } catch (RuntimeException notTheModel) {
            throw new IllegalArgumentException("not valid Kubernetes objects: " + notTheModel.getMessage(), notTheModel);
        }
        List<?> objects = parsed instanceof List<?> many ? many : parsed == null ? List.of() : List.of(parsed);
        List<String> problems = new ArrayList<>();
        List<HasMetadata> result = new ArrayList<>();
        for (Object object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                problems.add(generic.getApiVersion() + " " + generic.getKind() + " " + generic.getMetadata().getName()
                        + ": not a kind the Kubernetes API knows");
            } else if (object instanceof HasMetadata resource) {
                List<String> unknown = new ArrayList<>();
                walk(resource, "", unknown);
                unknown.forEach(field -> problems.add(resource.getKind() + " " + resource.getMetadata().getName() + ": " + field));
                result.add(resource);
            } else {
                problems.add("not a Kubernetes object: " + object);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Kubernetes objects with fields or kinds the API does not know:\n  "
                    + String.join("\n  ", problems));
        }
        return result;
    }

    /** Descends through the properties Jackson bound (getters marked {@code @JsonProperty}), collecting unknown fields. */
    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;   // scalars, enums, JDK types
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.isBridge() || getter.isSynthetic()) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) invoke(getter, value);
                if (extra != null) {
                    extra.keySet().forEach(field -> unknown.add("unknown field " + (path.isEmpty() ? "" : path + ".") + field));
                }
            } else if (getter.isAnnotationPresent(JsonProperty.class)) {
                String name = getter.getAnnotation(JsonProperty.class).value();
                walk(invoke(getter, value), path.isEmpty() ? name : path + "." + name, unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
