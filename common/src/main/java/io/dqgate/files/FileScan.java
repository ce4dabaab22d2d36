package io.dqgate.files;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one streaming read of one file found; built on an executor by {@link FileScanner} and sent to the
 * driver, so it holds only small serializable values.
 *
 * @param path the file, as given to the scanner
 * @param bytes bytes as stored (compressed size for a compressed file)
 * @param sha256 lower-case hex SHA-256 of the bytes as stored; matches {@code sha256sum} of the file
 * @param codec Hadoop codec the file was decoded with ("gzip", "bzip2", "deflate", ...), or null
 * @param readError null, or one line saying why the file could not be read to its end ("truncated gzip archive:
 *     unexpected end of stream after N bytes" where N counts decompressed bytes; "cannot read Parquet footer: ...")
 * @param lines text: line count of the (decompressed) content, a last line without '\n' included
 * @param records data records: CSV/TSV records (header and blank lines excluded), JSON non-blank lines, both
 *     including malformed ones; Parquet/ORC: the footer's row count, 0 when unreadable
 * @param malformedRecords records Spark would read as corrupt: wrong field count, unterminated quote, a JSON line
 *     that is not one object. A CSV header with an unterminated quote is counted here though it is not a record
 * @param malformedLines 1-based line numbers where the first few malformed records start
 * @param unterminatedQuote some record ended inside a quoted field (at a line end when not multiLine, or at EOF)
 * @param truncatedLastLine a non-empty text file whose last byte is not '\n'; the last line is still counted
 * @param invalidUtf8Sequences text: ill-formed UTF-8, each maximal invalid subpart counted once
 * @param firstInvalidUtf8Offset byte offset of the first one in the decoded content, -1 when none
 * @param bom text: the content starts with the UTF-8 byte order mark EF BB BF
 * @param nulBytes text: count of 0x00 bytes
 * @param firstNulOffset byte offset of the first one, -1 when none
 * @param columns CSV/TSV: header fields (BOM stripped; empty without a header); JSON: empty; Parquet/ORC: top-level
 *     field names
 * @param columnTypes Parquet/ORC: name to Spark-style type name ("int", "bigint", "string", "double",
 *     "decimal(10,2)", "array&lt;string&gt;" ...), in schema order; text: empty
 * @param footerRows Parquet/ORC: row count from the footer; -1 otherwise or when unreadable
 */
public record FileScan(
    String path,
    long bytes,
    String sha256,
    String codec,
    String readError,
    long lines,
    long records,
    long malformedRecords,
    List<Long> malformedLines,
    boolean unterminatedQuote,
    boolean truncatedLastLine,
    long invalidUtf8Sequences,
    long firstInvalidUtf8Offset,
    boolean bom,
    long nulBytes,
    long firstNulOffset,
    List<String> columns,
    Map<String, String> columnTypes,
    long footerRows) implements Serializable {

  public FileScan {
    malformedLines = List.copyOf(malformedLines);
    columns = List.copyOf(columns);
    // Schema order matters to readers of the report, so not Map.copyOf.
    columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
  }

  /** True when nothing about the file's content or encoding is suspicious (volume and manifest aside). */
  public boolean clean() {
    return readError == null && malformedRecords == 0 && !unterminatedQuote && !truncatedLastLine
        && invalidUtf8Sequences == 0 && !bom && nulBytes == 0;
  }
}
