package dev.hearth.konnectors.bills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import dev.hearth.js.internal.JsSandboxImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample konnector ({@code konnector/}, as it is archived) run in the JavaScript sandbox as
 * the konnector worker runs it: the execution contract's environment, its JSON-line events, and
 * real HTTP to the fake vendor site and to a loopback server playing the instance. The vendor is
 * served on the instance's origin, the only loopback address a run may reach.
 */
class HearthBillsKonnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("konnector");
    private static final String TOKEN = "konn-token-for-tests";
    private static final String ACCOUNT = "account-1";
    private static final String FOLDER = "folder-1";
    private static final String FOLDER_PATH = "/Administrative/Ember Energy";
    private static final String BILLS = "io.cozy.bills";
    private static final JsSandboxImpl SANDBOX = new JsSandboxImpl(config());

    private FakeVendor vendor;
    private FakeInstance instance;

    @BeforeEach
    void start() throws IOException {
        vendor = new FakeVendor(0);
        instance = new FakeInstance(TOKEN);
        vendor.mount("/data/", instance::handleData);
        vendor.mount("/files/", instance::handleFiles);
        instance.folder(FOLDER, FOLDER_PATH);
        account(FakeVendor.PASSWORD);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void importsEveryBillWithItsPdfIntoTheFolderToSave() {
        Events events = new Events();
        RunResult result = run("index.js", events);

        assertThat(result.completed()).as("%s %s", result.error(), events.lines).isTrue();
        assertThat(events.messages("info")).contains("Signed in", "Found 3 bills");
        assertThat(events.messages("critical")).isEmpty();
        assertThat(instance.files.values())
                .extracting(FakeInstance.StoredFile::name)
                .containsExactlyInAnyOrder(
                        "2026-01-05_Ember-Energy_23.90EUR.pdf",
                        "2026-02-05_Ember-Energy_23.90EUR.pdf",
                        "2026-03-05_Ember-Energy_31.50EUR.pdf");
        for (FakeInstance.StoredFile f : instance.files.values()) {
            assertThat(f.dirId()).isEqualTo(FOLDER);
            assertThat(new String(f.bytes(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
            assertThat(new String(f.bytes(), StandardCharsets.US_ASCII)).contains("Ember Energy", "%%EOF");
            assertThat(f.cozyMetadata().path("sourceAccount").asText()).isEqualTo(ACCOUNT);
            assertThat(f.cozyMetadata().path("sourceAccountIdentifier").asText())
                    .isEqualTo(FakeVendor.LOGIN);
        }
        List<ObjectNode> bills = instance.all(BILLS);
        assertThat(bills).hasSize(3);
        for (ObjectNode bill : bills) {
            String fileId = bill.path("invoice").asText().replace("io.cozy.files:", "");
            FakeInstance.StoredFile file = instance.files.get(fileId);
            assertThat(file).as("the file of %s", bill).isNotNull();
            assertThat(file.name()).startsWith(bill.path("date").asText().substring(0, 10));
            assertThat(bill.path("vendor").asText()).isEqualTo(FakeVendor.VENDOR);
            assertThat(bill.path("currency").asText()).isEqualTo("EUR");
            assertThat(bill.path("cozyMetadata").path("sourceAccount").asText()).isEqualTo(ACCOUNT);
        }
        assertThat(bills).extracting(b -> b.path("amount").asDouble()).containsExactlyInAnyOrder(23.9, 23.9, 31.5);
        assertThat(vendor.count("pdfs")).isEqualTo(3);
    }

    @Test
    void aRerunImportsNothingTwiceAndOnlyWhatIsNew() {
        assertThat(run("index.js", new Events()).completed()).isTrue();
        Events again = new Events();
        assertThat(run("index.js", again).completed()).isTrue();
        assertThat(instance.files).hasSize(3);
        assertThat(instance.all(BILLS)).hasSize(3);
        assertThat(vendor.count("pdfs")).as("no PDF downloaded again").isEqualTo(3);
        assertThat(again.messages("info")).contains("Imported 0 new bills and 0 new files into " + FOLDER_PATH);

        vendor.addBill(new FakeVendor.Bill("EE-2026-004", "2026-04-05", "27.10"));
        Events third = new Events();
        assertThat(run("index.js", third).completed()).isTrue();
        assertThat(instance.files).hasSize(4);
        assertThat(instance.all(BILLS)).hasSize(4);
        assertThat(vendor.count("pdfs")).isEqualTo(4);
        assertThat(third.messages("info")).contains("Imported 1 new bills and 1 new files into " + FOLDER_PATH);
    }

    @Test
    void aBillWhoseFileIsThereAlreadyIsLinkedToIt() {
        assertThat(run("index.js", new Events()).completed()).isTrue();
        String kept = instance.all(BILLS).getFirst().path("invoice").asText();
        instance.all(BILLS).forEach(b -> instance.put(BILLS, b.path("_id").asText(), b.put("vendor", "Someone")));
        assertThat(run("index.js", new Events()).completed()).isTrue();
        List<ObjectNode> ember = instance.all(BILLS).stream()
                .filter(b -> b.path("vendor").asText().equals(FakeVendor.VENDOR))
                .toList();
        assertThat(ember).hasSize(3);
        assertThat(ember).extracting(b -> b.path("invoice").asText()).contains(kept);
        assertThat(instance.files).hasSize(3);
    }

    @Test
    void aWrongPasswordEndsWithLoginFailedAndWritesNothing() {
        account("not the password");
        Events events = new Events();
        RunResult result = run("index.js", events);

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lastErrorMessage()).isEqualTo("LOGIN_FAILED");
        assertThat(events.messages("critical")).containsExactly("LOGIN_FAILED");
        assertThat(vendor.count("failedLogins")).isEqualTo(1);
        assertThat(instance.files).isEmpty();
        assertThat(instance.all(BILLS)).isEmpty();
    }

    @Test
    void aMissingFolderIsNotExistingDirectory() {
        Events events = new Events();
        RunResult result = run("index.js", events, "missing-folder");
        assertThat(result.lastErrorMessage()).isEqualTo("NOT_EXISTING_DIRECTORY");
        assertThat(vendor.count("logins")).isZero();
    }

    @Test
    void aVendorOutsideTheAllowedDomainsIsUnreachable() throws IOException {
        try (FakeVendor elsewhere = new FakeVendor(0)) {
            ObjectNode acc = accountDoc(FakeVendor.PASSWORD).put("url", elsewhere.url() + "/");
            instance.put("io.cozy.accounts", ACCOUNT, wrap(acc));
            Events events = new Events();
            RunResult result = run("index.js", events);
            assertThat(result.lastErrorMessage()).isEqualTo("VENDOR_DOWN");
            assertThat(String.join("\n", events.messages("warning"))).contains("127.0.0.1");
            assertThat(elsewhere.count("logins") + elsewhere.count("failedLogins"))
                    .isZero();
        }
    }

    @Test
    void onDeleteAccountUnlinksTheAccountAtTheVendor() {
        // The stack keeps the deleted account's last revision aside for this script.
        ObjectNode kept = instance.all("io.cozy.accounts").getFirst().put("soft_deleted_rev", "7-last");
        instance.remove("io.cozy.accounts", ACCOUNT);
        instance.put(FakeInstance.SOFT_DELETED, ACCOUNT, kept);
        Events events = new Events();
        RunResult result =
                run("on-delete-account.js", events, FOLDER, Map.of("account_deleted", true, "account_rev", "7-last"));
        assertThat(result.completed()).as("%s %s", result.error(), events.lines).isTrue();
        assertThat(vendor.count("unlinks")).isEqualTo(1);
        assertThat(events.messages("info")).contains("Unlinked alice at the vendor");

        instance.remove(FakeInstance.SOFT_DELETED, ACCOUNT);
        Events gone = new Events();
        assertThat(run("on-delete-account.js", gone, FOLDER, Map.of("account_deleted", true, "account_rev", "7-last"))
                        .completed())
                .isTrue();
        assertThat(gone.messages("info")).contains("The account is gone with its credentials: nothing to unlink");
        assertThat(vendor.count("unlinks")).isEqualTo(1);
    }

    // -- helpers

    private void account(String password) {
        instance.put("io.cozy.accounts", ACCOUNT, wrap(accountDoc(password).put("url", vendor.url() + "/")));
    }

    private static ObjectNode accountDoc(String password) {
        return JSON.createObjectNode().put("login", FakeVendor.LOGIN).put("password", password);
    }

    private static ObjectNode wrap(ObjectNode auth) {
        ObjectNode doc = JSON.createObjectNode().put("account_type", "hearth-bills");
        doc.set("auth", auth);
        return doc;
    }

    private RunResult run(String main, Events events) {
        return run(main, events, FOLDER);
    }

    private RunResult run(String main, Events events, String folder) {
        return run(main, events, folder, Map.of());
    }

    private RunResult run(String main, Events events, String folder, Map<String, Object> extra) {
        ObjectNode fields = JSON.createObjectNode()
                .put("konnector", "hearth-bills")
                .put("account", ACCOUNT)
                .put("folder_to_save", folder);
        extra.forEach((k, v) -> fields.set(k, JSON.valueToTree(v)));
        String url = vendor.url() + "/";
        return SANDBOX.run(RunSpec.builder("hearth-bills", HearthBillsKonnectorTest::read)
                .main(main)
                .env("COZY_URL", url)
                .env("COZY_CREDENTIALS", TOKEN)
                .env("COZY_FIELDS", fields.toString())
                .env("COZY_PARAMETERS", "{\"vendor_url\":\"https://ember-energy.example/\"}")
                .env("COZY_LANGUAGE", "node")
                .env("COZY_LOCALE", "en")
                .env("COZY_JOB_ID", "job-1")
                .env("COZY_JOB_MANUAL_EXECUTION", "true")
                .allowedDomains(Set.of("ember-energy.example"))
                .instance(
                        URI.create(url),
                        new InetSocketAddress(
                                InetAddress.getLoopbackAddress(),
                                URI.create(url).getPort()))
                .host(events)
                .build());
    }

    /** The files of konnector/, as the archive carries them. */
    private static String read(String path) {
        Path file = SOURCE.resolve(path).normalize();
        if (!file.startsWith(SOURCE) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's events and output lines. */
    static final class Events implements RunHost {
        final List<OutputEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void event(OutputEvent event) {
            events.add(event);
        }

        @Override
        public void log(String stream, String line) {
            lines.add(stream + ": " + line);
        }

        List<String> messages(String type) {
            return events.stream()
                    .filter(e -> e.type().equals(type))
                    .map(OutputEvent::message)
                    .toList();
        }
    }

    /** The sandbox's defaults, one run at a time (a proxy: the configuration may gain attributes). */
    private static JsSandboxImpl.Config config() {
        return (JsSandboxImpl.Config) Proxy.newProxyInstance(
                JsSandboxImpl.Config.class.getClassLoader(),
                new Class<?>[] {JsSandboxImpl.Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxConcurrentRuns" -> 1;
                    case "annotationType" -> JsSandboxImpl.Config.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "sandbox configuration of the tests";
                    default -> method.getDefaultValue();
                });
    }
}
