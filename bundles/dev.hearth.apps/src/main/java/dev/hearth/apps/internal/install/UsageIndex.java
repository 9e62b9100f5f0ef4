package dev.hearth.apps.internal.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which instances use which app bundle jar, kept in one file so that knowing whether a jar is
 * still needed never means reading every instance's documents: there can be many instances.
 *
 * <p>The file is a log of lines {@code +<tab>jar<tab>domain} and {@code -<tab>jar<tab>domain},
 * appended and forced to disk at each change, and rewritten as the live entries alone when it is
 * opened or has grown well past them. A line cut short by a crash is ignored. The callers record a
 * use before the instance's document names the jar, and drop it after, so a crash can only leave
 * a jar kept for nothing (collected once the index is rebuilt), never a jar deleted under an
 * instance.
 *
 * <p>Not thread-safe: the repository calls it under its lock.
 */
final class UsageIndex implements AutoCloseable {
    /** Appended lines allowed beyond twice the live entries before the file is rewritten. */
    private static final int SLACK = 1_000;

    private final Path file;
    private final Map<String, Set<String>> domainsByJar;
    private FileChannel log;
    private int lines;

    private UsageIndex(Path file, Map<String, Set<String>> domainsByJar) throws IOException {
        this.file = file;
        this.domainsByJar = domainsByJar;
        this.log = rewrite();
    }

    /** Reads the index from its file, which must exist. */
    static UsageIndex open(Path file) throws IOException {
        return new UsageIndex(file, replay(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Starts an index with these uses, found in the instances' documents, replacing any file. */
    static UsageIndex create(Path file, Map<String, Set<String>> domainsByJar) throws IOException {
        Map<String, Set<String>> copy = new HashMap<>();
        domainsByJar.forEach((jar, domains) -> copy.put(jar, new TreeSet<>(domains)));
        return new UsageIndex(file, copy);
    }

    /** Whether some instance uses the jar. */
    boolean isUsed(String jar) {
        return domainsByJar.containsKey(jar);
    }

    /** The jars some instance uses. */
    Set<String> jars() {
        return new TreeSet<>(domainsByJar.keySet());
    }

    /** Records that the instance uses the jar (again: a set). */
    void add(String jar, String domain) throws IOException {
        if (domainsByJar.computeIfAbsent(jar, j -> new TreeSet<>()).add(domain)) {
            append("+", jar, domain);
        }
    }

    /** Records that the instance no longer uses the jar. */
    void remove(String jar, String domain) throws IOException {
        Set<String> domains = domainsByJar.get(jar);
        if (domains != null && domains.remove(domain)) {
            if (domains.isEmpty()) {
                domainsByJar.remove(jar);
            }
            append("-", jar, domain);
        }
    }

    /** Forgets the instance; gives the jars it used. */
    Set<String> removeDomain(String domain) throws IOException {
        Set<String> released = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : Map.copyOf(domainsByJar).entrySet()) {
            if (e.getValue().contains(domain)) {
                released.add(e.getKey());
                remove(e.getKey(), domain);
            }
        }
        return released;
    }

    /** Forgets the instances that are not in {@code known} (deleted while the index was not told). */
    void retainDomains(Set<String> known) throws IOException {
        for (Map.Entry<String, Set<String>> e : Map.copyOf(domainsByJar).entrySet()) {
            for (String domain : List.copyOf(e.getValue())) {
                if (!known.contains(domain)) {
                    remove(e.getKey(), domain);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private void append(String op, String jar, String domain) throws IOException {
        log.write(ByteBuffer.wrap(line(op, jar, domain).getBytes(StandardCharsets.UTF_8)));
        log.force(false);
        lines++;
        if (lines > 2 * entries() + SLACK) {
            log.close();
            log = rewrite();
        }
    }

    /** Writes the live entries to a new file, moves it into place, and opens it for appending. */
    private FileChannel rewrite() throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        StringBuilder text = new StringBuilder();
        new TreeMap<>(domainsByJar)
                .forEach((jar, domains) -> domains.forEach(domain -> text.append(line("+", jar, domain))));
        try (FileChannel out = FileChannel.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        lines = entries();
        return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private int entries() {
        return domainsByJar.values().stream().mapToInt(Set::size).sum();
    }

    private static String line(String op, String jar, String domain) {
        return op + "\t" + jar + "\t" + domain + "\n";
    }

    private static Map<String, Set<String>> replay(String text) {
        Map<String, Set<String>> domainsByJar = new HashMap<>();
        // The last piece is empty, or a line cut short by a crash: either way, not a record.
        List<String> lines = List.of(text.split("\n", -1));
        for (String line : lines.subList(0, lines.size() - 1)) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                continue;
            }
            if (parts[0].equals("+")) {
                domainsByJar.computeIfAbsent(parts[1], j -> new TreeSet<>()).add(parts[2]);
            } else if (parts[0].equals("-")) {
                Set<String> domains = domainsByJar.getOrDefault(parts[1], new TreeSet<>());
                domains.remove(parts[2]);
                if (domains.isEmpty()) {
                    domainsByJar.remove(parts[1]);
                }
            }
        }
        return domainsByJar;
    }
}
