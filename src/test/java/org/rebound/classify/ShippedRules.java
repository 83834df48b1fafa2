package org.rebound.classify;

import java.nio.file.Path;
import java.util.List;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.StatusCode;

/** The shipped rule book of the project folder, without any operator rules, and helpers to build inputs. */
final class ShippedRules {

    private static final RuleBook BOOK = new RuleBookLoader()
            .load(new RuleFiles(Path.of("rules"), Path.of("target", "no-operator-rules")).read());

    private ShippedRules() {
    }

    static RuleBook book() {
        return BOOK;
    }

    static Classifier classifier() {
        return new Classifier(BOOK);
    }

    static RecipientStatus failed(String status, String diagnostic) {
        return new RecipientStatus("user@example.org", "", Action.FAILED,
                status.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(StatusCode.parse(status)),
                diagnostic.length() >= 3 && diagnostic.substring(0, 3).matches("[245]\\d\\d") ? diagnostic.substring(0, 3) : "",
                diagnostic, "", "", org.rebound.dsn.SmtpCommand.UNKNOWN);
    }

    static BounceReport dsn(RecipientStatus r) {
        return new BounceReport(Kind.DSN, "test", "", "", "", "", OriginalMessage.UNKNOWN, List.of(r));
    }
}
