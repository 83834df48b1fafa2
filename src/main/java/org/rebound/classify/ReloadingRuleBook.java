package org.rebound.classify;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current rule book, re-read when a rule file changes so that an operator's new rule applies without a
 * restart. At most once per interval (one second by default) a caller's {@link #get()} compares the files' names,
 * sizes and modification times with the last load, which costs a few file-system look-ups; when they differ the
 * files are loaded into a new immutable book that replaces the old one. An edit that does not load keeps the old
 * book and logs the error, naming the file and line, until the file changes again.
 */
public final class ReloadingRuleBook implements Supplier<RuleBook> {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingRuleBook.class);

    /** Told of each re-read after an edit: whether the new book loaded (false: the old one was kept). */
    public interface Listener {
        void reloaded(boolean loaded);
    }

    private final RuleFiles files;
    private final Listener listener;
    private final RuleBookLoader loader;
    private final long intervalNanos;
    private volatile RuleBook book;
    private volatile String fingerprint;
    private volatile long nextCheck;

    /** Loads the book now: a broken rule book at start-up is an error, not a log line. */
    public ReloadingRuleBook(RuleFiles files, RuleBookLoader loader, Duration interval) {
        this(files, loader, interval, loaded -> { });
    }

    public ReloadingRuleBook(RuleFiles files, RuleBookLoader loader, Duration interval, Listener listener) {
        this.files = files;
        this.listener = listener;
        this.loader = loader;
        this.intervalNanos = interval.toNanos();
        this.fingerprint = files.fingerprint();
        this.book = loader.load(files.read());
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    @Override
    public RuleBook get() {
        if (System.nanoTime() - nextCheck >= 0) {
            reloadIfChanged();
        }
        return book;
    }

    private synchronized void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + intervalNanos;
        String current = files.fingerprint();
        if (current.equals(fingerprint)) {
            return;
        }
        fingerprint = current;
        try {
            RuleBook fresh = loader.load(files.read());
            book = fresh;
            LOG.info("rule book reloaded: {} rules", fresh.rules().size());
            listener.reloaded(true);
        } catch (RuleBookException | java.io.UncheckedIOException e) {
            LOG.error("rule book not reloaded, keeping the previous one: {}", e.getMessage());
            listener.reloaded(false);
        }
    }
}
