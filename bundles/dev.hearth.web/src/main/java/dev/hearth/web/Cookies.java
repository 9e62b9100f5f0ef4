package dev.hearth.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/** Reading and writing cookies, with the attributes the Servlet API cannot express (SameSite). */
public final class Cookies {
    private Cookies() {}

    public static @Nullable String get(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name) && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Adds a {@code Set-Cookie} header.
     *
     * @param domain the {@code Domain} attribute, or null for a host-only cookie
     * @param maxAge seconds; -1 for a cookie that ends with the browser, 0 to delete it
     */
    public static void set(
            HttpServletRequest req,
            HttpServletResponse resp,
            String name,
            String value,
            String path,
            @Nullable String domain,
            long maxAge,
            String sameSite) {
        StringBuilder c = new StringBuilder(name)
                .append('=')
                .append(value)
                .append("; Path=")
                .append(path);
        if (domain != null) {
            c.append("; Domain=").append(domain);
        }
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
            if (maxAge == 0) {
                c.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        c.append("; HttpOnly; SameSite=").append(sameSite);
        if (req.isSecure()) {
            c.append("; Secure");
        }
        resp.addHeader("Set-Cookie", c.toString());
    }
}
