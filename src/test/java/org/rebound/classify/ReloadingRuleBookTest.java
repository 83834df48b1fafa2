package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rebound.dsn.RecipientStatus;

/** Operator rules win over shipped ones, and an edited rule file applies without a restart. */
class ReloadingRuleBookTest {

    private static final String SHIPPED = """
            - id: shipped-user-unknown
              reason: userunknown
              source: RFC 3463 X.1.1
              match: {status: ['*.1.1']}
              examples: [{status: 5.1.1}]
            """;

    private static final String OPERATOR = """
            # our MX answers 5.1.1 for a full mailbox, with this wording
            - id: local-quota-wording
              reason: mailboxfull
              source: our mail team
              match: {diagnostic: ['storage allotment used']}
              examples: [{status: 5.1.1, diagnostic: "550 5.1.1 storage allotment used"}]
            """;

    @TempDir
    Path dir;

    private final RecipientStatus quotaIn511 = ShippedRules.failed("5.1.1", "550 5.1.1 storage allotment used");

    private Reason reason(Classifier classifier) {
        return classifier.classify(ShippedRules.dsn(quotaIn511), quotaIn511).reason();
    }

    private ReloadingRuleBook book() {
        return new ReloadingRuleBook(new RuleFiles(dir, dir.resolve("local")), new RuleBookLoader(), Duration.ZERO);
    }

    private void write(Path file, String text, int secondsLater) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsLater)));
    }

    @Test
    void operatorRuleWinsOverShippedRule() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED, 0);
        write(dir.resolve("local/ours.yaml"), OPERATOR, 0);
        assertEquals(Reason.MAILBOXFULL, reason(new Classifier(book())));
    }

    @Test
    void addedOperatorFileAppliesWithoutRestart() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED, 0);
        Classifier classifier = new Classifier(book());
        assertEquals(Reason.USERUNKNOWN, reason(classifier));
        write(dir.resolve("local/ours.yaml"), OPERATOR, 1);
        assertEquals(Reason.MAILBOXFULL, reason(classifier));
    }

    @Test
    void brokenEditKeepsThePreviousBook() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED, 0);
        write(dir.resolve("local/ours.yaml"), OPERATOR, 0);
        Classifier classifier = new Classifier(book());
        write(dir.resolve("local/ours.yaml"), OPERATOR.replace("reason: mailboxfull", "reason: fullmailbox"), 1);
        assertEquals(Reason.MAILBOXFULL, reason(classifier));
    }

    @Test
    void fixedEditAfterABrokenOneApplies() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED, 0);
        Classifier classifier = new Classifier(book());
        write(dir.resolve("local/ours.yaml"), OPERATOR.replace("reason: mailboxfull", "reason: fullmailbox"), 1);
        assertEquals(Reason.USERUNKNOWN, reason(classifier));
        write(dir.resolve("local/ours.yaml"), OPERATOR, 2);
        assertEquals(Reason.MAILBOXFULL, reason(classifier));
    }

    @Test
    void brokenBookAtStartIsAnError() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED.replace("reason: userunknown", "reason: nobody"), 0);
        RuleBookException e = assertThrows(RuleBookException.class, this::book);
        assertEquals(dir.resolve("10-shipped.yaml").toString(), e.file());
    }

    @Test
    void missingShippedFolderFallsBackToTheRulesPackedWithTheApplication() {
        RuleBook packaged = new RuleBookLoader().load(
                new RuleFiles(dir.resolve("absent"), dir.resolve("absent/local")).read());
        assertEquals(ShippedRules.book().rules().stream().map(Rule::id).toList(),
                packaged.rules().stream().map(Rule::id).toList());
    }

    @Test
    void eachReloadTellsTheListenerWhetherTheNewBookLoaded() throws IOException {
        write(dir.resolve("10-shipped.yaml"), SHIPPED, 0);
        List<Boolean> told = new ArrayList<>();
        ReloadingRuleBook book = new ReloadingRuleBook(new RuleFiles(dir, dir.resolve("local")), new RuleBookLoader(),
                Duration.ZERO, told::add);
        write(dir.resolve("local/ours.yaml"), OPERATOR.replace("reason: mailboxfull", "reason: fullmailbox"), 1);
        book.get();
        write(dir.resolve("local/ours.yaml"), OPERATOR, 2);
        book.get();
        assertEquals(List.of(false, true), told);
    }
}
