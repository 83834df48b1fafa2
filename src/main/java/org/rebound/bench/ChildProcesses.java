package org.rebound.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes a bench, drill or test starts (Rebound, a broker, Dovecot) that may still run: killed when this
 * JVM exits (a bench interrupted with Ctrl-C, a test fork that Maven stops), so that none goes on polling,
 * publishing or holding its ports. Seen once: the Rebound of a hung BrokerFailoverIT run, its Maven run stopped,
 * retried a dead broker for an hour during later measurements. A JVM killed with SIGKILL runs no shutdown hook:
 * nothing can be done from here then.
 */
public final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "rebound-child-reaper"));
    }

    private ChildProcesses() {
    }

    /** The process, to be killed when this JVM exits if it still runs then. */
    public static Process killedOnExit(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }
}
