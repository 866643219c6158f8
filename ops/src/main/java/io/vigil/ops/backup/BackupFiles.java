package io.vigil.ops.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The backup folder: files named {@code vigil-<UTC yyyyMMdd'T'HHmmss'Z'>.rdb}, written under a temporary
 * name and renamed only when complete and verified, and pruned by the time in their name.
 */
public final class BackupFiles {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Pattern NAME = Pattern.compile("vigil-(\\d{8}T\\d{6}Z)(?:-\\d+)?\\.rdb");
  private static final String PARTIAL = ".partial";

  private final Path dir;
  private final Clock clock;

  public BackupFiles(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** In the folder itself, so the final rename is atomic. */
  public Path temporary() throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "vigil-", ".rdb" + PARTIAL);
  }

  public Path commit(Path temporary) throws IOException {
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    String stamp = STAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    Path target = dir.resolve("vigil-" + stamp + ".rdb");
    for (int n = 1; Files.exists(target); n++) {
      target = dir.resolve("vigil-" + stamp + "-" + n + ".rdb");
    }
    return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes backups named older than {@code keep} and temporary files over a day old; touches nothing else. */
  public List<Path> prune(Duration keep) throws IOException {
    Instant now = clock.instant();
    List<Path> deleted = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        boolean expired = matcher.matches()
            && LocalDateTime.parse(matcher.group(1), STAMP).toInstant(ZoneOffset.UTC).isBefore(now.minus(keep));
        boolean abandoned = name.startsWith("vigil-") && name.endsWith(PARTIAL)
            && Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofDays(1)));
        if (expired || abandoned) {
          Files.delete(file);
          deleted.add(file);
        }
      }
    }
    deleted.sort(null);
    return deleted;
  }

  /** Deletes {@code dir} and everything below it. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
