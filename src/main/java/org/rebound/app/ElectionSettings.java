package org.rebound.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.quartz.SchedulerException;
import org.rebound.election.ClusterServiceElection;
import org.rebound.election.ElectionMechanism;
import org.rebound.election.MailboxElection;
import org.rebound.election.QuartzElection;

/**
 * The rebound.election.* settings: which mechanism elects each mailbox's poller when several instances run, and its
 * own keys. Read and checked before anything starts; the election itself is made once the database is open.
 */
record ElectionSettings(ElectionMechanism mechanism, Path fileRoot, Duration fileHeartbeat, Duration quartzCheckIn,
        String kubernetesNamespace, String kubernetesLease, Duration kubernetesLeaseDuration) {

    static final String KEY = "rebound.election";

    static ElectionSettings of(Settings settings) {
        String chosen = settings.text(KEY);
        if (chosen.trim().toLowerCase(Locale.ROOT).equals("zookeeper")) {
            // camel-zookeeper 4.18.0 lets a paused leader go on beside the new one (CAMEL-24457); the fix is in
            // 4.18.5, which the Maven repository Rebound builds from does not fully serve.
            throw new SettingsException(KEY, "none, file, quartz or kubernetes (zookeeper is not offered:"
                    + " camel-zookeeper 4.18.0 keeps a paused leader polling beside the new one, CAMEL-24457, fixed"
                    + " only in 4.18.5; README, \"Running several instances\")", "'" + chosen + "'");
        }
        ElectionMechanism mechanism = settings.choice(KEY, ElectionMechanism.class, ElectionMechanism::parse);
        return new ElectionSettings(mechanism, settings.path(KEY + ".file.root"),
                settings.duration(KEY + ".file.heartbeat", Duration.ofMillis(100)),
                settings.duration(KEY + ".quartz.check-in", Duration.ofMillis(100)),
                settings.optionalText(KEY + ".kubernetes.namespace"), settings.text(KEY + ".kubernetes.lease"),
                settings.duration(KEY + ".kubernetes.lease-duration", Duration.ofSeconds(3)));
    }

    /** The election for these mailbox accounts; Quartz keeps its tables in Rebound's database. */
    MailboxElection create(DataSource database, boolean postgres, List<String> accounts) throws SchedulerException {
        return switch (mechanism) {
            case NONE -> MailboxElection.none();
            case FILE -> ClusterServiceElection.fileLock(fileRoot, fileHeartbeat, accounts);
            case QUARTZ -> QuartzElection.create(database, postgres, quartzCheckIn, accounts);
            case KUBERNETES -> ClusterServiceElection.kubernetes(kubernetesNamespace, kubernetesLease,
                    kubernetesLeaseDuration, accounts);
        };
    }
}
