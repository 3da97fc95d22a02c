package io.codac.support;

/** Builds Redis keys under this process's prefix, so every key a service writes is namespaced the same way. */
public record RedisKeys(String prefix) {

    public RedisKeys {
        prefix = prefix == null ? "" : prefix;
    }

    public String key(String... parts) {
        return prefix + String.join(":", parts);
    }
}
