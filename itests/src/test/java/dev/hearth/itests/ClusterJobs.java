package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The jobs API of one instance of a {@link ClusterFixture}, and the waits on its jobs. */
final class ClusterJobs {
    private final String domain;
    private final String token;

    private ClusterJobs(String domain, String token) {
        this.domain = domain;
        this.token = token;
    }

    /** A token for the jobs, triggers and todos of {@code domain}, minted by {@code admin}'s node. */
    static ClusterJobs of(Distribution admin, String domain) {
        String token = Http.post(admin.adminUrl + "/instances/token?Domain=" + domain
                        + "&Audience=cli&Scope=io.cozy.jobs%20io.cozy.jobs:POST:it-echo:worker%20io.cozy.triggers"
                        + "%20io.cozy.todos")
                .basic("a", ClusterFixture.ADMIN)
                .send()
                .body()
                .trim();
        return new ClusterJobs(domain, token);
    }

    String token() {
        return token;
    }

    /** A job's attributes as {@code node} shows them. */
    JsonNode job(Distribution node, String id) {
        Http.Response r = Http.get(node.publicUrl + "/jobs/" + id)
                .host(domain)
                .bearer(token)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data").path("attributes");
    }

    /** The jobs of a trigger, as {@code node} lists them. */
    JsonNode ofTrigger(Distribution node, String triggerId) {
        Http.Response list = Http.get(node.publicUrl + "/jobs/triggers/" + triggerId + "/jobs?Limit=100")
                .host(domain)
                .bearer(token)
                .send();
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().path("data");
    }

    /**
     * Waits (at most {@code within}) until a trigger has {@code count} jobs, then a second more for
     * any job too many to show.
     */
    void awaitJobsOfTrigger(Distribution node, String triggerId, int count, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline && seen < count) {
            seen = ofTrigger(node, triggerId).size();
            Thread.sleep(200);
        }
        Thread.sleep(1_000);
    }

    /**
     * Waits until a job is running, as {@code node} shows it, on a node of {@code cluster} that
     * holds it in the shared queue; that node.
     */
    Distribution awaitRunning(ClusterFixture cluster, Distribution node, String id, Duration within) throws Exception {
        Distribution holder = null;
        long deadline = System.nanoTime() + within.toNanos();
        while (holder == null || !"running".equals(job(node, id).path("state").asText())) {
            assertThat(System.nanoTime()).as("the job runs on a node").isLessThan(deadline);
            Thread.sleep(200);
            holder = cluster.nodeHolding(id);
        }
        return holder;
    }

    /** Waits until {@code node} shows a job done; its attributes then. */
    JsonNode awaitDone(Distribution node, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode job = job(node, id);
        while (!"done".equals(job.path("state").asText())) {
            assertThat(System.nanoTime())
                    .as("the job ends on the surviving node: %s", job)
                    .isLessThan(deadline);
            Thread.sleep(250);
            job = job(node, id);
        }
        return job;
    }
}
