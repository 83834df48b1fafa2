package org.rebound.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

/**
 * Makes any number of realistic returned messages from real ones: each template (a real bounce of some MTA's
 * format) is read once with {@link ReportParser} to learn its recipients and its original Message-ID, and each
 * generated copy has those strings replaced, in the raw bytes, by fresh and unique ones (addresses matched without
 * regard to case, RFC 5321 section 2.4 lets domains differ in case and many MTAs lower-case them). A template is
 * used only when the parser finds the replaced values in a probe copy, so the expected results of every generated
 * message are known without parsing it again. Mail that is not a bounce (auto-replies, a person's message) gets a
 * fresh Message-ID of its own so that no two generated messages have the same bytes.
 *
 * <p>The same seed and index always give the same message, so a run can be repeated and a message regenerated.
 */
public final class BounceGenerator {

    /** What a generated message is, for the mix and for the expected results. */
    public enum Category {
        SINGLE_RECIPIENT_BOUNCE, MULTI_RECIPIENT_BOUNCE, AUTO_REPLY, NOT_A_BOUNCE;

        public static Category parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The shares of the categories other than single-recipient bounces, which make up the rest.
     *
     * @param multiRecipient share of bounces that name several recipients
     * @param autoReply      share of automatic replies (RFC 3834)
     * @param notABounce     share of mail that is not about delivery at all
     */
    public record Mix(double multiRecipient, double autoReply, double notABounce) {
        /** Issue 7's mix: about 10 % multi-recipient, some auto-replies and some mail that is not a bounce. */
        public static final Mix DEFAULT = new Mix(0.10, 0.03, 0.02);

        public Mix {
            if (multiRecipient < 0 || autoReply < 0 || notABounce < 0 || multiRecipient + autoReply + notABounce > 1) {
                throw new IllegalArgumentException("shares must be >= 0 and add up to at most 1: " + this);
            }
        }
    }

    /** A row of the sending system's log that a generated bounce refers to. */
    public record SentRow(String messageId, String recipient, String deliveryId) {
    }

    /**
     * One generated message and what Rebound should find in it.
     *
     * @param originalMessageId the Message-ID of the sent message it reports on; empty when it is not a bounce
     * @param recipients        the final recipients the report names, in order (one may appear twice); empty when
     *                          the message reports on no recipient
     */
    public record Generated(int index, Category category, String template, byte[] raw, String originalMessageId,
                            List<String> recipients) {

        /** True when Rebound should record recipient results (events) for it. */
        public boolean reportsOnRecipients() {
            return !recipients.isEmpty();
        }

        /** The sending system's rows for this message: one per distinct recipient. */
        public List<SentRow> sentRows() {
            return recipients.stream().distinct()
                    .map(r -> new SentRow(originalMessageId, r, "bench-delivery-" + (index % 10)))
                    .toList();
        }
    }

    /** A template the generator can use, and what it learnt from it. */
    record Template(String name, Category category, String text, String messageId, List<Address> addresses,
                    List<String> finalRecipients) {
    }

    /** An address of a template, the pattern that finds it in any case, and its place in the recipient list. */
    record Address(String lowerCase, Pattern pattern) {
        static Address of(String address) {
            String lower = address.toLowerCase(Locale.ROOT);
            return new Address(lower, Pattern.compile(Pattern.quote(lower), Pattern.CASE_INSENSITIVE));
        }

        String domain() {
            return lowerCase.substring(lowerCase.indexOf('@') + 1);
        }
    }

    /** A template set aside, and why. */
    public record Rejected(String name, String why) {
    }

    /** The Message-ID field of a message's own header block (RFC 5322 section 3.6.4), unfolded to one line. */
    private static final Pattern OWN_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \\t]*[^\\r\\n]*(\\r?\\n[ \\t]+[^\\r\\n]*)*");
    /**
     * Sisimai's set-of-emails names its RFC 3834 automatic replies so. The header Auto-Submitted: auto-replied does
     * not tell them apart: many MTAs (Exim among them) put it on their bounces too.
     */
    private static final String AUTO_REPLY_TEMPLATE_PREFIX = "rfc3834-";

    private final long seed;
    private final Mix mix;
    private final Map<Category, List<Template>> pools = new LinkedHashMap<>();
    private final List<Rejected> rejected = new ArrayList<>();

    /**
     * @param sources the real messages to build from, by name
     * @param seed    the same seed gives the same messages
     */
    public BounceGenerator(Map<String, byte[]> sources, long seed, Mix mix) {
        this.seed = seed;
        this.mix = mix;
        for (Category c : Category.values()) {
            pools.put(c, new ArrayList<>());
        }
        ReportParser parser = new ReportParser();
        sources.forEach((name, raw) -> learn(parser, name, raw));
        if (pools.get(Category.SINGLE_RECIPIENT_BOUNCE).isEmpty()) {
            throw new IllegalArgumentException("no usable single-recipient bounce among the templates: " + rejected);
        }
    }

    /** A generator over the real bounces shipped in the jar for the demo (src/main/resources/demo). */
    public static BounceGenerator fromDemoCorpus(long seed, Mix mix) throws IOException {
        return new BounceGenerator(demoCorpus(), seed, mix);
    }

    /** The demo's real bounces by file name, in the order demo/messages.txt lists them. */
    public static Map<String, byte[]> demoCorpus() throws IOException {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        for (String name : new String(resource("messages.txt"), StandardCharsets.UTF_8).lines()
                .map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            messages.put(name, resource(name));
        }
        return messages;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BounceGenerator.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("demo resource missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
    }

    /** The usable templates per category. */
    public Map<Category, List<String>> templates() {
        Map<Category, List<String>> names = new LinkedHashMap<>();
        pools.forEach((c, list) -> names.put(c, list.stream().map(Template::name).toList()));
        return names;
    }

    public List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    /** The message at this index: the same for the same seed, templates and index. */
    public Generated generate(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        Category category = pick(random.nextDouble());
        List<Template> pool = pools.get(category);
        if (pool.isEmpty()) {
            // The parser finds no template of this kind (yet): a single-recipient bounce takes its place.
            pool = pools.get(Category.SINGLE_RECIPIENT_BOUNCE);
        }
        Template t = pool.get(random.nextInt(pool.size()));
        return copy(t, index, Long.toHexString(random.nextLong() & Long.MAX_VALUE));
    }

    private Category pick(double r) {
        if (r < mix.multiRecipient()) {
            return Category.MULTI_RECIPIENT_BOUNCE;
        }
        if (r < mix.multiRecipient() + mix.autoReply()) {
            return Category.AUTO_REPLY;
        }
        if (r < mix.multiRecipient() + mix.autoReply() + mix.notABounce()) {
            return Category.NOT_A_BOUNCE;
        }
        return Category.SINGLE_RECIPIENT_BOUNCE;
    }

    private Generated copy(Template t, int index, String nonce) {
        String text = t.text();
        if (t.messageId().isEmpty()) {
            // Not a bounce: only its own Message-ID changes, so that every copy is a distinct message.
            String fresh = "Message-ID: <" + nonce + "." + index + "@bench.rebound.invalid>";
            Matcher own = OWN_MESSAGE_ID.matcher(text);
            text = own.find() && own.start() < headerEnd(text)
                    ? text.substring(0, own.start()) + fresh + text.substring(own.end())
                    : fresh + "\r\n" + text;
            return new Generated(index, t.category(), t.name(), text.getBytes(StandardCharsets.ISO_8859_1), "",
                    List.of());
        }
        String messageId = nonce + "." + index + "@" + domainOf(t.messageId());
        text = text.replace(t.messageId(), messageId);
        Map<String, String> fresh = new LinkedHashMap<>();
        for (int k = 0; k < t.addresses().size(); k++) {
            Address a = t.addresses().get(k);
            String address = "rcpt" + index + "x" + k + "." + nonce.substring(0, Math.min(6, nonce.length())) + "@"
                    + a.domain();
            fresh.put(a.lowerCase(), address);
            text = a.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(address));
        }
        List<String> recipients = t.finalRecipients().stream().map(fresh::get).toList();
        return new Generated(index, t.category(), t.name(), text.getBytes(StandardCharsets.ISO_8859_1), messageId,
                recipients);
    }

    private void learn(ReportParser parser, String name, byte[] raw) {
        // ISO-8859-1 maps each byte to one char and back, so replacing in the text keeps every other byte as it was.
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        BounceReport report;
        try {
            report = parser.parse(raw);
        } catch (UnparseableMessageException | RuntimeException e) {
            rejected.add(new Rejected(name, "the parser cannot read it: " + e.getMessage()));
            return;
        }
        boolean autoReply = report.kind() == Kind.AUTO_REPLY || name.startsWith(AUTO_REPLY_TEMPLATE_PREFIX);
        if (!report.isBounce()) {
            Category category = autoReply ? Category.AUTO_REPLY : Category.NOT_A_BOUNCE;
            verifyAndAdd(parser, new Template(name, category, text, "", List.of(), List.of()));
            return;
        }
        String messageId = report.original().messageId();
        if (messageId.isEmpty()) {
            rejected.add(new Rejected(name, "the parser finds no original Message-ID, so it cannot be correlated"));
            return;
        }
        List<String> finals = report.recipients().stream().map(RecipientStatus::finalRecipient).toList();
        List<Address> addresses = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (RecipientStatus r : report.recipients()) {
            for (String a : List.of(r.finalRecipient(), r.originalRecipient())) {
                String lower = a.toLowerCase(Locale.ROOT);
                if (lower.contains("@") && seen.putIfAbsent(lower, true) == null) {
                    addresses.add(Address.of(lower));
                }
            }
        }
        if (finals.stream().anyMatch(f -> !seen.containsKey(f.toLowerCase(Locale.ROOT)))) {
            rejected.add(new Rejected(name, "a final recipient is not an address: " + finals));
            return;
        }
        Category category = autoReply ? Category.AUTO_REPLY
                : finals.stream().distinct().count() > 1 ? Category.MULTI_RECIPIENT_BOUNCE
                : Category.SINGLE_RECIPIENT_BOUNCE;
        List<String> finalsLower = finals.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        verifyAndAdd(parser, new Template(name, category, text, messageId, addresses, finalsLower));
    }

    /** Keeps a template only if the parser reads a probe copy as expected: the replaced values, or no recipient. */
    private void verifyAndAdd(ReportParser parser, Template t) {
        Generated probe = copy(t, 0, "probe0");
        BounceReport report;
        try {
            report = parser.parse(probe.raw());
        } catch (UnparseableMessageException | RuntimeException e) {
            rejected.add(new Rejected(t.name(), "a copy cannot be read: " + e.getMessage()));
            return;
        }
        List<String> found = report.isBounce()
                ? report.recipients().stream().map(RecipientStatus::finalRecipient).toList() : List.of();
        String foundId = report.isBounce() ? report.original().messageId() : "";
        if (!found.equals(probe.recipients()) || !foundId.equals(probe.originalMessageId())) {
            rejected.add(new Rejected(t.name(), "in a copy the parser finds " + found + " of " + foundId
                    + " instead of " + probe.recipients() + " of " + probe.originalMessageId()));
            return;
        }
        pools.get(t.category()).add(t);
    }

    /** Where the top-level header block ends (the first empty line, RFC 5322 section 2.1). */
    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int end = crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
        return end < 0 ? text.length() : end;
    }

    private static String domainOf(String messageId) {
        int at = messageId.lastIndexOf('@');
        return at < 0 || at == messageId.length() - 1 ? "sender.rebound.invalid" : messageId.substring(at + 1);
    }
}
