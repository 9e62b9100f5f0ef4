package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only file of JSON records, one a line. A batch of records is written and forced to
 * the disk before the write is acknowledged, so an acknowledged write survives a crash; a line
 * torn by a crash (no newline yet) is cut off when the file is opened. {@link #rewrite} replaces
 * the whole file (compaction) through a temporary file moved over it.
 */
final class ReplicaLog implements AutoCloseable {
    private final Path file;
    private FileChannel channel;
    private int lines;

    private ReplicaLog(Path file, FileChannel channel, int lines) {
        this.file = file;
        this.channel = channel;
        this.lines = lines;
    }

    /** Opens (or creates) the log and gives its records to {@code reader}, oldest first. */
    static ReplicaLog open(Path file, java.util.function.Consumer<JsonNode> reader) throws IOException {
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        int start = 0;
        int lines = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    reader.accept(Json.parse(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
                    lines++;
                }
                start = i + 1;
            }
        }
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (start < bytes.length) {
            channel.truncate(start);
            channel.force(true);
        }
        channel.position(start);
        return new ReplicaLog(file, channel, lines);
    }

    /** The number of records in the file. */
    int lines() {
        return lines;
    }

    /** Appends records and forces them to the disk. */
    void append(List<? extends JsonNode> records) {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append(Json.text(r)).append('\n'));
        try {
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the replica " + file, e);
        }
        lines += records.size();
    }

    /** Replaces the file by exactly these records. */
    void rewrite(List<? extends JsonNode> records) {
        try {
            Path tmp = Files.createTempFile(
                    file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                StringBuilder text = new StringBuilder();
                records.forEach(r -> text.append(Json.text(r)).append('\n'));
                ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.position(channel.size());
            lines = records.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compact the replica " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
