package org.rebound.dsn.mime;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A header block as an immutable map (see {@link Headers#asMap()}), built only when read as a whole. Reading the
 * original message's headers into a map, each value cleaned, was a tenth of the time spent parsing a bounce,
 * though only a field or two (Return-Path, a custom correlation header) is ever looked up: a lookup by name reads
 * the block directly. Safe to share between threads.
 */
final class HeaderMap extends AbstractMap<String, String> {

    private final Headers headers;
    private volatile Map<String, String> map;

    HeaderMap(Headers headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object key) {
        Map<String, String> built = map;
        if (built != null) {
            return built.get(key);
        }
        if (!(key instanceof String name) || Headers.isTraceOrSignature(name) || !headers.has(name)) {
            return null;
        }
        return headers.first(name);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return map().entrySet();
    }

    private Map<String, String> map() {
        Map<String, String> built = map;
        if (built == null) {
            Map<String, String> fields = new HashMap<>();
            for (Headers.Field f : headers.fields()) {
                if (!Headers.isTraceOrSignature(f.name()) && !fields.containsKey(f.name())) {
                    fields.put(f.name(), f.value());
                }
            }
            built = Map.copyOf(fields);
            map = built;
        }
        return built;
    }
}
