package io.seckill.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The loops that replace Spring's regexes (firewall characters, bearer header) answer exactly as those did. */
class HeaderRulesTest {

    private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
    private static final List<String> TEXTS = List.of("", "plain", "Bearer eyJ.x-y_z", "tab\there", "cr\rlf\n", "nul\0",
            "del\u007f", "c1\u0085", "é ü 中文", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "unassigned \u0378",
            "line\u2028sep", "bom\uFEFF", "private \uE000");

    @Test
    void firewallCharactersAreThoseOfSpringsPatterns() {
        for (String text : TEXTS) {
            assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test(text)).as(text)
                    .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
            assertThat(HeaderCharacters.HEADER_VALUE.test(text)).as(text).isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
    }

    @Test
    void theBearerTokenIsReadAsSpringsResolverReadsIt() {
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        BearerHeader ours = new BearerHeader();
        for (String header : List.of("Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer abc==", "BEARER abc", "Bearer abc=d",
                "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer a,b", "Bearer ===", "Basic abc", "Bearerabc",
                "Bearer\tabc", "Token abc")) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.addHeader("Authorization", header);
            String expected;
            try {
                expected = spring.resolve(request);
            } catch (OAuth2AuthenticationException malformed) {
                assertThatThrownBy(() -> ours.resolve(request)).as(header).isInstanceOf(OAuth2AuthenticationException.class);
                continue;
            }
            assertThat(ours.resolve(request)).as(header).isEqualTo(expected);
        }
        assertThat(ours.resolve(new MockHttpServletRequest())).isNull();
    }
}
