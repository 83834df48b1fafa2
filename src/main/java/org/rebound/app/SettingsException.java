package org.rebound.app;

/** A setting that is wrong or missing: start-up stops with this message, which names the key. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String key, String expected, String got) {
        super("setting " + key + ": expected " + expected + ", got " + got);
    }
}
