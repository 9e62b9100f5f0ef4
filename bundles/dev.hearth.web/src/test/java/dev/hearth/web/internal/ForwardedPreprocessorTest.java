package dev.hearth.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ForwardedPreprocessorTest {
    private static final String PROXY = "10.0.0.5";

    @Test
    void aTrustedProxyTellsTheClientTheSchemeAndTheHost() throws Exception {
        HttpServletRequest seen = pass(
                "10.0.0.0/8",
                PROXY,
                Map.of(
                        "Host", "backend:8080",
                        "X-Forwarded-For", "198.51.100.7",
                        "X-Forwarded-Proto", "https",
                        "X-Forwarded-Host", "alice.example.com"));
        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.7");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.getHeader("Host")).isEqualTo("alice.example.com");
        assertThat(seen.getServerName()).isEqualTo("alice.example.com");
        assertThat(seen.getServerPort()).isEqualTo(443);
        assertThat(seen.getRequestURL()).hasToString("https://alice.example.com/auth/login");
    }

    @Test
    void anyoneElsesForwardingHeadersAreIgnored() throws Exception {
        HttpServletRequest seen = pass(
                "10.0.0.0/8",
                "203.0.113.9",
                Map.of("X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https", "Host", "alice.example.com"));
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
        assertThat(seen.isSecure()).isFalse();
        assertThat(pass("", PROXY, Map.of("X-Forwarded-For", "198.51.100.7")).getRemoteAddr())
                .as("no proxy is trusted by default")
                .isEqualTo(PROXY);
    }

    @Test
    void theClientIsTheRightmostAddressThatIsNotATrustedProxy() throws Exception {
        String forged = "1.2.3.4, 198.51.100.7, 10.0.0.9";
        assertThat(pass("10.0.0.0/8", PROXY, Map.of("X-Forwarded-For", forged)).getRemoteAddr())
                .isEqualTo("198.51.100.7");
        assertThat(pass("10.0.0.0/8", PROXY, Map.of("X-Forwarded-For", "10.0.0.7, 10.0.0.9"))
                        .getRemoteAddr())
                .as("only proxies: the leftmost")
                .isEqualTo("10.0.0.7");
        assertThat(pass("10.0.0.0/8", PROXY, Map.of("X-Forwarded-For", "198.51.100.7, unknown"))
                        .getRemoteAddr())
                .as("a hop that is no address stops the walk at the proxy that wrote it")
                .isEqualTo(PROXY);
    }

    @Test
    void forwardedIsReadBeforeTheXHeaders() throws Exception {
        HttpServletRequest seen = pass(
                "::1, 10.0.0.5",
                PROXY,
                Map.of(
                        "Forwarded", "for=\"[2001:db8::17]:4711\";proto=https;host=bob.example.org:8443",
                        "X-Forwarded-For", "198.51.100.7"));
        assertThat(seen.getRemoteAddr()).isEqualTo("2001:db8::17");
        assertThat(seen.getServerName()).isEqualTo("bob.example.org");
        assertThat(seen.getServerPort()).isEqualTo(8443);
        assertThat(seen.isSecure()).isTrue();
    }

    @Test
    void badSchemesAndHostsAreNotBelieved() throws Exception {
        HttpServletRequest seen = pass(
                PROXY,
                PROXY,
                Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.example/x?", "Host", "a.example"));
        assertThat(seen.getScheme()).isEqualTo("http");
        assertThat(seen.getHeader("Host")).isEqualTo("a.example");
    }

    @Test
    void rangesMatchByPrefixAndMalformedEntriesAreRefused() {
        TrustedProxies proxies = TrustedProxies.parse(new String[] {"192.168.1.0/25", "fd00::/8"});
        assertThat(proxies.trusts("192.168.1.127")).isTrue();
        assertThat(proxies.trusts("192.168.1.128")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("proxy.example")).isFalse();
        assertThatThrownBy(() -> TrustedProxies.parse(new String[] {"10.0.0.0/33"}))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse(new String[] {"localhost"}))
                .hasMessageContaining("localhost");
    }

    /** What the next element of the chain sees of a request from {@code peer}. */
    private static HttpServletRequest pass(String trusted, String peer, Map<String, String> headers) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new ForwardedPreprocessor(config(trusted))
                .doFilter(request(peer, headers), null, (req, resp) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }

    private static HttpServletRequest request(String peer, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                ForwardedPreprocessorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getScheme" -> "http";
                    case "isSecure" -> false;
                    case "getServerPort" -> 8080;
                    case "getRequestURI" -> "/auth/login";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.containsKey((String) args[0])
                                        ? List.of(headers.get((String) args[0]))
                                        : List.of());
                    default -> null;
                });
    }

    private static WebConfig config(String trusted) {
        return (WebConfig) Proxy.newProxyInstance(
                ForwardedPreprocessorTest.class.getClassLoader(),
                new Class<?>[] {WebConfig.class},
                (proxy, method, args) -> method.getName().equals("trustedProxies")
                        ? new String[] {trusted}
                        : method.getName().equals("annotationType")
                                ? (Class<? extends Annotation>) WebConfig.class
                                : null);
    }
}
