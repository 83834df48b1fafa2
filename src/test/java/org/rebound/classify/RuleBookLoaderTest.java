package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The loader refuses a rule file it cannot use, and says where: file and line. */
class RuleBookLoaderTest {

    private static final String GOOD = """
            - id: good-rule
              reason: mailboxfull
              source: RFC 3463 X.2.2
              match:
                diagnostic: ['mailbox full']
              examples:
                - {diagnostic: "552 mailbox full"}
            """;

    private final RuleBookLoader loader = new RuleBookLoader();

    private RuleBookException rejected(String text) {
        return assertThrows(RuleBookException.class, () -> loader.load(List.of(new RuleFile("local/test.yaml", text))));
    }

    @Test
    void aValidFileLoadsItsRulesInOrder() {
        RuleBook book = loader.load(List.of(new RuleFile("a.yaml", GOOD)));
        assertEquals(List.of("good-rule"), book.rules().stream().map(Rule::id).toList());
    }

    @Test
    void unknownReasonIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("reason: mailboxfull", "reason: mailboxfool"));
        assertEquals("local/test.yaml", e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("local/test.yaml:2: unknown reason 'mailboxfool'"), e.getMessage());
    }

    @Test
    void duplicateIdIsRejectedWithFileAndLineOfTheSecond() {
        RuleBookException e = assertThrows(RuleBookException.class, () -> loader.load(List.of(
                new RuleFile("first.yaml", GOOD), new RuleFile("second.yaml", "\n" + GOOD))));
        assertEquals("second.yaml", e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("duplicate rule id 'good-rule' (first defined at first.yaml:1)"),
                e.getMessage());
    }

    @Test
    void unknownRuleKeyIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("  source:", "  sauce: x\n  source:"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unknown key 'sauce'"), e.getMessage());
    }

    @Test
    void unknownMatchKeyIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("    diagnostic: ['mailbox full']",
                "    diagnostic: ['mailbox full']\n    subject: ['x']"));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("unknown key 'subject' in a match"), e.getMessage());
    }

    @Test
    void ruleWithoutExamplesIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.substring(0, GOOD.indexOf("  examples:")));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("rule 'good-rule' has no examples"), e.getMessage());
    }

    @Test
    void ruleWithAnEmptyExampleListIsRejected() {
        RuleBookException e = rejected(GOOD.substring(0, GOOD.indexOf("  examples:")) + "  examples: []\n");
        assertTrue(e.getMessage().contains("has no examples"), e.getMessage());
    }

    @Test
    void exampleTheRuleDoesNotMatchIsRejectedWithTheExampleLine() {
        RuleBookException e = rejected(GOOD.replace("552 mailbox full", "550 user unknown"));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("does not match its own example"), e.getMessage());
    }

    @Test
    void badRegularExpressionIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("['mailbox full']", "['mailbox (full']"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("bad regular expression"), e.getMessage());
    }

    @Test
    void badStatusPatternIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("    diagnostic: ['mailbox full']",
                "    status: [5.2.two]\n    diagnostic: ['mailbox full']"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("not a status pattern"), e.getMessage());
    }

    @Test
    void invalidYamlIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("  source: RFC 3463 X.2.2", "  source: RFC 3463: X.2.2"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void ruleWithoutConditionsIsRejected() {
        RuleBookException e = rejected(GOOD.replace("    diagnostic: ['mailbox full']\n", "    {}\n"));
        assertTrue(e.getMessage().contains("at least one condition") || e.getMessage().contains("mapping"),
                e.getMessage());
    }

    @Test
    void unknownSmtpCommandIsRejectedWithFileAndLine() {
        RuleBookException e = rejected(GOOD.replace("    diagnostic: ['mailbox full']",
                "    diagnostic: ['mailbox full']\n    command: [rcpt, helo2]"));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("helo2"), e.getMessage());
    }

    @Test
    void commandConditionMatchesOnlyThatStage() {
        RuleBook book = loader.load(List.of(new RuleFile("a.yaml", """
                - id: unknown-after-data
                  reason: filtered
                  source: RFC 5321 section 3.3
                  match:
                    command: [data]
                    diagnostic: ['user unknown']
                  examples:
                    - {command: data, diagnostic: "550 User unknown"}
                """)));
        RuleExample atData = book.rules().get(0).examples().get(0);
        RuleExample atRcpt = new RuleExample(atData.kind(), atData.parser(), atData.action(), "", "", atData.diagnostic(), "", "", "",
                org.rebound.dsn.SmtpCommand.RCPT, 1);
        assertTrue(book.firstMatch(atData.toReport(), atData.toRecipient()).isPresent());
        assertTrue(book.firstMatch(atRcpt.toReport(), atRcpt.toRecipient()).isEmpty());
    }

    @Test
    void aParserConditionHoldsOnlyForReportsReadByThatParser() {
        RuleBook book = loader.load(List.of(new RuleFile("a.yaml", """
                - id: qmail-own-words
                  reason: notaccept
                  source: Sisimai lib/Sisimai/Lhost/qmail.pm
                  match:
                    parser: [qmail]
                    diagnostic: ["couldn't find a mail exchanger"]
                  examples:
                    - {parser: qmail, diagnostic: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"}
                """)));
        RuleExample byQmail = book.rules().get(0).examples().get(0);
        RuleExample byOther = new RuleExample(byQmail.kind(), "postfix", byQmail.action(), "", "", byQmail.diagnostic(),
                "", "", "", byQmail.command(), 1);
        assertTrue(book.firstMatch(byQmail.toReport(), byQmail.toRecipient()).isPresent());
        assertTrue(book.firstMatch(byOther.toReport(), byOther.toRecipient()).isEmpty());
    }

    @Test
    void aParserNameOutsideLowerCaseLettersAndDigitsIsRefused() {
        RuleBookException e = rejected("""
                - id: x
                  reason: notaccept
                  source: s
                  match:
                    parser: [Qmail]
                  examples:
                    - {parser: Qmail}
                """);
        assertTrue(e.getMessage().contains("parser name"), e.getMessage());
    }
}
