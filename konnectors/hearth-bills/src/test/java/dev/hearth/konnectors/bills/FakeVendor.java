package dev.hearth.konnectors.bills;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The site of "Ember Energy", the vendor the sample konnector imports bills from, served over
 * real HTTP on loopback. Deterministic: the same users, the same bills, the same PDF bytes.
 *
 * <ul>
 *   <li>{@code GET /}: the login form ({@code login}, {@code password});
 *   <li>{@code POST /login}: 303 to {@code /bills} with a {@code session} cookie, or 401 and an
 *       error page for a wrong login or password;
 *   <li>{@code GET /bills}: the bills as an HTML table (date, amount, vendor, PDF link), 302 to
 *       {@code /} without a session;
 *   <li>{@code GET /bills/<id>.pdf}: the bill as a small valid PDF, 403 without a session;
 *   <li>{@code POST /account/unlink}: forgets a user's sessions (what a konnector calls when its
 *       account is deleted);
 *   <li>test controls: {@code POST /_test/bills} ({@code id, date, amount}) adds a bill,
 *       {@code GET /_test/stats} counts logins, failed logins, bill pages, PDFs and unlinks.
 * </ul>
 *
 * <p>Also a program for other test suites: {@code java FakeVendor.java [port]} prints {@code
 * Fake vendor listening on http://127.0.0.1:<port>} and serves until it is killed.
 */
public final class FakeVendor implements AutoCloseable {
    public static final String VENDOR = "Ember Energy";
    public static final String LOGIN = "alice";
    public static final String PASSWORD = "correct horse battery staple";

    /** One bill: {@code date} is {@code yyyy-MM-dd}, {@code amount} in euros. */
    public record Bill(String id, String date, String amount) {}

    private final HttpServer server;
    private final Map<String, String> users = new ConcurrentHashMap<>(Map.of(LOGIN, PASSWORD));
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<Bill> bills = new ArrayList<>(List.of(
            new Bill("EE-2026-001", "2026-01-05", "23.90"),
            new Bill("EE-2026-002", "2026-02-05", "23.90"),
            new Bill("EE-2026-003", "2026-03-05", "31.50")));
    private final Map<String, AtomicInteger> stats = new ConcurrentHashMap<>();
    private final AtomicInteger nextSession = new AtomicInteger();

    public FakeVendor(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static void main(String[] args) throws IOException {
        FakeVendor vendor = new FakeVendor(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("Fake vendor listening on " + vendor.url());
        System.out.flush();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code path} and below with {@code handler} too (a test's other site on the same origin). */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int count(String what) {
        AtomicInteger n = stats.get(what);
        return n == null ? 0 : n.get();
    }

    public synchronized void addBill(Bill bill) {
        bills.add(bill);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                html(ex, 200, page("Sign in", LOGIN_FORM));
            } else if (method.equals("POST") && path.equals("/login")) {
                login(ex);
            } else if (method.equals("GET") && path.equals("/bills")) {
                billsPage(ex);
            } else if (method.equals("GET") && path.matches("/bills/[A-Za-z0-9-]+\\.pdf")) {
                pdf(ex, path.substring("/bills/".length(), path.length() - 4));
            } else if (method.equals("POST") && path.equals("/account/unlink")) {
                unlink(ex);
            } else if (method.equals("POST") && path.equals("/_test/bills")) {
                Map<String, String> f = form(ex.getRequestBody());
                addBill(new Bill(f.get("id"), f.get("date"), f.get("amount")));
                send(ex, 204, "text/plain", new byte[0]);
            } else if (method.equals("GET") && path.equals("/_test/stats")) {
                send(ex, 200, "application/json", statsJson().getBytes(StandardCharsets.UTF_8));
            } else {
                html(ex, 404, page("Not found", "<p>No such page.</p>"));
            }
        }
    }

    private static final String LOGIN_FORM = """
            <form method="post" action="/login">
              <label>Login <input name="login" autocomplete="username"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password"></label>
              <button type="submit">Sign in</button>
            </form>""";

    private void login(HttpExchange ex) throws IOException {
        Map<String, String> f = form(ex.getRequestBody());
        String login = f.getOrDefault("login", "");
        String expected = users.get(login);
        if (expected == null || !expected.equals(f.get("password"))) {
            bump("failedLogins");
            html(ex, 401, page("Sign in", "<p class=\"error\">Wrong login or password.</p>" + LOGIN_FORM));
            return;
        }
        bump("logins");
        String session = "s" + nextSession.incrementAndGet() + "-" + login;
        sessions.put(session, login);
        ex.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly; SameSite=Lax");
        ex.getResponseHeaders().add("Location", "/bills");
        send(ex, 303, "text/plain", new byte[0]);
    }

    private void billsPage(HttpExchange ex) throws IOException {
        if (user(ex) == null) {
            ex.getResponseHeaders().add("Location", "/");
            send(ex, 302, "text/plain", new byte[0]);
            return;
        }
        bump("billPages");
        StringBuilder rows = new StringBuilder();
        for (Bill b : snapshot()) {
            rows.append("<tr class=\"bill\" data-id=\"")
                    .append(b.id())
                    .append("\"><td class=\"date\">")
                    .append(b.date())
                    .append("</td><td class=\"amount\">")
                    .append(b.amount())
                    .append(" EUR</td><td class=\"vendor\">")
                    .append(VENDOR)
                    .append("</td><td><a class=\"pdf\" href=\"/bills/")
                    .append(b.id())
                    .append(".pdf\">PDF</a></td></tr>\n");
        }
        html(ex, 200, page("Your bills", "<table id=\"bills\">\n" + rows + "</table>"));
    }

    private void pdf(HttpExchange ex, String id) throws IOException {
        if (user(ex) == null) {
            send(ex, 403, "text/plain", "Sign in first".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Bill bill =
                snapshot().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
        if (bill == null) {
            html(ex, 404, page("Not found", "<p>No such bill.</p>"));
            return;
        }
        bump("pdfs");
        send(ex, 200, "application/pdf", Pdf.invoice(VENDOR, bill.id(), bill.date(), bill.amount() + " EUR"));
    }

    private void unlink(HttpExchange ex) throws IOException {
        Map<String, String> f = form(ex.getRequestBody());
        String login = f.getOrDefault("login", "");
        String expected = users.get(login);
        if (expected == null || !expected.equals(f.get("password"))) {
            html(ex, 401, page("Unlink", "<p class=\"error\">Wrong login or password.</p>"));
            return;
        }
        sessions.values().removeIf(login::equals);
        bump("unlinks");
        send(ex, 204, "text/plain", new byte[0]);
    }

    private synchronized List<Bill> snapshot() {
        return List.copyOf(bills);
    }

    private String user(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String kv = part.strip();
                if (kv.startsWith("session=")) {
                    return sessions.get(kv.substring("session=".length()));
                }
            }
        }
        return null;
    }

    private void bump(String what) {
        stats.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private String statsJson() {
        Map<String, Integer> all = new LinkedHashMap<>();
        for (String k : List.of("logins", "failedLogins", "billPages", "pdfs", "unlinks")) {
            all.put(k, count(k));
        }
        StringBuilder b = new StringBuilder("{");
        all.forEach((k, v) -> b.append(b.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return b.append('}').toString();
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> out = new HashMap<>();
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + VENDOR + " - " + title
                + "</title></head>\n<body><h1>" + title + "</h1>\n" + body + "\n</body></html>\n";
    }

    private static void html(HttpExchange ex, int status, String html) throws IOException {
        send(ex, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** One-page PDF 1.4 documents with a line of text per field, byte for byte the same each time. */
    static final class Pdf {
        private Pdf() {}

        static byte[] invoice(String vendor, String id, String date, String amount) {
            String text = "BT /F1 20 Tf 72 760 Td (" + escape(vendor) + ") Tj 0 -36 Td /F1 14 Tf (Invoice "
                    + escape(id) + ") Tj 0 -22 Td (Date: " + escape(date) + ") Tj 0 -22 Td (Amount: "
                    + escape(amount) + ") Tj ET";
            List<String> objects = List.of(
                    "<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
                            + " /Contents 5 0 R >>",
                    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                    "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream");
            StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                offsets.add(pdf.length());
                pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
            }
            int xref = pdf.length();
            pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
            for (int offset : offsets) {
                pdf.append(String.format("%010d 00000 n \n", offset));
            }
            pdf.append("trailer\n<< /Size ")
                    .append(objects.size() + 1)
                    .append(" /Root 1 0 R >>\nstartxref\n")
                    .append(xref)
                    .append("\n%%EOF\n");
            return pdf.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        }
    }
}
