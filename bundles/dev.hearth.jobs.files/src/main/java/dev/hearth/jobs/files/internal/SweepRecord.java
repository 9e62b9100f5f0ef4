package dev.hearth.jobs.files.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the last sweep ran, in a file of the data directory, so that a restart keeps the sweeps'
 * rhythm: the next sweep comes one interval after the last one, at once if that time has passed
 * while the server was down (once, not once per missed interval). A server that never swept counts
 * its first interval from its first start.
 */
final class SweepRecord {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRecord.class);

    private final Path file;
    private final Clock clock;

    SweepRecord(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** How long until the next sweep; records the present as the start when nothing is recorded. */
    Duration untilNext(Duration every) {
        Instant now = clock.instant();
        Instant last = last();
        if (last == null) {
            record(now);
            return every;
        }
        Duration left = Duration.between(now, last.plus(every));
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(every) > 0 ? every : left; // a clock set back waits one interval at most
    }

    /** Records that a sweep ran now. */
    void swept() {
        record(clock.instant());
    }

    @Nullable
    Instant last() {
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | DateTimeException e) {
            LOG.warn(
                    "The record of the last trash sweep ({}) is unreadable; counting from now: {}", file, e.toString());
            return null;
        }
    }

    /** Writes the instant to a new file, synced, then moved over the record: a crash leaves one or the other. */
    private void record(Instant at) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(StandardCharsets.UTF_8.encode(at.toString() + "\n"));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
