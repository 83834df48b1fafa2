package org.rebound.election;

import java.util.Locale;

/** The mechanisms that may elect each mailbox's poller (rebound.election). */
public enum ElectionMechanism {
    /** One instance: no election (the default). */
    NONE,
    /** A lock file per mailbox in a folder the instances share: Camel's FileLockClusterService. */
    FILE,
    /** Clustered Quartz in Rebound's own (PostgreSQL) database: the instance that fires a mailbox's poll job. */
    QUARTZ,
    /** A Kubernetes Lease per mailbox: camel-kubernetes' KubernetesClusterService. */
    KUBERNETES;

    public static ElectionMechanism parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
