package org.rebound.console;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.rebound.events.Outbox;
import org.rebound.health.PollPacer;
import org.rebound.mailbox.MailboxWindowEndpoint;
import org.rebound.metrics.PipelineMeters;
import org.rebound.report.BounceReports;
import org.rebound.store.AddressRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebound's own MBeans beside Camel's, for JConsole, VisualVM and Hawtio (through Jolokia at /observe/jolokia): one
 * per mailbox (org.rebound:type=Mailbox,name=ACCOUNT), the quarantine, the outbox and the bounce statistics.
 * Registered once the routes run (a mailbox is known by its route), on the platform MBean server.
 */
public final class ConsoleMBeans implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMBeans.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();
    private final ProducerTemplate producer;

    private ConsoleMBeans(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** What the MBeans read and operate. */
    public record Parts(CamelContext camel, PollPacer pacer, PipelineMeters meters, AddressRegister addresses,
                        Outbox outbox, BounceReports reports, Clock clock) {
    }

    public static ConsoleMBeans register(Parts parts) throws JMException {
        ConsoleMBeans beans = new ConsoleMBeans(parts.camel().createProducerTemplate());
        try {
            for (Route route : parts.camel().getRoutes()) {
                if (route.getEndpoint() instanceof MailboxWindowEndpoint mailbox) {
                    beans.add("org.rebound:type=Mailbox,name=" + ObjectName.quote(mailbox.accountName()),
                            new MailboxControl(mailbox.accountName(), route.getRouteId(), parts.camel(),
                                    parts.pacer(), parts.meters()));
                }
            }
            beans.add("org.rebound:type=Quarantine", new QuarantineControl(parts.addresses()));
            beans.add("org.rebound:type=Outbox", new OutboxControl(parts.outbox(), beans.producer));
            beans.add("org.rebound:type=BounceStatistics", new BounceStatistics(parts.reports(), parts.clock()));
        } catch (JMException | RuntimeException e) {
            beans.close();
            throw e;
        }
        return beans;
    }

    private void add(String name, Object bean) throws JMException {
        ObjectName objectName = new ObjectName(name);
        if (server.isRegistered(objectName)) {
            // A second server in one JVM (tests): the newest one is the one to watch.
            server.unregisterMBean(objectName);
        }
        server.registerMBean(bean, objectName);
        registered.add(objectName);
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                LOG.debug("MBean {} already gone", name, e);
            }
        }
        registered.clear();
        try {
            producer.close();
        } catch (Exception e) {
            LOG.debug("producer template not closed", e);
        }
    }
}
