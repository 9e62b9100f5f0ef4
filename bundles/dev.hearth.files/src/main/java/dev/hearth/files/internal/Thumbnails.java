package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Content;
import dev.hearth.files.Files;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thumbnails of images, made once per content in the background and kept as blobs next to it
 * ({@code <content key>-<format>}): {@code tiny} is a 96×96 square cut from the middle, the others
 * fit in 640×480, 1280×720 and 1920×1080 without enlarging. They are JPEG, made with the JDK's
 * ImageIO; an image it cannot decode (or larger than {@value #MAX_PIXELS} pixels) gets none.
 * Uploads never wait for them: they are asked of the registered {@link dev.hearth.files.ThumbnailRequests} (the
 * jobs' {@code thumbnail} worker, which calls {@link #make} back), or, while none is registered,
 * made on one thread of this class, started only then, so that the machine is not swamped.
 */
final class Thumbnails implements AutoCloseable {
    static final List<String> FORMATS = List.of("tiny", "small", "medium", "large");
    static final Set<String> MIMES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp");
    static final String MIME = "image/jpeg";
    private static final long MAX_PIXELS = 200_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);

    private static final int MAX_TRIED = 100_000;

    private final BlobStore blobs;
    private final ThumbnailRequests requests;
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            Thread.ofPlatform().daemon().name("hearth-thumbnails").factory(),
            new ThreadPoolExecutor.DiscardPolicy());

    /** Asks another service for thumbnails; false when none takes the request. */
    interface ThumbnailRequests {
        boolean request(String domain, String fileId, String contentKey);
    }

    Thumbnails(BlobStore blobs, ThumbnailRequests requests) {
        this.blobs = blobs;
        this.requests = requests;
        worker.allowCoreThreadTimeOut(true);
    }

    static String key(String contentKey, String format) {
        return contentKey + "-" + format;
    }

    /** Whether {@code doc} is a file whose thumbnails are made. */
    static boolean eligible(ObjectNode doc) {
        return Files.FILE.equals(doc.path("type").asText())
                && MIMES.contains(doc.path("mime").asText());
    }

    /** Makes the thumbnails of the content of {@code file} later, unless it has them. */
    void schedule(Volume v, ObjectNode file) {
        if (eligible(file)) {
            String key = file.path("internal_vfs_id").asText();
            tried(key);
            ask(v.domain(), file.path("_id").asText(), key);
        }
    }

    private void ask(String domain, String fileId, String key) {
        boolean taken = false;
        try {
            taken = requests.request(domain, fileId, key);
        } catch (RuntimeException e) {
            LOG.warn("The thumbnails of {} of '{}' could not be asked for: {}", fileId, domain, e.toString());
        }
        if (!taken) {
            worker.execute(() -> makeQuietly(domain, key));
        }
    }

    /** Whether the thumbnails of a content were already asked for since the start (and notes they are). */
    private boolean tried(String key) {
        if (tried.size() > MAX_TRIED) {
            tried.clear();
        }
        return !tried.add(key);
    }

    /** Waits until the thumbnails scheduled so far are made (for tests and shutdown). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thumbnail of the current content of a file, 404 when not made. */
    Content content(Volume v, String fileId, String format) {
        ObjectNode file = v.tree().get(fileId);
        String key = key(file.path("internal_vfs_id").asText(), format);
        long size = file.hasNonNull("internal_vfs_id") ? blobs.size(v.domain(), key) : -1;
        if (size < 0) {
            // content from before thumbnails were made (or whose making was dropped): once per start
            if (eligible(file)
                    && file.hasNonNull("internal_vfs_id")
                    && !tried(file.path("internal_vfs_id").asText())) {
                ask(v.domain(), fileId, file.path("internal_vfs_id").asText());
            }
            throw ApiException.notFound("No thumbnail for this file");
        }
        ObjectNode doc = file.deepCopy();
        doc.put("mime", MIME);
        doc.put("name", format + ".jpg");
        String domain = v.domain();
        return new Content(doc, size, key, Content.Opener.of(blobs, domain, key));
    }

    private void makeQuietly(String domain, String key) {
        try {
            make(domain, key);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.debug("No thumbnails for a content of '{}': {}", domain, e.toString());
        }
    }

    /**
     * Makes the thumbnails of a content unless it has them all; false when the content is gone or
     * is not an image ImageIO decodes within the size limit.
     *
     * @throws UncheckedIOException when the content could not be read or a thumbnail written
     */
    boolean make(String domain, String key) {
        if (blobs.size(domain, key) < 0) {
            return false;
        }
        if (FORMATS.stream().allMatch(f -> blobs.size(domain, key(key, f)) >= 0)) {
            return true;
        }
        try {
            BufferedImage image = decode(domain, key);
            if (image == null) {
                return false;
            }
            for (String format : FORMATS) {
                store(domain, key(key, format), scale(image, format));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (blobs.size(domain, key) < 0) {
            // the content went while they were made: its deletion may have missed them
            FORMATS.forEach(f -> blobs.delete(domain, key(key, f)));
            return false;
        }
        return true;
    }

    /** The image, subsampled while read when it is much larger than the largest thumbnail. */
    private @Nullable BufferedImage decode(String domain, String key) throws IOException {
        try (InputStream in = blobs.open(domain, key, 0);
                ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
                    return null;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.min(width / 1920, height / 1080) / 2);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scale(BufferedImage image, String format) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (format.equals("tiny")) {
            int side = Math.min(w, h);
            BufferedImage square = image.getSubimage((w - side) / 2, (h - side) / 2, side, side);
            return draw(square, 96, 96);
        }
        int[] box = switch (format) {
            case "small" -> new int[] {640, 480};
            case "medium" -> new int[] {1280, 720};
            default -> new int[] {1920, 1080};
        };
        int maxW = box[0];
        int maxH = box[1];
        double ratio = Math.min(1.0, Math.min((double) maxW / w, (double) maxH / h));
        return draw(image, Math.max(1, (int) Math.round(w * ratio)), Math.max(1, (int) Math.round(h * ratio)));
    }

    /** Draws {@code source} at {@code w×h} on white, halving first while it is more than twice as large. */
    private static BufferedImage draw(BufferedImage source, int w, int h) {
        BufferedImage current = source;
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = render(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return render(current, w, h);
    }

    private static BufferedImage render(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private void store(String domain, String key, BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", out)) {
            throw new IOException("No JPEG writer");
        }
        try (BlobStore.Staged staged = blobs.stage(domain, new ByteArrayInputStream(out.toByteArray()), out.size())) {
            staged.commit(key);
        }
    }
}
