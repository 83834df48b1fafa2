package org.rebound.election;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceHelper;

/**
 * An election by one of Camel's cluster services (the ones camel-master and camel-cluster's ClusteredRoutePolicy
 * use): each mailbox account is a namespace of the service, and this instance polls the mailbox while the service
 * says its local member leads that namespace. The consumer keeps its own scheduler; a poll on an instance that does
 * not lead does nothing.
 */
public final class ClusterServiceElection implements MailboxElection {

    /** The lock files of a mailbox account: rebound-mailbox-ACCOUNT and rebound-mailbox-ACCOUNT.dat. */
    static final String FILE_PREFIX = "rebound-mailbox-";

    private final CamelClusterService service;
    private final List<String> accounts;
    /** The service's namespace of each account: its lock file, or the group of its lease. */
    private final String namespacePrefix;
    private final String description;
    private final Map<String, CamelClusterView> views = new ConcurrentHashMap<>();

    private ClusterServiceElection(CamelClusterService service, List<String> accounts, String namespacePrefix,
            String description) {
        this.service = service;
        this.accounts = List.copyOf(accounts);
        this.namespacePrefix = namespacePrefix;
        this.description = description;
    }

    /**
     * Camel's FileLockClusterService: the leader holds an OS lock on the file {@code root/rebound-mailbox-ACCOUNT}
     * and writes a heartbeat into {@code ...ACCOUNT.dat} every {@code heartbeat}; another instance takes over once the
     * lock is free and the heartbeat has not moved for five of them (the service's heartbeatTimeoutMultiplier). A
     * paused leader keeps its OS lock, so on one host nobody takes over until it runs again; once it does, it finds
     * its own heartbeat stale and lets go.
     */
    public static ClusterServiceElection fileLock(Path root, Duration heartbeat, List<String> accounts) {
        FileLockClusterService files = new FileLockClusterService();
        files.setId("rebound-file-election");
        files.setRoot(root.toAbsolutePath().toString());
        files.setAcquireLockInterval(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        // The first attempt soon after start when other members seem to run (the files are there): a restarted
        // instance need not wait a whole interval to learn that another leads.
        files.setAcquireLockDelay(Math.max(1, heartbeat.toMillis() / 2), TimeUnit.MILLISECONDS);
        return new ClusterServiceElection(files, accounts, FILE_PREFIX,
                "file (lock files in " + root.toAbsolutePath() + ", heartbeat " + heartbeat + ")");
    }

    /**
     * camel-kubernetes' KubernetesClusterService with Lease resources (coordination.k8s.io): one Lease per mailbox
     * account, named {@code lease-ACCOUNT}, held by this pod (its HOSTNAME) while it renews it. The leader renews
     * every {@code duration}/7.5 and gives up when it could not for two thirds of the duration; another pod takes
     * over once the Lease has not been renewed for the whole duration (Camel's defaults keep these ratios: 2 s,
     * 10 s and 15 s).
     *
     * @param namespace the Kubernetes namespace of the Leases; empty for the pod's own
     */
    public static ClusterServiceElection kubernetes(String namespace, String lease, Duration duration,
            List<String> accounts) {
        // With a configuration of its own: the service applies its namespace only to a given one (doInit, 4.18.0).
        KubernetesClusterService kubernetes = new KubernetesClusterService(new KubernetesConfiguration());
        kubernetes.setId("rebound-kubernetes-election");
        if (!namespace.isEmpty()) {
            kubernetes.setKubernetesNamespace(namespace);
            kubernetes.setKubernetesResourcesNamespace(namespace);
        }
        kubernetes.setLeaseResourceType(LeaseResourceType.Lease);
        kubernetes.setKubernetesResourceName(lease);
        kubernetes.setLeaseDurationMillis(duration.toMillis());
        kubernetes.setRenewDeadlineMillis(duration.toMillis() * 2 / 3);
        kubernetes.setRetryPeriodMillis(Math.max(1, duration.toMillis() * 2 / 15));
        return new ClusterServiceElection(kubernetes, accounts, "",
                "kubernetes (Leases " + lease + "-ACCOUNT" + (namespace.isEmpty() ? "" : " in " + namespace)
                        + ", lease " + duration + ")");
    }

    /** The cluster service, as configured (tests). */
    CamelClusterService service() {
        return service;
    }

    @Override
    public Optional<ScheduledPollConsumerScheduler> scheduler(String account) {
        return Optional.empty();
    }

    @Override
    public Leadership leadership(String account) {
        return () -> {
            CamelClusterView view = views.get(account);
            return view != null && view.getLocalMember().isLeader();
        };
    }

    @Override
    public void start(CamelContext camel) throws Exception {
        service.setCamelContext(camel);
        ServiceHelper.startService(service);
        for (String account : accounts) {
            // The first reference to a namespace's view starts it: it begins to try for the lock.
            views.put(account, service.getView(namespacePrefix + account));
        }
    }

    @Override
    public void stop() throws Exception {
        for (CamelClusterView view : views.values()) {
            service.releaseView(view);
        }
        views.clear();
        ServiceHelper.stopService(service);
    }

    @Override
    public String describe() {
        return description;
    }
}
