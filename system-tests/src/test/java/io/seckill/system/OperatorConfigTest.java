package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service has exactly one operator file, config/&lt;service&gt;.yaml (the Nacos data id of the same
 * name), it is referenced by the service's packaged defaults, and every setting in it says what it does.
 */
class OperatorConfigTest {

    private static final Pattern LEAF_SETTING = Pattern.compile("^\\s*[\\w.-]+:\\s*[^\\s#].*$");

    static String[] services() {
        return RepoFiles.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everySettingInTheOperatorFileIsDocumented(String service) throws IOException {
        Path file = RepoFiles.ROOT.resolve("config").resolve(service + ".yaml");
        assertThat(file).exists();

        List<String> undocumented = Files.readAllLines(file).stream()
                .filter(line -> LEAF_SETTING.matcher(line).matches())
                .filter(line -> !line.contains("#"))
                .toList();

        assertThat(undocumented).as("settings in %s without a comment saying what they do", file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void thePackagedDefaultsImportAndWatchThatFile(String service) throws IOException {
        String defaults = Files.readString(RepoFiles.ROOT.resolve(service).resolve("src/main/resources/application.yaml"));
        String nacos = Files.readString(RepoFiles.ROOT.resolve(service).resolve("src/main/resources/application-nacos.yaml"));

        assertThat(defaults)
                .contains("import: optional:file:${SECKILL_CONFIG_DIR:config}/" + service + ".yaml")
                .contains("file: ${SECKILL_CONFIG_DIR:config}/" + service + ".yaml")
                .contains("name: " + service);
        assertThat(nacos).contains("import: nacos:" + service + ".yaml?refreshEnabled=true");
    }
}
