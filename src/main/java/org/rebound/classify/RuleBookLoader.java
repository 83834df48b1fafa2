package org.rebound.classify;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.rebound.dsn.Action;
import org.rebound.dsn.Kind;
import org.rebound.dsn.SmtpCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads rule files into a {@link RuleBook}. Each file is a YAML list of rules:
 *
 * <pre>
 * - id: userunknown-no-such-user          # unique in the whole book
 *   reason: userunknown                   # a Reason label (Sisimai's vocabulary)
 *   source: Sisimai lib/Sisimai/Reason/UserUnknown.pm
 *   match:                                # every condition given must hold; a list means any of
 *     status: [5.1.1, 5.1.x]              # enhanced status code patterns (RFC 3463)
 *     reply: [550]                        # SMTP reply code patterns (RFC 5321), x for any digit
 *     diagnostic: ['no such user']        # regular expressions, case-insensitive, found anywhere
 *     remote_mta: ['\.google\.com$']      # regular expressions on the Remote-MTA host
 *     provider: ['(?:^|\.)gmail\.com$']   # ... on the remote MTA, the reporting MTA or the recipient's domain
 *     kind: [feedback_report]             # the report's kind
 *     parser: [qmail]                     # the parser that read the report, as `explain` prints it
 *     action: [delivered]                 # RFC 3464 Action
 *   examples:                             # at least one; each must be decided by this rule
 *     - {status: 5.1.1, diagnostic: "550 5.1.1 No such user"}
 * </pre>
 *
 * The loader rejects, naming file and line: YAML errors, unknown keys, unknown reasons, kinds or actions, bad
 * patterns, rules without conditions or examples, duplicate ids, and examples their own rule does not decide. All
 * regular expressions are compiled here, never while classifying.
 */
public final class RuleBookLoader {

    private static final Set<String> RULE_KEYS = Set.of("id", "reason", "source", "match", "examples");
    private static final Set<String> MATCH_KEYS =
            Set.of("kind", "parser", "action", "command", "status", "reply", "diagnostic", "remote_mta", "provider");
    private static final Set<String> EXAMPLE_KEYS =
            Set.of("kind", "parser", "action", "command", "status", "reply", "diagnostic", "remote_mta",
                    "reporting_mta", "recipient");

    /** Loads files in the order given: earlier files' rules win. */
    public RuleBook load(List<RuleFile> files) {
        List<Rule> rules = new ArrayList<>();
        for (RuleFile file : files) {
            rules.addAll(parse(file));
        }
        return new RuleBook(rules);
    }

    /** The rules of one file, in order. */
    public List<Rule> parse(RuleFile file) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(file.text()));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new RuleBookException(file.name(), line, "not valid YAML: " + e.getProblem(), e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof SequenceNode list)) {
            throw error(file, root, "a rule file is a list of rules ('- id: ...')");
        }
        List<Rule> rules = new ArrayList<>();
        for (Node item : list.getValue()) {
            rules.add(rule(file, item));
        }
        return rules;
    }

    private Rule rule(RuleFile file, Node node) {
        Map<String, NodeTuple> fields = mapping(file, node, RULE_KEYS, "rule");
        String id = requiredScalar(file, node, fields, "id");
        Reason reason = convert(file, fields.get("reason"), requiredScalar(file, node, fields, "reason"),
                Reason::parse);
        String source = requiredScalar(file, node, fields, "source");
        if (!fields.containsKey("match")) {
            throw error(file, node, "rule '" + id + "' has no 'match' conditions");
        }
        Conditions conditions = conditions(file, fields.get("match").getValueNode());
        if (!fields.containsKey("examples")
                || !(fields.get("examples").getValueNode() instanceof SequenceNode examples)
                || examples.getValue().isEmpty()) {
            throw error(file, node, "rule '" + id + "' has no examples (a list under 'examples:')");
        }
        List<RuleExample> parsed = new ArrayList<>();
        for (Node e : examples.getValue()) {
            parsed.add(example(file, e));
        }
        Rule rule = new Rule(id, reason, source, conditions, parsed, file.name(), line(node));
        for (RuleExample e : parsed) {
            if (conditions.test(e.toReport(), e.toRecipient()).isEmpty()) {
                throw new RuleBookException(file.name(), e.line(),
                        "rule '" + id + "' does not match its own example");
            }
        }
        return rule;
    }

    private Conditions conditions(RuleFile file, Node node) {
        Map<String, NodeTuple> fields = mapping(file, node, MATCH_KEYS, "match");
        Conditions c = new Conditions(
                Set.copyOf(list(file, fields.get("kind"), Kind::parse)),
                Set.copyOf(list(file, fields.get("parser"), RuleBookLoader::parserName)),
                Set.copyOf(list(file, fields.get("action"), RuleBookLoader::action)),
                Set.copyOf(list(file, fields.get("command"), RuleBookLoader::command)),
                list(file, fields.get("status"), StatusPattern::parse),
                list(file, fields.get("reply"), ReplyPattern::parse),
                list(file, fields.get("diagnostic"), RuleBookLoader::compile),
                regex(file, fields.get("remote_mta")),
                regex(file, fields.get("provider")));
        if (c.isEmpty()) {
            throw error(file, node, "'match' needs at least one condition (" + String.join(", ", MATCH_KEYS) + ")");
        }
        return c;
    }

    private RuleExample example(RuleFile file, Node node) {
        Map<String, NodeTuple> f = mapping(file, node, EXAMPLE_KEYS, "example");
        String status = scalar(file, f, "status");
        if (!status.isEmpty()) {
            convert(file, f.get("status"), status, org.rebound.dsn.StatusCode::parse);
        }
        return new RuleExample(
                f.containsKey("kind") ? convert(file, f.get("kind"), scalar(file, f, "kind"), Kind::parse) : Kind.DSN,
                f.containsKey("parser") ? scalar(file, f, "parser").trim() : RuleExample.NO_PARSER,
                f.containsKey("action") ? convert(file, f.get("action"), scalar(file, f, "action"),
                        RuleBookLoader::action) : Action.FAILED,
                status, scalar(file, f, "reply"), scalar(file, f, "diagnostic"), scalar(file, f, "remote_mta"),
                scalar(file, f, "reporting_mta"), scalar(file, f, "recipient"),
                f.containsKey("command") ? convert(file, f.get("command"), scalar(file, f, "command"),
                        RuleBookLoader::command) : SmtpCommand.UNKNOWN, line(node));
    }

    /** A parser's name as `explain` prints it: lower-case letters and digits. */
    private static String parserName(String text) {
        String name = text.trim();
        if (!name.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("a parser name is lower-case letters and digits: '" + text + "'");
        }
        return name;
    }

    private static Action action(String text) {
        return Action.parse(text).filter(a -> a.keyword().equalsIgnoreCase(text.trim()))
                .orElseThrow(() -> new IllegalArgumentException("unknown action '" + text + "'"));
    }

    /** An SMTP command as a rule writes it: conn, ehlo, mail, rcpt, data, bdat, quit or unknown. */
    private static SmtpCommand command(String text) {
        SmtpCommand c = SmtpCommand.parse(text);
        if (!c.keyword().equalsIgnoreCase(text.trim())) {
            throw new IllegalArgumentException("unknown SMTP command '" + text + "' (allowed: conn, ehlo, mail, rcpt, "
                    + "data, bdat, quit, unknown)");
        }
        return c;
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    private Optional<Pattern> regex(RuleFile file, NodeTuple field) {
        if (field == null) {
            return Optional.empty();
        }
        List<String> sources = list(file, field, s -> {
            Pattern.compile(s, Pattern.CASE_INSENSITIVE);
            return s;
        });
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder joined = new StringBuilder();
        for (String s : sources) {
            joined.append(joined.isEmpty() ? "" : "|").append("(?:").append(s).append(')');
        }
        return Optional.of(Pattern.compile(joined.toString(), Pattern.CASE_INSENSITIVE));
    }

    /** A scalar or a list of scalars, each converted; conversion errors name the value's line. */
    private <T> List<T> list(RuleFile file, NodeTuple field, Function<String, T> convert) {
        if (field == null) {
            return List.of();
        }
        Node value = field.getValueNode();
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        List<T> out = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s)) {
                throw error(file, item, "expected a text value");
            }
            out.add(convert(file, item, s.getValue(), convert));
        }
        return out;
    }

    private static <T> T convert(RuleFile file, NodeTuple field, String text, Function<String, T> convert) {
        return convert(file, field.getValueNode(), text, convert);
    }

    private static <T> T convert(RuleFile file, Node node, String text, Function<String, T> convert) {
        try {
            return convert.apply(text);
        } catch (PatternSyntaxException e) {
            throw new RuleBookException(file.name(), line(node), "bad regular expression: " + e.getDescription()
                    + " in '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new RuleBookException(file.name(), line(node), e.getMessage(), e);
        }
    }

    private static Map<String, NodeTuple> mapping(RuleFile file, Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode map)) {
            throw error(file, node, "a " + what + " is a mapping of " + String.join(", ", allowed));
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw error(file, t.getKeyNode(), "keys must be plain words");
            }
            if (!allowed.contains(key.getValue())) {
                throw error(file, key, "unknown key '" + key.getValue() + "' in a " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (fields.put(key.getValue(), t) != null) {
                throw error(file, key, "key '" + key.getValue() + "' given twice");
            }
        }
        return fields;
    }

    private static String requiredScalar(RuleFile file, Node owner, Map<String, NodeTuple> fields, String key) {
        String value = scalar(file, fields, key);
        if (value.isBlank()) {
            throw error(file, owner, "missing '" + key + "'");
        }
        return value.trim();
    }

    private static String scalar(RuleFile file, Map<String, NodeTuple> fields, String key) {
        NodeTuple t = fields.get(key);
        if (t == null) {
            return "";
        }
        if (!(t.getValueNode() instanceof ScalarNode s)) {
            throw error(file, t.getValueNode(), "'" + key + "' must be a single text value");
        }
        return s.getValue();
    }

    private static RuleBookException error(RuleFile file, Node node, String problem) {
        return new RuleBookException(file.name(), line(node), problem);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
