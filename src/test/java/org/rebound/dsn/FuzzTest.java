package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.dsn.parse.ReportParser;

/**
 * Mutates corpus messages (truncation, flipped bytes, deleted and duplicated lines, stripped CRs, inserted 8-bit
 * bytes, deep nesting) with a fixed seed and parses 10,000 of them: nothing but UnparseableMessageException may
 * escape, and none may be the parser's internal-error wrapper around an unexpected RuntimeException.
 */
class FuzzTest {

    private static final int MUTANTS = 10_000;
    private static final long SEED = 20240611L;

    @Test
    void tenThousandMutatedMessagesRaiseNoUnexpectedException() {
        List<byte[]> corpus = new ArrayList<>();
        CorpusSupport.messages().values().forEach(corpus::addAll);
        Random random = new Random(SEED);
        ReportParser parser = new ReportParser(256 * 1024, ReportParser.DEFAULT_MAX_RECIPIENTS);
        int parsed = 0;
        int refused = 0;
        List<String> internalErrors = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = Mutator.mutate(corpus.get(random.nextInt(corpus.size())), random);
            try {
                parser.parse(mutant);
                parsed++;
            } catch (UnparseableMessageException e) {
                refused++;
                if (e.getCause() instanceof RuntimeException) {
                    internalErrors.add(e.getMessage());
                }
            }
        }
        System.out.printf("fuzz: %d mutants, %d parsed, %d refused with a reason, %d internal errors%n",
                MUTANTS, parsed, refused, internalErrors.size());
        assertTrue(internalErrors.isEmpty(),
                () -> "internal errors, first ones: " + internalErrors.subList(0, Math.min(5, internalErrors.size())));
    }
}
