package org.rebound.pipeline;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.rebound.message.MessageResult;
import org.rebound.message.Window;

/**
 * The aggregation of the route's understanding split: the split goes over the window's messages, and what it
 * collects, one result per message, goes back into the window it came from, so the body after the split is that
 * window understood. A split over no messages leaves the window as it was, with no results.
 */
public final class ResultsIntoWindow extends GroupedBodyAggregationStrategy {

    @Override
    public void onCompletion(Exchange collected, Exchange window) {
        super.onCompletion(collected, window);
        if (collected == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<MessageResult> results = collected.getIn().getBody(List.class);
        collected.getIn().setBody(window.getIn().getBody(Window.class).understood(results));
    }
}
