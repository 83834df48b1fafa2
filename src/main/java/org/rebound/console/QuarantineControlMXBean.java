package org.rebound.console;

import java.util.Map;

/** The addresses' quarantine, over JMX (org.rebound:type=Quarantine). */
public interface QuarantineControlMXBean {

    /** How many addresses are in each state (VALID, WITH_ERRORS, QUARANTINED, DENYLISTED). */
    Map<String, Integer> getAddressesByState() throws Exception;

    /**
     * Releases an address (VALID, its counter restarted); its history records the reason and "jmx" (the JMX or
     * Jolokia login is the management server's, which Rebound does not see).
     *
     * @return the address's state after the release
     */
    String release(String address, String reason) throws Exception;
}
