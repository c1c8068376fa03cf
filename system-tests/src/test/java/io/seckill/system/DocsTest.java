package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A newcomer's way in: README.md stays one page (what the platform is, the two commands, prerequisites, ports, where
 * to go next), and every link of every Markdown file resolves inside the repository, anchors included, so the doc
 * table leads to every topic.
 */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void theReadmeIsOnePageWithTheTwoCommandsAndTheWayOn() throws IOException {
        List<String> readme = Files.readAllLines(RepoFiles.ROOT.resolve("README.md"));

        assertThat(readme.size()).as("README.md lines").isLessThanOrEqualTo(150);
        assertThat(String.join("\n", readme)).contains("./seckill demo", "./seckill test", "```mermaid", "docs/ARCHITECTURE.md",
                "docs/OPERATIONS.md", "docs/TESTING.md", "docs/DECISIONS.md", "docs/PITFALLS.md", "BENCHMARKS.md");
        assertThat(Files.readString(RepoFiles.ROOT.resolve(".ci/run"))).as(".ci/run runs the README's test command")
                .contains("./seckill test");
    }

    @Test
    void everyLinkOfEveryDocumentResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : markdownFiles()) {
            Matcher link = LINK.matcher(Files.readString(doc));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!resolved.startsWith(RepoFiles.ROOT) || !Files.exists(resolved)) {
                    broken.add(RepoFiles.ROOT.relativize(doc) + ": " + target + " (no such file in the repository)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(RepoFiles.ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that do not resolve").isEmpty();
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RepoFiles.ROOT)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        String relative = RepoFiles.ROOT.relativize(path).toString();
                        return !relative.startsWith(".") && !relative.contains("/target/") && !relative.startsWith("target/")
                                && !relative.contains("node_modules");
                    })
                    .toList();
        }
    }

    /** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens, numbered repeats. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCode || !heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
            String slug = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; anchors.contains(unique); n++) {
                unique = slug + "-" + n;
            }
            anchors.add(unique);
        }
        return anchors;
    }
}
