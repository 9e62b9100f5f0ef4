package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Thumbnails over real HTTP: an uploaded JPEG or PNG gets {@code links.tiny|small|medium|large}
 * at once, the images are made by jobs of the {@code thumbnail} worker (one per image, listed with
 * the other jobs) and read without a token through the secret of the links; an image that does not
 * decode uploads fine, its job ends done without thumbnails, and it gets none.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesThumbnailsIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static JsonNode upload(FilesClient files, String name, String mime, byte[] content) {
        Http.Response r = files.request("POST", "/files/" + ROOT + "?Type=file&Name=" + name)
                .header("Content-Type", mime)
                .body(content)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data");
    }

    private Http.BinaryResponse get(FilesClient anonymous, String path) {
        return anonymous.request("GET", path).sendForBytes();
    }

    /** A thumbnail once made, decoded. */
    private BufferedImage thumbnail(FilesClient anonymous, String link) throws IOException {
        Http.BinaryResponse r = await(() -> {
            Http.BinaryResponse answer = get(anonymous, link);
            return answer.status() == 200 ? answer : null;
        });
        assertThat(r.contentType()).startsWith("image/jpeg");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    public void imagesGetThumbnailsServedThroughTheSecretOfTheirLinks() throws IOException {
        String domain = createInstance("thumbs");
        FilesClient files = new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files%20io.cozy.jobs"));
        FilesClient anonymous = files.as(null);
        JsonNode broken = upload(files, "broken.png", "image/png", "not an image at all".getBytes());
        JsonNode photo = upload(files, "photo.jpg", "image/jpeg", image("jpg", 2000, 1000));
        JsonNode drawing = upload(files, "drawing.png", "image/png", image("png", 300, 600));
        JsonNode text = files.uploaded(ROOT, "notes.txt", "plain");
        assertThat(text.path("links").has("small")).isFalse();

        String doneThumbnailJobs = "{\"selector\":{\"state\":\"done\",\"worker\":\"thumbnail\"}}";
        JsonNode jobs = await(() -> {
            JsonNode found = files.call("POST", "/data/io.cozy.jobs/_find", doneThumbnailJobs)
                    .json()
                    .path("docs");
            return found.size() == 3 ? found : null;
        });
        for (JsonNode job : jobs) {
            String file = job.path("message").path("file_id").asText();
            assertThat(job.path("result").path("made").asBoolean())
                    .as("a job per image, made unless it does not decode: " + job)
                    .isEqualTo(!file.equals(broken.path("id").asText()));
            assertThat(file)
                    .isIn(
                            broken.path("id").asText(),
                            photo.path("id").asText(),
                            drawing.path("id").asText());
        }

        assertThat(Thread.getAllStackTraces().keySet())
                .as("the files service started no thread of its own for them")
                .noneMatch(t -> t.getName().equals("hearth-thumbnails"));

        String small = photo.path("links").path("small").asText();
        assertThat(small)
                .startsWith("/files/" + photo.path("id").asText() + "/thumbnails/")
                .endsWith("/small");
        BufferedImage decoded = thumbnail(anonymous, small);
        assertThat(decoded.getWidth()).isEqualTo(640);
        assertThat(decoded.getHeight()).isEqualTo(320);
        assertThat(thumbnail(anonymous, photo.path("links").path("large").asText())
                        .getWidth())
                .isEqualTo(1920);
        BufferedImage tiny =
                thumbnail(anonymous, drawing.path("links").path("tiny").asText());
        assertThat(tiny.getWidth()).isEqualTo(96);
        assertThat(tiny.getHeight()).isEqualTo(96);
        assertThat(thumbnail(anonymous, drawing.path("links").path("medium").asText())
                        .getWidth())
                .as("never enlarged")
                .isEqualTo(300);

        String brokenSmall = broken.path("links").path("small").asText();
        assertThat(brokenSmall).isNotEmpty();
        assertThat(get(anonymous, brokenSmall).status())
                .as("made before the photo's: none")
                .isEqualTo(404);
        assertThat(files.call("GET", "/files/download/" + broken.path("id").asText(), null)
                        .body())
                .isEqualTo("not an image at all");

        String secret = small.split("/")[4];
        assertThat(get(anonymous, "/files/" + drawing.path("id").asText() + "/thumbnails/" + secret + "/small")
                        .status())
                .as("a secret is for one file")
                .isEqualTo(404);
        assertThat(get(anonymous, small.replace(secret, "0-0")).status()).isEqualTo(404);
        assertThat(get(anonymous, small.replace("/small", "/huge")).status()).isEqualTo(400);

        JsonNode listed = files.call("GET", "/files/" + ROOT, null).json();
        boolean linked = false;
        for (JsonNode item : listed.path("included")) {
            if (item.path("id").asText().equals(photo.path("id").asText())) {
                linked = item.path("links").path("medium").asText().endsWith("/medium");
            }
        }
        assertThat(linked).as("children carry their links too").isTrue();
        assertThat(files.call("GET", "/files/fsck", null).json().path("count").asInt())
                .isZero();
    }
}
