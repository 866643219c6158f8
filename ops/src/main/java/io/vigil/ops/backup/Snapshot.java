package io.vigil.ops.backup;

import io.vigil.ops.Deployment;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One backup: download a node's snapshot into a temporary file, verify it, and give it its final name. */
public final class Snapshot {

  private Snapshot() {}

  public static RdbFile take(Deployment deployment, Endpoint node, BackupFiles files) throws IOException {
    Path temporary = files.temporary();
    try {
      try (RespConnection admin = deployment.admin(node)) {
        RdbDownload.download(admin, temporary);
      }
      RdbFile checked = RdbFile.verify(temporary);
      return new RdbFile(files.commit(temporary), checked.size(), checked.version(), checked.checksummed());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
