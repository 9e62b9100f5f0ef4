package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.js.Budget;
import dev.hearth.js.Budgets;
import dev.hearth.js.JsSandbox;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The sandbox bundle in the distribution's Felix: it resolves against the polyglot API the system
 * bundle exports from the launcher class path, runs a script that fetches the server's own
 * public endpoint, and a budget stops a hostile one while the server keeps serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JsSandboxIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private JsSandbox sandbox() {
        Bundle bundle = await(() -> {
            for (Bundle b : context.getBundles()) {
                if (b.getSymbolicName().equals("dev.hearth.js") && b.getState() == Bundle.ACTIVE) {
                    return b;
                }
            }
            return null;
        });
        assertThat(bundle.adapt(org.osgi.framework.wiring.BundleWiring.class).getRequiredWires("osgi.wiring.package"))
                .anySatisfy(w -> assertThat(w.getCapability().getAttributes().get("osgi.wiring.package"))
                        .isEqualTo("org.graalvm.polyglot"));
        ServiceReference<JsSandbox> ref = await(() -> context.getServiceReference(JsSandbox.class));
        return context.getService(ref);
    }

    @Test
    public void runsAScriptThatFetchesTheServerItself() {
        String url = publicUrl();
        List<OutputEvent> events = new CopyOnWriteArrayList<>();
        RunResult r = sandbox()
                .run(RunSpec.script("it", """
                        console.log(JSON.stringify({ type: 'info', message: 'start ' + process.env.COZY_JOB_ID }));
                        fetch(process.env.COZY_URL + 'status').then(r => r.json()).then(j =>
                          console.log(JSON.stringify({ type: 'info', message: 'status ' + j.message })));
                        """)
                        .env("COZY_URL", url + "/")
                        .env("COZY_JOB_ID", "job-1")
                        .instance(URI.create(url + "/"), null)
                        .host(new RunHost() {
                            @Override
                            public void event(OutputEvent event) {
                                events.add(event);
                            }
                        })
                        .build());
        assertThat(r.completed()).as(r.error()).isTrue();
        assertThat(events).extracting(OutputEvent::message).containsExactly("start job-1", "status OK");
        assertThat(r.usage().requests()).isEqualTo(1);
        assertThat(r.usage().cpuMillis()).isPositive();
    }

    @Test
    public void aBudgetStopsAnEndlessScriptAndTheServerKeepsServing() {
        String url = publicUrl();
        RunResult r = sandbox()
                .run(RunSpec.script("loop", "for (;;) {}")
                        .budgets(Budgets.DEFAULTS.withStatements(1_000_000))
                        .build());
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.BUDGET_EXCEEDED);
        assertThat(r.budget()).isEqualTo(Budget.STATEMENTS);
        RunResult escape = sandbox()
                .run(RunSpec.script("escape", "Java.type('java.lang.System').exit(1)")
                        .build());
        assertThat(escape.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(Http.get(url + "/status").send().status()).isEqualTo(200);
    }
}
