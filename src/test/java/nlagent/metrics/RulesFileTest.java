package nlagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The shipped alerting rules: valid for Prometheus, each alert fires and clears on crafted series
 * ({@code promtool test rules} on packaging/prometheus/nlagent-rules.test.yml: a failing expectation
 * fails the run), and the kube-prometheus PrometheusRule carries exactly the same groups.
 */
class RulesFileTest {
    private static final Path DIR = root().resolve("packaging/prometheus");

    @Test
    void promtoolChecksAndUnitTestsTheRules() {
        Preconditions.assumeCommands("promtool");
        Processes.Result check = Processes.run(60, "promtool", "check", "rules", DIR.resolve("nlagent-rules.yml").toString());
        assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
        assertTrue(check.stdout().contains("SUCCESS: 8 rules found"), check.stdout());
        Processes.Result test = Processes.run(120, "sh", "-c", "cd " + DIR + " && promtool test rules nlagent-rules.test.yml");
        assertEquals(0, test.exitCode(), test.stdout() + test.stderr());
        assertTrue(test.stdout().contains("SUCCESS"), test.stdout());
    }

    @Test
    void everyAlertHasAFiringAndAClearingExpectation() throws Exception {
        String rules = Files.readString(DIR.resolve("nlagent-rules.yml"));
        String tests = Files.readString(DIR.resolve("nlagent-rules.test.yml"));
        for (String line : rules.split("\n")) {
            String t = line.trim();
            if (t.startsWith("- alert: ")) {
                String name = t.substring("- alert: ".length());
                assertTrue(tests.contains("alertname: " + name + ", exp_alerts: []}"), name + " never expected clear");
                assertTrue(tests.contains("alertname: " + name + "\n        exp_alerts:\n          - exp_labels"),
                        name + " never expected firing");
            }
        }
    }

    @Test
    void prometheusRuleHoldsTheSameGroups() throws Exception {
        String rules = Files.readString(DIR.resolve("nlagent-rules.yml"));
        String groups = rules.substring(rules.indexOf("\ngroups:") + 1);
        String indented = groups.lines().map(l -> l.isEmpty() ? l : "  " + l).collect(Collectors.joining("\n")) + "\n";
        String cr = Files.readString(root().resolve("packaging/kubernetes/prometheusrule.yaml"));
        assertTrue(cr.contains("kind: PrometheusRule\n"), cr);
        assertTrue(cr.endsWith("spec:\n" + indented), "prometheusrule.yaml's spec must be nlagent-rules.yml's groups, indented");
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("packaging"))) {
            p = p.getParent();
        }
        return p;
    }
}
