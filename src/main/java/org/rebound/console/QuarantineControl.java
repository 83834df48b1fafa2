package org.rebound.console;

import java.util.Map;

import org.rebound.store.AddressRegister;

/** The quarantine's MBean, on the address register the HTTP API uses too. */
final class QuarantineControl implements QuarantineControlMXBean {

    /** Who the history says released an address through JMX. */
    static final String ACTOR = "jmx";

    private final AddressRegister addresses;

    QuarantineControl(AddressRegister addresses) {
        this.addresses = addresses;
    }

    @Override
    public Map<String, Integer> getAddressesByState() throws Exception {
        return addresses.countsByState();
    }

    @Override
    public String release(String address, String reason) throws Exception {
        return addresses.release(address, ACTOR, reason).state();
    }
}
