package org.rebound.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The POP3 sessions in Dovecot's own log ({@link DovecotMailbox#log()}): who logged in (the client's address, rip),
 * when, and when the session ended, paired by Dovecot's session id. Each Rebound instance of the failover drill binds
 * its POP3 connections to its own loopback address (Jakarta Mail's mail.pop3.localaddress), so the server's log
 * tells the instances apart without anything in between.
 *
 * <pre>
 * 2026-12-03 16:23:09.347531 pop3-login: Info: Login: user=&lt;bounces&gt;, method=PLAIN, rip=127.0.0.2, ..., session=&lt;1rzU...&gt;
 * 2026-12-03 16:23:09.449527 pop3(bounces)&lt;22478&gt;&lt;1rzU...&gt;: Info: Disconnected: Logged out top=0/0, retr=0/0, ...
 * </pre>
 */
public final class Pop3Sessions {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern LOGIN = Pattern.compile(
            "^(\\S+ \\S+) pop3-login: Info: Login: .*\\brip=([^,]+),.*\\bsession=<([^>]+)>");
    private static final Pattern END = Pattern.compile(
            "^(\\S+ \\S+) pop3\\([^)]*\\)<\\d+><([^>]+)>: Info: Disconnected: ([^ ]+ [^ ]+).*?\\bretr=(\\d+)/.*?\\bdel=(\\d+)/");

    /** One POP3 session: open while {@code end} is empty. */
    public record Session(String id, String client, Instant start, Optional<Instant> end, String how, int retrieved,
            int deleted) {

        /** How long it overlaps another session, taking open sessions as lasting until {@code now}. */
        Duration overlap(Session other, Instant now) {
            Instant from = start.isAfter(other.start) ? start : other.start;
            Instant myEnd = end.orElse(now);
            Instant otherEnd = other.end.orElse(now);
            Instant to = myEnd.isBefore(otherEnd) ? myEnd : otherEnd;
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    }

    /** Two sessions of different clients open at the same time: from when, and for how long. */
    public record Overlap(Session first, Session second, Instant from, Duration length) {
    }

    private final List<Session> sessions;

    private Pop3Sessions(List<Session> sessions) {
        this.sessions = List.copyOf(sessions);
    }

    /** Reads the log as it is now. */
    public static Pop3Sessions read(Path log) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Dovecot's log " + log, e);
        }
        return parse(lines);
    }

    static Pop3Sessions parse(List<String> lines) {
        Map<String, Session> byId = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher login = LOGIN.matcher(line);
            if (login.find()) {
                byId.put(login.group(3), new Session(login.group(3), login.group(2), instant(login.group(1)),
                        Optional.empty(), "", 0, 0));
                continue;
            }
            Matcher end = END.matcher(line);
            if (end.find() && byId.containsKey(end.group(2))) {
                Session s = byId.get(end.group(2));
                byId.put(s.id(), new Session(s.id(), s.client(), s.start(), Optional.of(instant(end.group(1))),
                        end.group(3), Integer.parseInt(end.group(4)), Integer.parseInt(end.group(5))));
            }
        }
        return new Pop3Sessions(new ArrayList<>(byId.values()));
    }

    private static Instant instant(String stamp) {
        return LocalDateTime.parse(stamp, STAMP).atZone(ZoneId.systemDefault()).toInstant();
    }

    public List<Session> all() {
        return sessions;
    }

    /** The first session that began after the instant. */
    public Optional<Session> firstLogin(Instant after) {
        return sessions.stream().filter(s -> s.start().isAfter(after)).findFirst();
    }

    /** The clients with a session open now. */
    public List<String> openClients() {
        return sessions.stream().filter(s -> s.end().isEmpty()).map(Session::client).distinct().toList();
    }

    /** Every time two sessions of different clients were open at once, open sessions lasting until now. */
    public List<Overlap> overlaps(Instant now) {
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            for (int j = i + 1; j < sessions.size(); j++) {
                Session a = sessions.get(i);
                Session b = sessions.get(j);
                Duration d = a.overlap(b, now);
                if (!a.client().equals(b.client()) && !d.isZero()) {
                    overlaps.add(new Overlap(a, b, a.start().isAfter(b.start()) ? a.start() : b.start(), d));
                }
            }
        }
        return overlaps;
    }
}
