package org.rebound.dsn.phrase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rebound.text.RuleDataFiles;

class PhraseBookLoaderTest {

    private static final String TEMPORARY = "temporary:\n  source: RFC 3463\n  words: [temporar]\n";
    private static final RuleDataFiles.Text NO_WORDING = new RuleDataFiles.Text("mta-wording.yaml",
            "- mta: x\n  source: s\n  wording:\n    - {phrase: p, status: 5.0.911}\n");

    private static PhraseBook load(String status) {
        return new PhraseBookLoader().load(new RuleDataFiles.Text("status.yaml", status), NO_WORDING);
    }

    @Test
    void theShippedPhraseFilesLoad() {
        PhraseBook book = new PhraseBookLoader().load(new RuleDataFiles(Path.of("rules/phrases"), PhraseBookLoader.FOLDER));
        assertFalse(book.codes().isEmpty());
        assertFalse(book.wording("domino").isEmpty());
    }

    @Test
    void codesKeepTheirOrderSubjectAndDetail() {
        PhraseBook book = load(TEMPORARY + "codes:\n  - status: X.0.922\n    source: s\n    phrases: [over quota]\n"
                + "  - status: X.0.911\n    source: s\n    phrases: [no such user]\n");
        assertEquals(List.of(922, 911), book.codes().stream().map(CodePhrases::detail).toList());
        assertEquals(0, book.codes().get(0).subject());
    }

    @Test
    void aStatusWithAClassIsRefusedNamingFileAndLine() {
        PhraseBookException e = assertThrows(PhraseBookException.class, () -> load(TEMPORARY
                + "codes:\n  - status: 5.0.922\n    source: s\n    phrases: [over quota]\n"));
        assertTrue(e.getMessage().startsWith("status.yaml:5: status '5.0.922'"), e.getMessage());
    }

    @Test
    void aPhraseInUpperCaseIsRefusedNamingTheEntry() {
        PhraseBookException e = assertThrows(PhraseBookException.class, () -> load(TEMPORARY
                + "codes:\n  - status: X.0.922\n    source: s\n    phrases: [Over Quota]\n"));
        assertTrue(e.getMessage().contains("status.yaml:7: phrase 'Over Quota'"), e.getMessage());
    }

    @Test
    void aPhraseGivenTwiceIsRefusedBecauseTheSecondCouldNeverApply() {
        PhraseBookException e = assertThrows(PhraseBookException.class, () -> load(TEMPORARY
                + "codes:\n  - status: X.0.922\n    source: s\n    phrases: [full]\n"
                + "  - status: X.0.931\n    source: s\n    phrases: [full]\n"));
        assertTrue(e.getMessage().contains("already listed at line 7"), e.getMessage());
    }

    @Test
    void anEntryWithoutSourceIsRefused() {
        PhraseBookException e = assertThrows(PhraseBookException.class, () -> load(TEMPORARY
                + "codes:\n  - status: X.0.922\n    phrases: [full]\n"));
        assertTrue(e.getMessage().contains("missing 'source'"), e.getMessage());
    }

    @Test
    void anMtaSentenceWithABadStatusIsRefusedNamingTheMtaAndPhrase() {
        RuleDataFiles.Text wording = new RuleDataFiles.Text("mta-wording.yaml",
                "- mta: domino\n  source: s\n  wording:\n    - {phrase: cannot route, status: 5.0}\n");
        PhraseBookException e = assertThrows(PhraseBookException.class, () -> new PhraseBookLoader().load(
                new RuleDataFiles.Text("status.yaml", TEMPORARY + "codes:\n  - status: X.0.922\n    source: s\n"
                        + "    phrases: [full]\n"), wording));
        assertTrue(e.getMessage().startsWith("mta-wording.yaml:4: MTA 'domino', phrase 'cannot route'"), e.getMessage());
    }

    @Test
    void anMtaWithoutSentencesHasNone() {
        assertEquals(List.of(Map.entry("p", "5.0.911")), load(TEMPORARY
                + "codes:\n  - status: X.0.922\n    source: s\n    phrases: [full]\n").wording("x"));
        assertTrue(load(TEMPORARY + "codes:\n  - status: X.0.922\n    source: s\n    phrases: [full]\n")
                .wording("postfix").isEmpty());
    }
}
