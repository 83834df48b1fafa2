package org.rebound.dsn.phrase;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.StatusCode;
import org.rebound.text.RuleDataFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks the phrase files. {@code status.yaml}:
 *
 * <pre>
 * temporary:
 *   source: Sisimai lib/Sisimai/SMTP/Status.pm
 *   words: [temporar, will retry]        # lower case
 * codes:                                 # in order: an earlier entry's phrase wins
 *   - status: X.0.922                    # the internal code; the class X comes from the text and reply code
 *     source: Sisimai lib/Sisimai/Reason/MailboxFull.pm
 *     phrases: [mailbox full, over quota] # lower-case ASCII, found anywhere, case ignored
 * </pre>
 *
 * {@code mta-wording.yaml}: a list of {@code {mta: NAME, source: ..., wording: [{phrase: ..., status: 5.0.911}]}}.
 * The loader rejects, naming the file, the line and the entry: YAML errors, unknown or missing keys, a bad status, a
 * phrase not in lower case (or not ASCII where the fast search needs it), a phrase given twice, an MTA given twice.
 */
public final class PhraseBookLoader {

    private static final Pattern INTERNAL_CODE = Pattern.compile("X\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The folder of the phrase files under the rule folder (rules/phrases/). */
    public static final String FOLDER = "phrases";
    /** The table of phrases that give a diagnostic without a code its internal status code. */
    public static final String STATUS = "status.yaml";
    /** The reporting MTAs' own fixed sentences and the status each states. */
    public static final String MTA_WORDING = "mta-wording.yaml";

    public PhraseBook load(RuleDataFiles files) {
        RuleDataFiles.Text status = files.read(STATUS);
        RuleDataFiles.Text wording = files.read(MTA_WORDING);
        return load(status, wording);
    }

    public PhraseBook load(RuleDataFiles.Text status, RuleDataFiles.Text wording) {
        Node root = root(status);
        Map<String, NodeTuple> top = mapping(status.name(), root, Set.of("temporary", "codes"), "phrase file");
        Map<String, NodeTuple> temporary = mapping(status.name(), value(status.name(), top, "temporary", root),
                Set.of("source", "words"), "'temporary' entry");
        required(status.name(), temporary, "source", top.get("temporary").getValueNode());
        List<String> temporaryWords = new ArrayList<>();
        for (ScalarNode w : scalars(status.name(), temporary.get("words"), top.get("temporary").getValueNode(), "words")) {
            temporaryWords.add(phrase(status.name(), w, true));
        }
        return new PhraseBook(codes(status.name(), top, root), temporaryWords, wording(wording));
    }

    private List<CodePhrases> codes(String file, Map<String, NodeTuple> top, Node root) {
        Node list = value(file, top, "codes", root);
        if (!(list instanceof SequenceNode entries)) {
            throw error(file, list, "'codes' is a list of entries ('- status: X.0.9NN')");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<CodePhrases> codes = new ArrayList<>();
        for (Node node : entries.getValue()) {
            Map<String, NodeTuple> f = mapping(file, node, Set.of("status", "source", "phrases"), "code entry");
            String code = required(file, f, "status", node);
            Matcher m = INTERNAL_CODE.matcher(code);
            if (!m.matches()) {
                throw error(file, f.get("status").getValueNode(), "status '" + code
                        + "' must be written X.subject.detail (the class comes from the text), e.g. X.0.922");
            }
            String source = required(file, f, "source", node);
            List<String> phrases = new ArrayList<>();
            for (ScalarNode p : scalars(file, f.get("phrases"), node, "phrases")) {
                String phrase = phrase(file, p, true);
                Integer earlier = seen.putIfAbsent(phrase, line(p));
                if (earlier != null) {
                    throw error(file, p, "phrase '" + phrase + "' of " + code + " is already listed at line " + earlier
                            + " (an earlier entry wins, so this one could never apply)");
                }
                phrases.add(phrase);
            }
            codes.add(new CodePhrases(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), phrases, source,
                    line(node)));
        }
        return codes;
    }

    private Map<String, List<Map.Entry<String, String>>> wording(RuleDataFiles.Text text) {
        String file = text.name();
        Node root = root(text);
        if (!(root instanceof SequenceNode entries)) {
            throw error(file, root, "an MTA wording file is a list of entries ('- mta: NAME')");
        }
        Map<String, List<Map.Entry<String, String>>> byMta = new LinkedHashMap<>();
        for (Node node : entries.getValue()) {
            Map<String, NodeTuple> f = mapping(file, node, Set.of("mta", "source", "wording"), "MTA entry");
            String mta = required(file, f, "mta", node);
            required(file, f, "source", node);
            if (!(value(file, f, "wording", node) instanceof SequenceNode sentences) || sentences.getValue().isEmpty()) {
                throw error(file, node, "MTA '" + mta + "' needs a list under 'wording:'");
            }
            List<Map.Entry<String, String>> list = new ArrayList<>();
            for (Node s : sentences.getValue()) {
                Map<String, NodeTuple> sf = mapping(file, s, Set.of("phrase", "status"), "sentence of '" + mta + "'");
                if (!(value(file, sf, "phrase", s) instanceof ScalarNode p)) {
                    throw error(file, s, "MTA '" + mta + "': 'phrase' must be a text value");
                }
                String phrase = phrase(file, p, false);
                String status = required(file, sf, "status", s);
                try {
                    StatusCode.parse(status);
                } catch (IllegalArgumentException e) {
                    throw error(file, sf.get("status").getValueNode(), "MTA '" + mta + "', phrase '" + phrase
                            + "': bad status '" + status + "': " + e.getMessage());
                }
                list.add(Map.entry(phrase, status));
            }
            if (byMta.put(mta, List.copyOf(list)) != null) {
                throw error(file, node, "MTA '" + mta + "' is given twice");
            }
        }
        return byMta;
    }

    /** A phrase as the tables need it: lower case (diagnostics are searched case-blind), ASCII for the fast search. */
    private static String phrase(String file, ScalarNode node, boolean ascii) {
        String p = node.getValue();
        if (p.isBlank()) {
            throw error(file, node, "empty phrase");
        }
        if (!p.equals(p.toLowerCase(Locale.ROOT))) {
            throw error(file, node, "phrase '" + p + "' must be written in lower case");
        }
        if (ascii && !p.chars().allMatch(c -> c < 128)) {
            throw error(file, node, "phrase '" + p + "' must be ASCII (the phrase search reads ASCII only)");
        }
        return p;
    }

    private static Node root(RuleDataFiles.Text text) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text.text()));
            if (root == null) {
                throw new PhraseBookException(text.name(), 1, "empty phrase file");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new PhraseBookException(text.name(), line, "not valid YAML: " + e.getProblem(), e);
        }
    }

    private static Map<String, NodeTuple> mapping(String file, Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode map)) {
            throw error(file, node, "a " + what + " is a mapping of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            if (!allowed.contains(key)) {
                throw error(file, t.getKeyNode(), "unknown key '" + key + "' in a " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (fields.put(key, t) != null) {
                throw error(file, t.getKeyNode(), "key '" + key + "' given twice");
            }
        }
        return fields;
    }

    private static Node value(String file, Map<String, NodeTuple> fields, String key, Node owner) {
        NodeTuple t = fields.get(key);
        if (t == null) {
            throw error(file, owner, "missing '" + key + "'");
        }
        return t.getValueNode();
    }

    private static String required(String file, Map<String, NodeTuple> fields, String key, Node owner) {
        if (!(value(file, fields, key, owner) instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw error(file, owner, "'" + key + "' must be a text value");
        }
        return s.getValue().trim();
    }

    private static List<ScalarNode> scalars(String file, NodeTuple field, Node owner, String key) {
        if (field == null || !(field.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(file, owner, "'" + key + "' must be a non-empty list");
        }
        List<ScalarNode> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw error(file, item, "'" + key + "' holds text values only");
            }
            out.add(s);
        }
        return out;
    }

    private static PhraseBookException error(String file, Node node, String problem) {
        return new PhraseBookException(file, line(node), problem);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
