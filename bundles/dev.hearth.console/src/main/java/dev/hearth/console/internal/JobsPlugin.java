package dev.hearth.console.internal;

import dev.hearth.common.text.Html;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.WorkerStats;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The console page "Hearth / Jobs": per worker type, whether a worker is registered, its
 * concurrency, the jobs running and waiting (per instance), the jobs done, errored and retried
 * since the start with their mean run time, and the last failures with their instance and error.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + JobsPlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Jobs",
            ServletConstants.PLUGIN_CATEGORY + "=Hearth"
        })
public final class JobsPlugin extends AbstractServlet {
    static final String LABEL = "hearth-jobs";
    private static final long serialVersionUID = 1L;

    private final transient JobsService jobs;

    @Activate
    public JobsPlugin(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        render(resp.getWriter(), jobs.stats());
    }

    static void render(PrintWriter out, List<WorkerStats> stats) {
        out.println("<table class='nicetable'><thead><tr><th>Worker</th><th>Registered</th><th>Concurrency</th>"
                + "<th>Running</th><th>Queued</th><th>Queued per instance</th><th>Done</th><th>Errored</th>"
                + "<th>Retries</th><th>Mean run</th></tr></thead><tbody>");
        for (WorkerStats s : stats) {
            int queued =
                    s.queued().values().stream().mapToInt(Integer::intValue).sum();
            long runs = s.done() + s.errored() + s.retries();
            out.println("<tr><td>" + Html.escape(s.worker()) + "</td><td>" + (s.registered() ? "yes" : "no")
                    + "</td><td>" + s.concurrency() + "</td><td>" + s.running() + "</td><td>" + queued + "</td><td>"
                    + perInstance(s.queued()) + "</td><td>" + s.done() + "</td><td>" + s.errored() + "</td><td>"
                    + s.retries() + "</td><td>" + (runs == 0 ? "-" : s.totalRunMillis() / runs + " ms") + "</td></tr>");
        }
        out.println("</tbody></table>");
        out.println("<h2>Recent failures</h2><table class='nicetable'><thead><tr><th>Worker</th>"
                + "<th>Instance, job and error</th></tr></thead><tbody>");
        for (WorkerStats s : stats) {
            for (String error : s.recentErrors()) {
                out.println("<tr><td>" + Html.escape(s.worker()) + "</td><td>" + Html.escape(error) + "</td></tr>");
            }
        }
        out.println("</tbody></table>");
    }

    private static String perInstance(Map<String, Integer> queued) {
        StringBuilder out = new StringBuilder();
        queued.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> out.append(Html.escape(e.getKey()))
                        .append(": ")
                        .append(e.getValue())
                        .append("<br>"));
        return out.isEmpty() ? "-" : out.toString();
    }
}
