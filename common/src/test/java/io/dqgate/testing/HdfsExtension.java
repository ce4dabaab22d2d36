package io.dqgate.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real HDFS for the whole test JVM: a {@link MiniDFSCluster} with a name node and one data node,
 * listening on 127.0.0.1 only, its storage under {@code target/minidfs-<uuid>}. It starts on first use
 * (a few seconds) and is shared by every test; each test works below its own {@link #freshDir} folder.
 * Tests receive a {@link FileSystem} parameter on it and never close it; {@link #uri()} and
 * {@link #configuration()} serve code that opens the cluster by URI.
 *
 * <p>Stopping: when the JUnit run ends (a resource in the root store), with a JVM shutdown hook as the
 * fallback. The hook alone cannot stop it cleanly: the data node's shutdown removes a Hadoop shutdown hook,
 * which throws "Shutdown in progress" while the JVM is exiting, so the hook only stops what it can and
 * deletes the storage.
 */
public final class HdfsExtension implements ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(HdfsExtension.class);
  private static final AtomicInteger DIRS = new AtomicInteger();

  private static MiniDFSCluster cluster;
  private static File baseDir;
  private static URI uri;
  private static FileSystem fileSystem;
  private static long startMillis;
  private static boolean hookAdded;

  /** The running cluster, started on the first call. */
  private static synchronized MiniDFSCluster cluster() {
    if (cluster == null) {
      start();
    }
    return cluster;
  }

  private static void start() {
    quietLogs();
    long t0 = System.nanoTime();
    File dir = new File("target", "minidfs-" + UUID.randomUUID()).getAbsoluteFile();
    Configuration conf = new Configuration();
    // Loopback only. MiniDFSCluster already puts the data node on 127.0.0.1; say it for the name node too.
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.namenode.https-address", "127.0.0.1:0");
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.https-bind-host", "127.0.0.1");
    // Jetty unpacks the web apps into java.io.tmpdir otherwise, and leaves them there after a hard stop.
    conf.set("hadoop.http.temp.dir", new File(dir, "http-tmp").getPath());
    conf.setInt("dfs.replication", 1);
    // Less to do at start: no retry cache, no background scanners, a fast heartbeat.
    conf.setBoolean("dfs.namenode.enable.retrycache", false);
    conf.setInt("dfs.datanode.scan.period.hours", -1);
    conf.setInt("dfs.datanode.directoryscan.interval", -1);
    conf.setInt("dfs.heartbeat.interval", 1);
    MiniDFSCluster started = null;
    try {
      started = new MiniDFSCluster.Builder(conf, dir)
          .numDataNodes(1)
          .storagesPerDatanode(1)
          .enableManagedDfsDirsRedundancy(false)
          .format(true)
          .waitSafeMode(true)
          .build();
      started.waitActive();
      // The cluster names itself hdfs://localhost:<port>; tests use the address it listens on.
      URI address = URI.create("hdfs://127.0.0.1:" + started.getNameNodePort());
      Configuration client = clientConfiguration(started, address);
      fileSystem = FileSystem.newInstance(address, client);
      uri = address;
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.shutdown(true);
      }
      FileUtil.fullyDelete(dir);
      throw new IllegalStateException("cannot start MiniDFSCluster in " + dir + ": " + e.getMessage(), e);
    }
    cluster = started;
    baseDir = dir;
    startMillis = (System.nanoTime() - t0) / 1_000_000;
    LOG.info("MiniDFSCluster {} started in {} ms ({})", uri, startMillis, dir);
    if (!hookAdded) {
      hookAdded = true;
      Runtime.getRuntime().addShutdownHook(new Thread(HdfsExtension::stop, "minidfs-shutdown"));
    }
  }

  /** Stops the cluster and deletes its storage; the next use starts a new one. */
  static synchronized void stop() {
    if (cluster == null) {
      return;
    }
    // Stopping makes the data node's threads log interrupts at ERROR and WARN; nothing to learn from them.
    Configurator.setLevel("org.apache.hadoop.hdfs.server", Level.OFF);
    Configurator.setLevel("org.apache.hadoop.fs.CachingGetSpaceUsed", Level.OFF);
    try {
      fileSystem.close();
    } catch (IOException ignored) {
      // The cluster goes away next anyway.
    }
    try {
      cluster.shutdown(true);
    } catch (RuntimeException inJvmShutdown) {
      // IllegalStateException "Shutdown in progress" from the data node: stop the name node at least.
      try {
        cluster.shutdownNameNodes();
      } catch (RuntimeException ignored) {
        // The JVM is exiting.
      }
    }
    FileUtil.fullyDelete(baseDir);
    cluster = null;
    fileSystem = null;
    uri = null;
  }

  private static Configuration clientConfiguration(MiniDFSCluster started, URI address) {
    Configuration conf = new Configuration(started.getConfiguration(0));
    conf.set(FileSystem.FS_DEFAULT_NAME_KEY, address.toString());
    return conf;
  }

  /** The name node's address, {@code hdfs://127.0.0.1:<port>}. */
  public static synchronized URI uri() {
    cluster();
    return uri;
  }

  /** A fresh client configuration whose default file system is the cluster. */
  public static synchronized Configuration configuration() {
    return clientConfiguration(cluster(), uri);
  }

  /** A client on the cluster, shared by all tests; do not close it. */
  public static synchronized FileSystem fileSystem() {
    cluster();
    return fileSystem;
  }

  /** A new, not yet existing folder on the cluster for one test: {@code hdfs://127.0.0.1:<port>/<name>-<n>}. */
  public static Path freshDir(String name) {
    return new Path(uri().toString() + "/" + name + "-" + DIRS.incrementAndGet());
  }

  /** How long the cluster took to start, in milliseconds; 0 before it was started. */
  public static synchronized long startMillis() {
    return startMillis;
  }

  /**
   * The test log configuration keeps WARN, and Hadoop's servers warn on every start about harmless things
   * (no native library, no metrics config, no HTTP signature secret, Jetty's request log, missing dfsUsed
   * file). Only the server side is turned down; client warnings still show.
   */
  private static void quietLogs() {
    for (String logger : new String[] {
        "org.apache.hadoop.hdfs.server", "org.apache.hadoop.http", "org.apache.hadoop.metrics2",
        "org.apache.hadoop.security.authentication.server", "org.apache.hadoop.util.NativeCodeLoader",
        "org.apache.hadoop.shaded.org.eclipse.jetty", "org.apache.hadoop.hdfs.StateChange", "BlockStateChange"}) {
      Configurator.setLevel(logger, Level.ERROR);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FileSystem.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FileSystem fs = fileSystem();
    // Stop cleanly when the whole JUnit run ends, before the JVM exits.
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(StopAtEndOfRun.class, k -> new StopAtEndOfRun(), StopAtEndOfRun.class);
    return fs;
  }

  private static final class StopAtEndOfRun implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      stop();
    }
  }
}
