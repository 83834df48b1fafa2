package org.rebound.console;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.rebound.health.PollPacer;
import org.rebound.metrics.PipelineMeters;

/** A mailbox's MBean: its figures from the metrics and the poll pacer, its pause by the route's suspension. */
final class MailboxControl implements MailboxControlMXBean {

    private final String account;
    private final String routeId;
    private final CamelContext camel;
    private final PollPacer pacer;
    private final PipelineMeters meters;

    MailboxControl(String account, String routeId, CamelContext camel, PollPacer pacer, PipelineMeters meters) {
        this.account = account;
        this.routeId = routeId;
        this.camel = camel;
        this.pacer = pacer;
        this.meters = meters;
    }

    @Override
    public long getBacklog() {
        return meters.backlog(account);
    }

    @Override
    public String getLastPoll() {
        return pacer.lastPoll(routeId).map(Instant::toString).orElse("");
    }

    @Override
    public String getLastError() {
        return pacer.lastError(routeId).orElse("");
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    @Override
    public boolean isPaused() {
        return camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Suspended;
    }

    @Override
    public void pause() throws Exception {
        camel.getRouteController().suspendRoute(routeId);
    }

    @Override
    public void resume() throws Exception {
        camel.getRouteController().resumeRoute(routeId);
    }
}
