package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 13, point 7: a fold is scored without the knowledge copied from its own files. */
class CrossFoldTest {

    private static final RuleBook BOOK = new RuleBookLoader().load(List.of(new RuleFile("t.yaml", """
            - id: two-expressions
              reason: userunknown
              source: test
              match:
                diagnostic: ['no such user here', 'mailbox unavailable']
              examples:
                - {diagnostic: "550 5.1.1 <a@example.org>: no such user here"}
                - {diagnostic: "mailbox unavailable"}
            - id: status-only
              reason: mailboxfull
              source: test
              match:
                status: ['5.2.2']
              examples:
                - {status: 5.2.2, diagnostic: "552 5.2.2 <a@example.org>: mailbox is full"}
            """)));

    private static Rule rule(String id) {
        return BOOK.rule(id).orElseThrow();
    }

    @Test
    void aFileBelongsToTheFoldOfItsPrefix() {
        assertEquals("lhost-postfix", CrossFold.foldOf("lhost-postfix-07.eml"));
        assertEquals("rfc3464", CrossFold.foldOf("rfc3464-63.eml"));
    }

    @Test
    void anExampleFoundVerbatimInTheFoldIsCopiedCaseAndSpacesAside() {
        String fold = CrossFold.normalised("Diagnostic-Code: smtp; 550 5.1.1 <A@example.org>:\n   No such user here");
        assertEquals(1, CrossFold.copiedExamples(rule("two-expressions"), fold, e -> false).size());
    }

    @Test
    void aShortExampleProvesNothingAboutWhereARuleCameFrom() {
        String fold = CrossFold.normalised("550 mailbox unavailable");
        assertTrue(CrossFold.copiedExamples(rule("two-expressions"), fold, e -> false).isEmpty());
    }

    @Test
    void anExampleTheCitedSourceGivesIsNotCopiedFromTheFold() {
        String fold = CrossFold.normalised("550 5.1.1 <a@example.org>: no such user here");
        assertTrue(CrossFold.copiedExamples(rule("two-expressions"), fold, e -> true).isEmpty());
    }

    @Test
    void aModuleGivesWhatItsCodeSaysNotTheSampleBouncesItsCommentsQuote() {
        String code = CrossFold.moduleCode("""
                state $index = [
                    # - 550 5.1.1 <kijitora@example.jp>... User Unknown (in reply to RCPT TO command)
                    'user unknown',     # Sendmail
                    '#5.1.1 bad address',
                    "can't accept user", # it's qmail's
                ];
                return 1 if $#list > 0; # the end
                __END__
                =head1 SYNOPSIS
                    print Sisimai::Reason::UserUnknown->match('550 5.1.1 Unknown User');
                """);
        assertTrue(code.contains("'user unknown'"));
        assertTrue(code.contains("#5.1.1 bad address"));
        assertTrue(code.contains("can't accept user"));
        assertTrue(code.contains("$#list > 0"));
        assertTrue(!code.contains("kijitora") && !code.contains("sendmail") && !code.contains("it's qmail's"));
        assertTrue(!code.contains("the end") && !code.contains("550 5.1.1 unknown user"));
    }

    @Test
    void theRuleLosesOnlyTheExpressionsThatMatchTheCopiedExample() {
        Rule r = rule("two-expressions");
        Rule left = CrossFold.withoutCopied(r, List.of(r.examples().get(0))).orElseThrow();
        assertEquals(List.of("mailbox unavailable"), left.conditions().diagnostic().stream().map(p -> p.pattern()).toList());
    }

    @Test
    void aRuleWithoutExpressionsWhoseExampleWasCopiedIsLeftOut() {
        Rule r = rule("status-only");
        assertTrue(CrossFold.withoutCopied(r, r.examples()).isEmpty());
    }
}
