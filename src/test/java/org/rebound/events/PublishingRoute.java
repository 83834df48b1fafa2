package org.rebound.events;

import java.nio.file.Path;
import java.util.Properties;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The shipped publishing route (routes/publish-events.camel.yaml, or a file a test gives in its place) in a Camel
 * context of its own, with the beans Rebound binds for it. The scheduler does not run: a test makes each pass itself,
 * as the scheduler would, so that it can look at the outbox between passes.
 */
final class PublishingRoute implements AutoCloseable {

    static final Path SHIPPED = Path.of("routes", "publish-events.camel.yaml");

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final OutboxBatches batches;
    private final BrokerPublishing publishing;
    private final ProducerTemplate template;

    PublishingRoute(Path routes, Outbox outbox, int batchSize, ConnectionFactory broker, String topic)
            throws Exception {
        batches = new OutboxBatches(outbox, batchSize);
        publishing = new BrokerPublishing(broker);
        context.getRegistry().bind("outboxBatches", batches);
        publishing.bindTo(context.getRegistry()::bind);
        Properties properties = new Properties();
        properties.setProperty("rebound.jms.topic", topic);
        properties.setProperty("rebound.outbox.poll-period", "200");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.setAutoStartup(false);
        context.start();
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:" + routes.toAbsolutePath()));
        context.getRouteController().startRoute("send-events-in-one-transaction");
        context.getRouteController().startRoute("publish-pass-failed");
        context.getRouteController().startRoute("publish-outbox-batch");
        template = context.createProducerTemplate();
    }

    /** One pass of the route, as the scheduler makes it; whether the batch was full (the next pass follows at once). */
    boolean pass() {
        Exchange done = template.send("direct:publish-outbox-batch", ExchangePattern.InOnly, e -> { });
        if (done.getException() != null) {
            throw new AssertionError("the route let a failure through: " + done.getException(), done.getException());
        }
        return done.getMessage().getBody(Boolean.class);
    }

    @Override
    public void close() throws Exception {
        try {
            context.close();
        } finally {
            publishing.close();
            batches.close();
        }
    }
}
