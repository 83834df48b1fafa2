package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

/** New mail told from a selected folder's untagged responses (RFC 3501 sections 7.3.1 and 7.4.1). */
class MessageArrivalsTest {

    @Test
    void existsAboveTheSelectedCountIsNewMail() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(2);

        arrivals.handleResponse(new IMAPResponse("* 3 EXISTS"));

        assertTrue(arrivals.arrived());
    }

    @Test
    void existsRepeatingTheKnownCountIsNoNewMail() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(2);

        arrivals.handleResponse(new IMAPResponse("* 2 EXISTS"));

        assertFalse(arrivals.arrived());
    }

    @Test
    void existsAfterExpungesIsNoNewMailWhenTheCountIsLower() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(3);

        arrivals.handleResponse(new IMAPResponse("* 1 EXPUNGE"));
        arrivals.handleResponse(new IMAPResponse("* 1 EXPUNGE"));
        arrivals.handleResponse(new IMAPResponse("* 1 EXISTS"));

        assertFalse(arrivals.arrived());
    }

    @Test
    void mailArrivingAsOtherMailIsMovedAwayIsNewMail() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(3);

        arrivals.handleResponse(new IMAPResponse("* 3 EXPUNGE"));
        arrivals.handleResponse(new IMAPResponse("* 3 EXISTS"));

        assertTrue(arrivals.arrived());
    }

    @Test
    void aResetForgetsMailThatAPollHasRead() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(0);
        arrivals.handleResponse(new IMAPResponse("* 1 EXISTS"));

        arrivals.reset();
        arrivals.handleResponse(new IMAPResponse("* 1 EXISTS"));

        assertFalse(arrivals.arrived());
    }

    @Test
    void otherResponsesAreNoNewMail() throws Exception {
        MessageArrivals arrivals = new MessageArrivals(0);

        arrivals.handleResponse(new IMAPResponse("* OK Still here"));
        arrivals.handleResponse(new IMAPResponse("* 1 RECENT"));

        assertFalse(arrivals.arrived());
    }
}
