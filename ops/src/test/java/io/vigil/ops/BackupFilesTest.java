package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.ops.backup.BackupFiles;
import io.vigil.ops.backup.Crc64;
import io.vigil.ops.backup.RdbFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackupFilesTest {

  private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void crc64IsTheOneRedisWritesIntoRdbFiles() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

    assertThat(new Crc64().update(check, 0, check.length).value()).isEqualTo(0xe9c6d914c4b8d9caL);
  }

  @Test
  void anEmptyRdbVerifiesAndAFlippedByteDoesNot() throws IOException {
    Path dir = OpsFixtures.folder("rdb");
    Path good = Files.write(dir.resolve("good.rdb"), emptyRdb());
    byte[] bad = emptyRdb();
    bad[5] = '9';
    Path damaged = Files.write(dir.resolve("bad.rdb"), bad);

    assertThat(RdbFile.verify(good)).isEqualTo(new RdbFile(good, 18, 10, true));
    assertThatThrownBy(() -> RdbFile.verify(damaged)).hasMessageContaining("is damaged");
  }

  @Test
  void backupsAreNamedByUtcTimeAndOnlyBackupsOlderThanTheKeepPeriodArePruned() throws IOException {
    Path dir = OpsFixtures.folder("prune");
    BackupFiles files = new BackupFiles(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    for (String name : List.of("vigil-20250301T115959Z.rdb", "vigil-20250303T120001Z.rdb", "vigil-20250303T120001Z-1.rdb",
        "vigil-old.rdb", "notes.txt", "other-20200101T000000Z.rdb")) {
      Files.writeString(dir.resolve(name), name);
    }
    Path abandoned = Files.writeString(dir.resolve("vigil-123.rdb.partial"), "interrupted");
    Files.setLastModifiedTime(abandoned, FileTime.from(NOW.minus(Duration.ofDays(2))));

    Path first = files.commit(Files.writeString(files.temporary(), "new"));
    Path second = files.commit(Files.writeString(files.temporary(), "newer"));
    List<Path> pruned = files.prune(Duration.ofDays(7));

    assertThat(first.getFileName().toString()).isEqualTo("vigil-20250310T120000Z.rdb");
    assertThat(second.getFileName().toString()).isEqualTo("vigil-20250310T120000Z-1.rdb");
    assertThat(pruned).containsExactly(dir.resolve("vigil-123.rdb.partial"), dir.resolve("vigil-20250301T115959Z.rdb"));
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly("notes.txt",
          "other-20200101T000000Z.rdb", "vigil-20250303T120001Z-1.rdb", "vigil-20250303T120001Z.rdb", "vigil-20250310T120000Z-1.rdb",
          "vigil-20250310T120000Z.rdb", "vigil-old.rdb");
    }
  }

  /** The smallest valid RDB: header, end-of-file opcode, CRC-64 (little-endian) of both. */
  static byte[] emptyRdb() {
    byte[] body = "REDIS0010\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    long crc = new Crc64().update(body, 0, body.length).value();
    byte[] file = new byte[body.length + 8];
    System.arraycopy(body, 0, file, 0, body.length);
    for (int i = 0; i < 8; i++) {
      file[body.length + i] = (byte) (crc >>> (8 * i));
    }
    return file;
  }
}
