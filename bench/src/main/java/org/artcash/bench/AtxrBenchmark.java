package org.artcash.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.TransferToken;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.software.FileMonotonicCounter;
import org.artcash.monebox.software.FileStateStore;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.testkit.TestIssuer;
import org.artcash.testkit.TestMint;
import org.artcash.testkit.TestParty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * atxr on the software MonEbox (de Jong 2024, sec. 2.3): {@link SoftwareMonEbox#pay} including
 * its commit, which stores the new state before the token is returned. Every call is a new
 * payment: the payments are chained on one ART with room for 65535, so each call checks an ART
 * that already holds a payment. The host's side (the payee's request, the approval MAC) and
 * re-certifying used-up payment keys happen before each call, outside the measured time.
 *
 * <p>{@code store=memory}: InMemoryStateStore and InMemoryMonotonicCounter (computation and
 * encoding only). {@code store=file}: FileStateStore and FileMonotonicCounter in a new directory
 * under java.io.tmpdir; each commit writes two files with fsync, atomic rename and directory fsync.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AtxrBenchmark {
  /** EUR 2.50: below the button threshold and within the small payment keys' limit. */
  private static final long AMOUNT = 2_50;
  private static final long TOP_UP = 5_000_00;

  @Param({"memory", "file"})
  public String store;

  private Path dir;
  private InMemoryStateStore memoryState;
  private TestIssuer issuer;
  private TestMint mint;
  private TestParty payer;
  private SoftwareMonEbox box;
  private ArtState state;
  private PaymentInstruction next;
  private TransferToken last;
  private long payments;
  private long keysCertified;
  private long topUps;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    if (store.equals("file")) {
      dir = Files.createTempDirectory("artcash-bench-");
      box = SoftwareMonEbox.open(new FileStateStore(dir.resolve("monebox.state")),
          new FileMonotonicCounter(dir.resolve("monebox.counter")));
    } else if (store.equals("memory")) {
      memoryState = new InMemoryStateStore();
      box = SoftwareMonEbox.open(memoryState, new InMemoryMonotonicCounter());
    } else {
      throw new IllegalArgumentException("store is memory or file, not " + store);
    }
    issuer = TestIssuer.create();
    mint = new TestMint(issuer, Fixtures.memoryBox());
    payer = TestParty.create(issuer, box, 0, false);
    state = freshArt();
  }

  private ArtState freshArt() {
    return ArtState.fresh(issuer.freshArt(Fixtures.randomId(),
        TestIssuer.ArtSpec.standard().withMaxPayments(0xFFFF).withLimits(500_00, 1_000_000_00)));
  }

  /** The payee's next request and the host's approval; more money or a new key when needed. */
  @Setup(Level.Invocation)
  public void prepare() throws ArtcashException {
    if (last != null) {
      state = last.state();
      last = null;
    }
    if (state.paymentsLeft() < 1 || state.headroom() < AMOUNT) {
      state = freshArt();
    }
    if (Fixtures.ensureBalance(issuer, mint, payer, AMOUNT, TOP_UP)) {
      topUps++;
    }
    if (Fixtures.ensurePaymentKey(issuer, payer.box(), issuer.smallCertifier(),
        TestIssuer.SMALL_CLASS)) {
      keysCertified++;
    }
    next = payer.host().approve(issuer.paymentRequest(state, AMOUNT), AMOUNT, issuer.now());
  }

  @Benchmark
  public TransferToken atxr() throws ArtcashException {
    last = box.pay(next);
    payments++;
    return last;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    long imageSize = memoryState != null ? memoryState.read().orElseThrow().length
        : Files.size(dir.resolve("monebox.state"));
    System.out.println();
    System.out.println("atxr store=" + store + ": " + payments + " payments (warm-up included),"
        + " stored state " + imageSize + " bytes, " + keysCertified + " payment keys re-certified, "
        + topUps + " top-ups");
    box.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        System.out.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
