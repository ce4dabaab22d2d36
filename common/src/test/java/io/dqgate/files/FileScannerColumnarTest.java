package io.dqgate.files;

import static io.dqgate.files.FileScannerTestSupport.hadoopPath;
import static io.dqgate.files.FileScannerTestSupport.scan;
import static io.dqgate.files.FileScannerTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import io.dqgate.files.FileScannerTestSupport.Expected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet and ORC: rows and schema from the footer; size and SHA-256 over the whole file. */
class FileScannerColumnarTest {
  @TempDir Path dir;

  @Test
  void parquetFooter() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message applications {
          required int32 id;
          optional binary name (STRING);
          optional double score;
          required int64 created (TIMESTAMP(MILLIS,true));
          optional int32 born (DATE);
          optional int32 small (INT_16);
          optional binary raw;
          optional fixed_len_byte_array(5) amount (DECIMAL(10,2));
          optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
          optional group attrs (MAP) {
            repeated group key_value { required binary key (STRING); optional int64 value; }
          }
          optional group address { optional binary city (STRING); optional int64 zip; }
          required boolean flag;
        }""");
    Path file = dir.resolve("part-0.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(hadoopPath(file))
        .withType(schema).withConf(new Configuration()).build()) {
      for (int i = 0; i < 1_234; i++) {
        writer.write(groups.newGroup().append("id", i).append("name", "n" + i).append("created", 1_000L * i)
            .append("flag", i % 2 == 0));
      }
    }
    Expected expected = Expected.of(file).records(1_234).types(
        "id", "int", "name", "string", "score", "double", "created", "timestamp", "born", "date", "small", "smallint",
        "raw", "binary", "amount", "decimal(10,2)", "tags", "array<string>", "attrs", "map<string,bigint>",
        "address", "struct<city:string,zip:bigint>", "flag", "boolean");
    expected.footerRows = 1_234;
    assertThat(scan(file, SourceFormat.PARQUET)).isEqualTo(expected.build());
  }

  @Test
  void corruptParquet() throws IOException {
    Path file = write(dir, "bad.parquet", "PAR1 this is not a parquet file at all, only text\n");
    FileScan scan = scan(file, SourceFormat.PARQUET);
    Expected expected = Expected.of(file);
    expected.readError = scan.readError();
    assertThat(scan).isEqualTo(expected.build());
    assertThat(scan.readError()).startsWith("cannot read Parquet footer: ").contains("not a Parquet file")
        .doesNotContain("\n");
  }

  @Test
  void parquetCutShort() throws IOException {
    Path whole = dir.resolve("whole.parquet");
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; }");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(hadoopPath(whole))
        .withType(schema).withConf(new Configuration()).build()) {
      writer.write(new SimpleGroupFactory(schema).newGroup().append("id", 1L));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path file = write(dir, "cut.parquet", Arrays.copyOf(bytes, bytes.length - 10));
    FileScan scan = scan(file, SourceFormat.PARQUET);
    assertThat(scan.readError()).startsWith("cannot read Parquet footer: ");
    assertThat(scan.footerRows()).isEqualTo(-1);
    assertThat(scan.bytes()).isEqualTo(bytes.length - 10);
    assertThat(scan.sha256()).isEqualTo(FileScannerTestSupport.sha256(Arrays.copyOf(bytes, bytes.length - 10)));
  }

  @Test
  void orcFooter() throws IOException {
    TypeDescription schema = TypeDescription.fromString("struct<id:bigint,name:string,score:double>");
    Path file = dir.resolve("part-0.orc");
    Configuration conf = new Configuration();
    try (Writer writer = OrcFile.createWriter(hadoopPath(file), OrcFile.writerOptions(conf).setSchema(schema))) {
      VectorizedRowBatch batch = schema.createRowBatch();
      for (int i = 0; i < 300; i++) {
        int row = batch.size++;
        ((LongColumnVector) batch.cols[0]).vector[row] = i;
        ((BytesColumnVector) batch.cols[1]).setVal(row, ("n" + i).getBytes(StandardCharsets.UTF_8));
        ((DoubleColumnVector) batch.cols[2]).vector[row] = i / 2.0;
        if (batch.size == batch.getMaxSize()) {
          writer.addRowBatch(batch);
          batch.reset();
        }
      }
      writer.addRowBatch(batch);
    }
    Expected expected = Expected.of(file).records(300).types("id", "bigint", "name", "string", "score", "double");
    expected.footerRows = 300;
    assertThat(scan(file, SourceFormat.ORC)).isEqualTo(expected.build());
  }

  @Test
  void corruptOrc() throws IOException {
    Path file = write(dir, "bad.orc", "ORC but then nothing that makes sense ".repeat(10));
    FileScan scan = scan(file, SourceFormat.ORC);
    Expected expected = Expected.of(file);
    expected.readError = scan.readError();
    assertThat(scan).isEqualTo(expected.build());
    assertThat(scan.readError()).startsWith("cannot read ORC footer: ").doesNotContain("\n");
  }

  @Test
  void zeroByteParquet() throws IOException {
    Path file = write(dir, "empty.parquet", "");
    FileScan scan = scan(file, SourceFormat.PARQUET);
    assertThat(scan.bytes()).isZero();
    assertThat(scan.readError()).startsWith("cannot read Parquet footer: ");
  }
}
