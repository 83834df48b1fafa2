package org.rebound.election;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** This instance's poll of each mailbox, by account, for the Quartz job to run: kept in memory, never stored. */
final class PollTasks {

    private final Map<String, Runnable> byAccount = new ConcurrentHashMap<>();

    void put(String account, Runnable poll) {
        byAccount.put(account, poll);
    }

    void remove(String account) {
        byAccount.remove(account);
    }

    Optional<Runnable> of(String account) {
        return Optional.ofNullable(byAccount.get(account));
    }
}
