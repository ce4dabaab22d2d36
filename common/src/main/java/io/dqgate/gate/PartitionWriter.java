package io.dqgate.gate;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a partition's data into an empty folder the gate chose (a staging or version folder) and says
 * which files it wrote; the gate then makes that folder live, or throws it away.
 */
@FunctionalInterface
public interface PartitionWriter {
  List<GateMarker.GatedFile> writeInto(FileSystem fs, Path folder) throws IOException;

  /** Where the data comes from, for the marker and messages. */
  default String source() {
    return "";
  }
}
