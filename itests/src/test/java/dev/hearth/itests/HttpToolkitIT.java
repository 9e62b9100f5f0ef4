package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The web toolkit as other bundles use it: this test's own bundle registers routes and a servlet
 * on app hosts with no change to the web bundle, and each area bundle can stop and start without
 * touching the others.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpToolkitIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static Dictionary<String, Object> onAppHosts() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.context.select", WebConstants.APP_SELECT);
        properties.put("osgi.http.whiteboard.target", WebConstants.PUBLIC_TARGET);
        return properties;
    }

    @Test
    public void aBundleServesRoutesOnAppHostsThroughTheToolkit() {
        String domain = createInstance("apphost");
        String app = "notes." + domain;
        Http.Response before =
                Http.get(publicUrl() + "/hello/you").host(app).json().send();
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().path("error").asText()).isEqualTo("Application is not installed");

        HttpArea area = () -> new Routes(ErrorStyle.PLAIN)
                .get(
                        "/hello/:name",
                        call -> call.json(
                                200,
                                Map.of(
                                        "app",
                                        call.context().appSlug(),
                                        "name",
                                        call.param("name"),
                                        "instance",
                                        call.context().domain())));
        ServiceRegistration<HttpArea> registration = context.registerService(HttpArea.class, area, onAppHosts());
        try {
            Http.Response hello = await(() -> {
                Http.Response r = Http.get(publicUrl() + "/hello/you").host(app).send();
                return r.status() == 200 ? r : null;
            });
            assertThat(hello.json().path("app").asText()).isEqualTo("notes");
            assertThat(hello.json().path("name").asText()).isEqualTo("you");
            assertThat(hello.json().path("instance").asText()).isEqualTo(domain);
            Http.Response otherPath =
                    Http.get(publicUrl() + "/other").host(app).json().send();
            assertThat(otherPath.status()).isEqualTo(404);
            assertThat(Http.get(publicUrl() + "/hello/you")
                            .host(domain)
                            .json()
                            .send()
                            .status())
                    .as("an app route never answers on the instance's own host")
                    .isEqualTo(404);
            assertThat(Http.get(publicUrl() + "/.hearth-app/hello/you")
                            .host(domain)
                            .json()
                            .send()
                            .status())
                    .as("nor through the app context's internal path")
                    .isEqualTo(404);
            assertThat(Http.get(publicUrl() + "/data/io.cozy.notes/_all_docs")
                            .host(app)
                            .json()
                            .send()
                            .status())
                    .as("the instance API does not answer on an app host")
                    .isEqualTo(404);
        } finally {
            registration.unregister();
        }
        await(() -> Http.get(publicUrl() + "/hello/you").host(app).send().status() == 404 ? Boolean.TRUE : null);
    }

    @Test
    public void aPlainWhiteboardServletCanServeAppHostsToo() {
        String domain = createInstance("appservlet");
        Dictionary<String, Object> properties = onAppHosts();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/toolkit/*");
        ServiceRegistration<Servlet> registration =
                context.registerService(Servlet.class, new AssetServlet(), properties);
        try {
            Http.Response page = await(() -> {
                Http.Response r = Http.get(publicUrl() + "/toolkit/js/app.js?v=1")
                        .host("drive." + domain)
                        .send();
                return r.status() == 200 ? r : null;
            });
            assertThat(page.body()).isEqualTo("drive /js/app.js");
            assertThat(Http.get(publicUrl() + "/other")
                            .host("drive." + domain)
                            .json()
                            .send()
                            .json()
                            .path("error")
                            .asText())
                    .as("the other paths stay with the app-serving servlet")
                    .isEqualTo("Application is not installed");
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void stoppingOneAreaBundleLeavesTheOthersAnswering() throws Exception {
        String domain = createInstance("lifecycle");
        String token = cliToken(domain, "io.cozy.notes");
        String data = publicUrl() + "/data/io.cozy.notes/first";
        assertThat(Http.method("PUT", data)
                        .host(domain)
                        .bearer(token)
                        .json()
                        .body("{\"title\":\"a\"}")
                        .send()
                        .status())
                .isEqualTo(200);
        Bundle adapter = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("dev.hearth.datasystem.http"))
                .findFirst()
                .orElseThrow();
        adapter.stop();
        try {
            await(() -> Http.get(data).host(domain).bearer(token).send().status() == 404 ? Boolean.TRUE : null);
            assertThat(Http.get(publicUrl() + "/permissions/self")
                            .host(domain)
                            .bearer(token)
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(Http.get(publicUrl() + "/status").send().status()).isEqualTo(200);
            assertThat(Http.get(publicUrl() + "/settings/capabilities")
                            .host(domain)
                            .bearer(token)
                            .send()
                            .status())
                    .isEqualTo(200);
        } finally {
            adapter.start();
        }
        await(() -> Http.get(data).host(domain).bearer(token).send().status() == 200 ? Boolean.TRUE : null);
    }

    /** Answers with the app's slug and the path it was asked for. */
    private static final class AssetServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String slug = RequestContext.of(req).appSlug();
            resp.setContentType("text/plain");
            resp.getOutputStream().write((slug + " " + req.getPathInfo()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
