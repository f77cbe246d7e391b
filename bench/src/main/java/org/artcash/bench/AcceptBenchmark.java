package org.artcash.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.TrustStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Payee acceptance in software (de Jong 2024, sec. 2.3): {@link ArtRules#accept} of payment #2 on
 * an ART, the token carrying the certifier's chain. Warm: the payee's trust store has validated
 * that certifier before (the normal case). Cold: a trust store holding only the root, so the chain
 * is validated from scratch; the store is made before each call, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcceptBenchmark {
  private ArtState sent;
  private TransferToken token;
  private Optional<Amount> agreed;
  private TrustStore warm;
  private Certificate root;

  @Setup
  public void setup() throws ArtcashException {
    Fixtures.Scene scene = Fixtures.scene();
    sent = scene.sent();
    token = scene.token();
    agreed = scene.request().requestedAmount();
    root = scene.issuer().root();
    warm = TrustStore.anchoredAt(root);
    ArtRules.accept(sent, token, agreed, warm); // caches the certifier chain
  }

  /** A trust store that knows nothing but the root of trust, new for every call. */
  @State(Scope.Thread)
  public static class RootOnly {
    TrustStore trust;

    @Setup(Level.Invocation)
    public void fresh(AcceptBenchmark b) throws ArtcashException {
      trust = TrustStore.anchoredAt(b.root);
    }
  }

  @Benchmark
  public ArtState acceptWarmTrustStore() throws ArtcashException {
    return ArtRules.accept(sent, token, agreed, warm);
  }

  @Benchmark
  public ArtState acceptColdTrustStore(RootOnly cold) throws ArtcashException {
    return ArtRules.accept(sent, token, agreed, cold.trust);
  }
}
