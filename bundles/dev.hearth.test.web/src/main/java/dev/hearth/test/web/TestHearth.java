package dev.hearth.test.web;

import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;

/**
 * What an area's handler test stands on: a registry in a temporary folder with one instance, its
 * document stores, and the real auth services over them. Close it at the end of the test.
 */
public final class TestHearth implements AutoCloseable {
    private final TestData data;
    private final TestAuth auth;
    private final Instance instance;

    private TestHearth(TestData data, Instance instance) {
        this.data = data;
        this.instance = instance;
        this.auth = TestAuth.over(data.instances(), data.service());
    }

    /** A registry in {@code dir} with the instance {@code domain}. */
    public static TestHearth in(Path dir, String domain) {
        TestData data = TestData.in(dir);
        return new TestHearth(data, data.instances().create(NewInstance.of(domain)));
    }

    public InstanceService instances() {
        return data.instances();
    }

    public DataService data() {
        return data.service();
    }

    public TestAuth auth() {
        return auth;
    }

    /** The instance, as created. */
    public Instance instance() {
        return instance;
    }

    /** A request context on the instance's own host, without token or session. */
    public FakeContext context() {
        return FakeContext.of(instance);
    }

    @Override
    public void close() {
        data.close();
    }
}
