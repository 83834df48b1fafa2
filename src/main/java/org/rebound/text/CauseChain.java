package org.rebound.text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** How a failure is told in one line: its cause chain, outermost first, each link as its class and message. */
public final class CauseChain {

    private CauseChain() {
    }

    /**
     * "CamelExchangeException: Multicast processing failed <- JdbcBatchUpdateException: Value too long ...": Camel
     * wraps the failure that matters in its own exceptions, and the log and the health check need the whole chain.
     * Each message is cut to 300 characters: a database driver quotes the rejected value, which may be a hostile
     * message's 70 KB field.
     */
    public static String of(Throwable failure) {
        List<String> links = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
            if (message.length() > 300) {
                message = message.substring(0, 300) + "…";
            }
            links.add(t.getClass().getSimpleName() + ": " + message);
        }
        return String.join(" <- ", links);
    }
}
