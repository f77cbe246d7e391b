package org.artcash.issuer.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.issuer.store.Concurrently.Outcome;
import org.artcash.issuer.testing.TestDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every repository of {@link IssuerDatabase} does, run on each database by a subclass (H2 and
 * PostgreSQL). Each test gets a fresh, empty, migrated database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class IssuerStoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** Issuance committee keys, for signing orders. */
  static final List<EcSigner> COMMITTEE = List.of(
      TestDevice.softwareKey(new SecureRandom()), TestDevice.softwareKey(new SecureRandom()),
      TestDevice.softwareKey(new SecureRandom()));

  protected IssuerDatabase db;

  /** A fresh, empty database, migrated. */
  protected abstract IssuerDatabase openDatabase();

  /** A second pool on the same database as {@link #openDatabase}; closing it keeps the data. */
  protected abstract IssuerDatabase openSecondPool();

  /** Removes what {@link #openDatabase} created, after {@link #db} is closed. */
  protected abstract void dropDatabase();

  @BeforeEach
  void open() {
    db = openDatabase();
  }

  @AfterEach
  void close() {
    try {
      if (db != null) {
        db.close();
      }
    } finally {
      dropDatabase();
    }
  }

  /** A 16-byte identifier that shows {@code tag} when printed as text. */
  static Bytes id(String tag) {
    byte[] ascii = tag.getBytes(StandardCharsets.US_ASCII);
    if (ascii.length > 16) {
      throw new IllegalArgumentException(tag);
    }
    return Bytes.copyOf(Arrays.copyOf(ascii, 16));
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  /** Slow signing, so that concurrent requests queue up behind the one holding the lock. */
  static void holdTheLockAWhile() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ArtcashException assertFails(Reason reason, Executable call) {
    ArtcashException e = assertThrows(ArtcashException.class, call);
    assertEquals(reason, e.reason(), e::describe);
    return e;
  }

  @Nested
  class The_database {
    @Test
    void commits_what_a_transaction_returns_from() throws Exception {
      db.inTransaction(c -> Jdbc.update(c,
          "INSERT INTO revocation (key_id, reason, revoked_at) VALUES (?, ?, ?)",
          id("committed"), "test", T0));
      assertEquals(1, db.revocations().list().size());
    }

    @Test
    void rolls_back_a_transaction_that_throws() {
      assertFails(Reason.WRONG_STATE, () -> db.inTransaction(c -> {
        Jdbc.update(c, "INSERT INTO revocation (key_id, reason, revoked_at) VALUES (?, ?, ?)",
            id("rolled-back"), "test", T0);
        throw new ArtcashException(Reason.WRONG_STATE, "changed my mind");
      }));
      assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
        Jdbc.update(c, "INSERT INTO revocation (key_id, reason, revoked_at) VALUES (?, ?, ?)",
            id("rolled-back"), "test", T0);
        throw new IllegalStateException("bug");
      }));
      assertEquals(List.of(), db.revocations().list());
    }

    @Test
    void reports_an_sql_error_as_a_store_exception() {
      StoreException e = assertThrows(StoreException.class,
          () -> db.inTransaction(c -> Jdbc.update(c, "UPDATE no_such_table SET x = 1")));
      assertTrue(e.getMessage().contains("SQLSTATE"), e.getMessage());
    }

    @Test
    void opened_again_keeps_its_data_and_migrates_nothing_twice() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      List<String> applied = appliedMigrations(db);
      assertEquals("1", applied.get(0));
      try (IssuerDatabase again = openSecondPool()) {
        assertTrue(again.devices().find(id("dev-1")).isPresent());
        assertEquals(applied, appliedMigrations(again));
      }
      assertTrue(db.devices().find(id("dev-1")).isPresent());
    }

    private static List<String> appliedMigrations(IssuerDatabase db) throws Exception {
      return db.inTransaction(c -> Jdbc.queryList(c,
          "SELECT \"version\" FROM \"flyway_schema_history\""
              + " WHERE \"type\" = 'SQL' AND \"success\" = TRUE ORDER BY \"installed_rank\"",
          rs -> rs.getString(1)));
    }
  }

  @Nested
  class Device_registry {
    @Test
    void a_registered_device_is_found_active_with_its_class_and_key() throws Exception {
      byte[] key = randomBytes(65);
      db.devices().register(id("dev-1"), 3, key, T0);

      DeviceRecord d = db.devices().find(id("dev-1")).orElseThrow();
      assertEquals(id("dev-1"), d.deviceId());
      assertEquals(3, d.deviceClass());
      assertArrayEquals(key, d.publicKey());
      assertEquals(DeviceStatus.ACTIVE, d.status());
      assertEquals(T0, d.registeredAt());
      assertEquals(T0, d.statusChangedAt());
      assertEquals("registered", d.statusReason());
    }

    @Test
    void registering_a_device_twice_is_refused_as_wrong_state() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      ArtcashException e = assertFails(Reason.WRONG_STATE,
          () -> db.devices().register(id("dev-1"), 2, new byte[] {2}, T0.plusSeconds(1)));
      assertEquals("device " + id("dev-1").hex() + " is already registered", e.getMessage());
      assertEquals(1, db.devices().find(id("dev-1")).orElseThrow().deviceClass());
    }

    @Test
    void an_unknown_device_is_not_found() {
      assertEquals(Optional.empty(), db.devices().find(id("nobody")));
    }

    @Test
    void a_status_change_records_why_and_when() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      db.devices().setStatus(id("dev-1"), DeviceStatus.SUSPENDED, "reported lost",
          T0.plusSeconds(60));

      DeviceRecord d = db.devices().find(id("dev-1")).orElseThrow();
      assertEquals(DeviceStatus.SUSPENDED, d.status());
      assertEquals("reported lost", d.statusReason());
      assertEquals(T0.plusSeconds(60), d.statusChangedAt());
      assertEquals(T0, d.registeredAt());

      db.devices().setStatus(id("dev-1"), DeviceStatus.ACTIVE, "found", T0.plusSeconds(120));
      assertEquals(DeviceStatus.ACTIVE, db.devices().find(id("dev-1")).orElseThrow().status());
    }

    @Test
    void changing_the_status_of_an_unknown_device_is_not_found() {
      ArtcashException e = assertFails(Reason.NOT_FOUND, () -> db.devices()
          .setStatus(id("nobody"), DeviceStatus.DISABLED, "tampering", T0));
      assertTrue(e.getMessage().contains(id("nobody").hex()), e.getMessage());
    }

    @Test
    void a_retired_device_stays_retired() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      db.devices().setStatus(id("dev-1"), DeviceStatus.RETIRED, "end of life", T0.plusSeconds(1));

      assertFails(Reason.WRONG_STATE, () -> db.devices()
          .setStatus(id("dev-1"), DeviceStatus.ACTIVE, "oops", T0.plusSeconds(2)));
      db.devices().setStatus(id("dev-1"), DeviceStatus.RETIRED, "retry", T0.plusSeconds(3));

      DeviceRecord d = db.devices().find(id("dev-1")).orElseThrow();
      assertEquals(DeviceStatus.RETIRED, d.status());
      assertEquals("end of life", d.statusReason());
      assertEquals(T0.plusSeconds(1), d.statusChangedAt());
    }

    @Test
    void the_list_holds_every_device_oldest_registration_first() throws Exception {
      assertEquals(List.of(), db.devices().list());
      db.devices().register(id("dev-b"), 1, new byte[] {1}, T0.plusSeconds(10));
      db.devices().register(id("dev-a"), 2, new byte[] {2}, T0.plusSeconds(20));
      db.devices().register(id("dev-c"), 1, new byte[] {3}, T0);

      assertEquals(List.of(id("dev-c"), id("dev-b"), id("dev-a")),
          db.devices().list().stream().map(DeviceRecord::deviceId).toList());
      assertEquals(db.devices().find(id("dev-a")).orElseThrow(), db.devices().list().get(2));
    }

    @Test
    void times_are_kept_in_whole_seconds() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0.plusMillis(999));
      assertEquals(T0, db.devices().find(id("dev-1")).orElseThrow().registeredAt());
    }

    @Test
    void a_record_cannot_be_changed_through_its_key_array() throws Exception {
      db.devices().register(id("dev-1"), 1, new byte[] {1, 2, 3}, T0);
      DeviceRecord d = db.devices().find(id("dev-1")).orElseThrow();
      d.publicKey()[0] = 9;
      assertArrayEquals(new byte[] {1, 2, 3}, d.publicKey());
    }

    @Test
    void of_eight_concurrent_registrations_of_one_device_exactly_one_succeeds() throws Exception {
      List<Outcome<Boolean>> outcomes = Concurrently.run(8, i -> () -> {
        db.devices().register(id("dev-1"), i, new byte[] {(byte) i}, T0);
        return true;
      });
      assertEquals(1, outcomes.stream().filter(Outcome::succeeded).count());
      for (Outcome<Boolean> o : outcomes) {
        if (!o.succeeded()) {
          assertEquals(Reason.WRONG_STATE,
              assertInstanceOf(ArtcashException.class, o.failure()).reason());
        }
      }
      assertEquals(1, db.devices().list().size());
    }
  }

  @Nested
  class Pseudonym_register {
    @Test
    void a_pseudonym_is_found_by_itself_and_by_its_device() throws Exception {
      db.pseudonyms().create(id("alias-1"), id("dev-1"), Optional.of(id("person-1")), T0);

      PseudonymRecord p = db.pseudonyms().find(id("alias-1")).orElseThrow();
      assertEquals(new PseudonymRecord(id("alias-1"), id("dev-1"), Optional.of(id("person-1")),
          T0), p);
      assertFalse(p.anonymous());
      assertEquals(Optional.of(p), db.pseudonyms().findByDevice(id("dev-1")));
    }

    @Test
    void an_anonymous_user_has_no_identity_reference() throws Exception {
      db.pseudonyms().create(id("alias-1"), id("dev-1"), Optional.empty(), T0);

      PseudonymRecord p = db.pseudonyms().find(id("alias-1")).orElseThrow();
      assertEquals(Optional.empty(), p.identityRef());
      assertTrue(p.anonymous());
    }

    @Test
    void an_existing_pseudonym_cannot_be_created_again() throws Exception {
      db.pseudonyms().create(id("alias-1"), id("dev-1"), Optional.empty(), T0);
      ArtcashException e = assertFails(Reason.WRONG_STATE, () -> db.pseudonyms()
          .create(id("alias-1"), id("dev-2"), Optional.empty(), T0));
      assertTrue(e.getMessage().contains("pseudonym " + id("alias-1").hex()), e.getMessage());
      assertEquals(Optional.empty(), db.pseudonyms().findByDevice(id("dev-2")));
    }

    @Test
    void a_device_gets_one_pseudonym_only() throws Exception {
      db.pseudonyms().create(id("alias-1"), id("dev-1"), Optional.empty(), T0);
      ArtcashException e = assertFails(Reason.WRONG_STATE, () -> db.pseudonyms()
          .create(id("alias-2"), id("dev-1"), Optional.empty(), T0));
      assertTrue(e.getMessage().contains("device " + id("dev-1").hex()), e.getMessage());
      assertEquals(Optional.empty(), db.pseudonyms().find(id("alias-2")));
    }

    @Test
    void unknown_pseudonyms_and_devices_are_not_found() {
      assertEquals(Optional.empty(), db.pseudonyms().find(id("alias-1")));
      assertEquals(Optional.empty(), db.pseudonyms().findByDevice(id("dev-1")));
    }
  }

  @Nested
  class Identity_register {
    @Test
    void a_sealed_record_is_found_byte_for_byte() throws Exception {
      byte[] sealed = randomBytes(300);
      db.identities().store(id("person-1"), sealed, T0);
      assertArrayEquals(sealed, db.identities().find(id("person-1")).orElseThrow());
    }

    @Test
    void storing_the_same_sealed_record_again_is_harmless() throws Exception {
      byte[] sealed = randomBytes(40);
      db.identities().store(id("person-1"), sealed, T0);
      db.identities().store(id("person-1"), sealed.clone(), T0.plusSeconds(5));
      assertArrayEquals(sealed, db.identities().find(id("person-1")).orElseThrow());
    }

    @Test
    void a_stored_record_is_never_replaced_by_other_bytes() throws Exception {
      byte[] sealed = randomBytes(40);
      db.identities().store(id("person-1"), sealed, T0);
      assertFails(Reason.WRONG_STATE,
          () -> db.identities().store(id("person-1"), randomBytes(40), T0));
      assertArrayEquals(sealed, db.identities().find(id("person-1")).orElseThrow());
    }

    @Test
    void an_unknown_reference_is_not_found() {
      assertEquals(Optional.empty(), db.identities().find(id("person-1")));
    }
  }

  @Nested
  class Certification_ledger {
    final Bytes device = id("dev-1");
    final Bytes certifier = id("class-A-key");

    byte[] issue(String request, int max, CertificationLedger.SignWork work) throws Exception {
      return db.certifications().issueOnce(id(request), device, certifier, T0, max, work);
    }

    @Test
    void a_request_is_signed_and_counted() throws Exception {
      byte[] signature = randomBytes(64);
      assertArrayEquals(signature, issue("req-1", 3, () -> signature.clone()));
      assertEquals(1, db.certifications().used(device, certifier, T0));
    }

    @Test
    void a_retried_request_gets_the_same_answer_without_using_quota() throws Exception {
      byte[] first = issue("req-1", 3, () -> randomBytes(64));
      AtomicInteger signings = new AtomicInteger();
      byte[] again = issue("req-1", 3, () -> {
        signings.incrementAndGet();
        return randomBytes(64);
      });
      assertArrayEquals(first, again);
      assertEquals(0, signings.get());
      assertEquals(1, db.certifications().used(device, certifier, T0));
    }

    @Test
    void the_quota_is_used_up_after_max_per_period_certificates() throws Exception {
      issue("req-1", 2, () -> randomBytes(8));
      issue("req-2", 2, () -> randomBytes(8));
      ArtcashException e = assertFails(Reason.RATE_LIMITED,
          () -> issue("req-3", 2, () -> randomBytes(8)));
      assertEquals("device " + device.hex()
          + " has used its 2 certificates of this class for this period", e.getMessage());
      assertEquals(2, db.certifications().used(device, certifier, T0));
    }

    @Test
    void a_retry_after_the_quota_is_used_up_still_gets_its_answer() throws Exception {
      byte[] first = issue("req-1", 1, () -> randomBytes(8));
      assertFails(Reason.RATE_LIMITED, () -> issue("req-2", 1, () -> randomBytes(8)));
      assertArrayEquals(first, issue("req-1", 1, () -> randomBytes(8)));
    }

    @Test
    void another_period_or_certifier_key_or_device_has_its_own_quota() throws Exception {
      CertificationLedger ledger = db.certifications();
      ledger.issueOnce(id("req-1"), device, certifier, T0, 1, () -> randomBytes(8));
      Instant nextPeriod = T0.plus(Duration.ofDays(1));
      ledger.issueOnce(id("req-2"), device, certifier, nextPeriod, 1, () -> randomBytes(8));
      ledger.issueOnce(id("req-3"), device, id("class-B-key"), T0, 1, () -> randomBytes(8));
      ledger.issueOnce(id("req-4"), id("dev-2"), certifier, T0, 1, () -> randomBytes(8));

      assertEquals(1, ledger.used(device, certifier, T0));
      assertEquals(1, ledger.used(device, certifier, nextPeriod));
      assertEquals(1, ledger.used(device, id("class-B-key"), T0));
      assertEquals(1, ledger.used(id("dev-2"), certifier, T0));
      assertEquals(0, ledger.used(id("dev-3"), certifier, T0));
    }

    @Test
    void when_signing_fails_nothing_is_counted_or_stored() throws Exception {
      assertFails(Reason.BAD_SIGNATURE, () -> issue("req-1", 3, () -> {
        throw new ArtcashException(Reason.BAD_SIGNATURE, "blinded key does not verify");
      }));
      assertEquals(0, db.certifications().used(device, certifier, T0));
      byte[] later = randomBytes(8);
      assertArrayEquals(later, issue("req-1", 3, () -> later.clone()));
    }

    @Test
    void a_request_hash_answered_for_another_device_is_a_conflicting_retry() throws Exception {
      issue("req-1", 3, () -> randomBytes(8));
      assertFails(Reason.CONFLICTING_RETRY, () -> db.certifications()
          .issueOnce(id("req-1"), id("dev-2"), certifier, T0, 3, () -> randomBytes(8)));
      assertEquals(0, db.certifications().used(id("dev-2"), certifier, T0));
    }

    @Test
    void eight_concurrent_requests_of_one_device_with_a_limit_of_three_get_three_certificates()
        throws Exception {
      AtomicInteger signings = new AtomicInteger();
      List<Outcome<byte[]>> outcomes = Concurrently.run(8, i -> () ->
          issue("req-" + i, 3, () -> {
            signings.incrementAndGet();
            holdTheLockAWhile();
            return randomBytes(32);
          }));

      List<byte[]> successes = outcomes.stream().filter(Outcome::succeeded)
          .map(Outcome::value).toList();
      assertEquals(3, successes.size());
      assertEquals(3, successes.stream().map(Bytes::copyOf).distinct().count());
      for (Outcome<byte[]> o : outcomes) {
        if (!o.succeeded()) {
          assertEquals(Reason.RATE_LIMITED,
              assertInstanceOf(ArtcashException.class, o.failure()).reason(),
              () -> String.valueOf(o.failure()));
        }
      }
      assertEquals(3, signings.get());
      assertEquals(3, db.certifications().used(device, certifier, T0));
    }

    @Test
    void concurrent_copies_of_one_request_are_signed_once_and_all_get_the_same_bytes()
        throws Exception {
      AtomicInteger signings = new AtomicInteger();
      List<Outcome<byte[]>> outcomes = Concurrently.run(8, i -> () ->
          issue("req-same", 3, () -> {
            signings.incrementAndGet();
            holdTheLockAWhile();
            return randomBytes(32);
          }));

      for (Outcome<byte[]> o : outcomes) {
        assertTrue(o.succeeded(), () -> String.valueOf(o.failure()));
      }
      Set<Bytes> answers = outcomes.stream().map(o -> Bytes.copyOf(o.value()))
          .collect(Collectors.toSet());
      assertEquals(1, answers.size());
      assertEquals(1, signings.get());
      assertEquals(1, db.certifications().used(device, certifier, T0));
    }
  }

  @Nested
  class Art_registry {
    final Instant notAfter = T0.plus(Duration.ofDays(30));

    /** A judge that always decides the same, whatever the current log. */
    ArtRegistry.ReturnJudge always(boolean keep, boolean becomesCurrent, boolean usedUp) {
      return current -> new ArtRegistry.ReturnDecision(keep, becomesCurrent, usedUp);
    }

    @Test
    void an_issued_art_is_found_with_its_configuration() throws Exception {
      byte[] config = randomBytes(20);
      db.arts().recordIssued(id("art-1"), id("alias-1"), 2, T0, notAfter, config);

      IssuedArt art = db.arts().find(id("art-1")).orElseThrow();
      assertEquals(new IssuedArt(id("art-1"), id("alias-1"), 2, T0, notAfter, config,
          Optional.empty(), Optional.empty(), Optional.empty()), art);
      assertArrayEquals(config, art.config());
      assertFalse(art.returned());
      assertEquals(Optional.empty(), db.arts().find(id("art-2")));
    }

    @Test
    void recording_an_art_twice_is_refused() throws Exception {
      db.arts().recordIssued(id("art-1"), id("alias-1"), 1, T0, notAfter, new byte[0]);
      assertFails(Reason.WRONG_STATE, () -> db.arts()
          .recordIssued(id("art-1"), id("alias-2"), 1, T0, notAfter, new byte[0]));
      assertEquals(id("alias-1"), db.arts().find(id("art-1")).orElseThrow().pseudonym());
    }

    @Test
    void live_arts_are_valid_and_not_used_up_even_when_returned_early() throws Exception {
      Bytes alias = id("alias-1");
      db.arts().recordIssued(id("art-1"), alias, 1, T0, T0.plusSeconds(100), new byte[0]);
      db.arts().recordIssued(id("art-2"), alias, 1, T0, T0.plusSeconds(200), new byte[0]);
      db.arts().recordIssued(id("art-3"), alias, 1, T0, T0.plusSeconds(300), new byte[0]);
      db.arts().recordIssued(id("art-4"), id("alias-2"), 1, T0, T0.plusSeconds(300),
          new byte[0]);

      assertEquals(3, db.arts().countLive(alias, T0));
      assertEquals(2, db.arts().countLive(alias, T0.plusSeconds(100)));
      db.arts().recordReturn(id("art-3"), T0.plusSeconds(150), id("log-1"), 1, new byte[] {1},
          always(true, true, false));
      assertEquals(2, db.arts().countLive(alias, T0.plusSeconds(100)));
      assertTrue(db.arts().find(id("art-3")).orElseThrow().liveAt(T0.plusSeconds(150)));
      db.arts().recordReturn(id("art-3"), T0.plusSeconds(160), id("log-2"), 2, new byte[] {2},
          always(true, true, true));
      assertEquals(1, db.arts().countLive(alias, T0.plusSeconds(100)));
      assertEquals(0, db.arts().countLive(alias, T0.plusSeconds(200)));
      assertEquals(0, db.arts().countLive(id("alias-3"), T0));
    }

    @Test
    void a_return_is_judged_against_the_current_log_and_kept_logs_are_evidence()
        throws Exception {
      db.arts().recordIssued(id("art-1"), id("alias-1"), 1, T0, notAfter, new byte[] {7});
      byte[] first = randomBytes(50);
      byte[] other = randomBytes(60);
      byte[] better = randomBytes(70);
      List<Optional<byte[]>> seen = new ArrayList<>();
      ArtRegistry.ReturnJudge watching = current -> {
        seen.add(current);
        return new ArtRegistry.ReturnDecision(true, current.isEmpty(), false);
      };

      db.arts().recordReturn(id("art-1"), T0.plusSeconds(10), id("first"), 1, first, watching);
      db.arts().recordReturn(id("art-1"), T0.plusSeconds(20), id("other"), 1, other, watching);
      db.arts().recordReturn(id("art-1"), T0.plusSeconds(25), id("other"), 1, other, watching);
      assertEquals(3, seen.size());
      assertTrue(seen.get(0).isEmpty());
      assertArrayEquals(first, seen.get(1).orElseThrow());
      IssuedArt art = db.arts().find(id("art-1")).orElseThrow();
      assertArrayEquals(first, art.fullArt().orElseThrow());
      assertEquals(Optional.of(T0.plusSeconds(10)), art.returnedAt());

      db.arts().recordReturn(id("art-1"), T0.plusSeconds(30), id("better"), 3, better,
          always(true, true, true));
      db.arts().recordReturn(id("art-1"), T0.plusSeconds(40), id("part"), 1, randomBytes(5),
          always(false, false, true));

      art = db.arts().find(id("art-1")).orElseThrow();
      assertArrayEquals(better, art.fullArt().orElseThrow());
      assertEquals(Optional.of(T0.plusSeconds(10)), art.returnedAt());
      assertEquals(Optional.of(T0.plusSeconds(30)), art.usedUpAt());
      List<byte[]> logs = db.arts().returnedLogs(id("art-1"));
      assertEquals(3, logs.size());
      assertArrayEquals(first, logs.get(0));
      assertArrayEquals(other, logs.get(1));
      assertArrayEquals(better, logs.get(2));
    }

    @Test
    void a_judge_that_refuses_changes_nothing() throws Exception {
      db.arts().recordIssued(id("art-1"), id("alias-1"), 1, T0, notAfter, new byte[] {7});

      assertFails(Reason.ART_STATE_INVALID, () -> db.arts().recordReturn(id("art-1"), T0,
          id("log"), 0, new byte[] {1}, current -> {
            throw new ArtcashException(Reason.ART_STATE_INVALID, "not this one");
          }));

      assertFalse(db.arts().find(id("art-1")).orElseThrow().returned());
      assertEquals(List.of(), db.arts().returnedLogs(id("art-1")));
    }

    @Test
    void returning_an_unknown_art_is_unknown_art() {
      ArtcashException e = assertFails(Reason.UNKNOWN_ART, () -> db.arts().recordReturn(
          id("art-x"), T0, id("log"), 0, new byte[] {1}, always(true, true, false)));
      assertTrue(e.getMessage().contains(id("art-x").hex()), e.getMessage());
      assertEquals(List.of(), db.arts().returnedLogs(id("art-x")));
    }

    @Test
    void of_eight_concurrent_returns_of_one_art_each_is_judged_after_the_one_before()
        throws Exception {
      db.arts().recordIssued(id("art-1"), id("alias-1"), 1, T0, notAfter, new byte[0]);
      List<Outcome<ArtRegistry.ReturnDecision>> outcomes = Concurrently.run(8,
          i -> () -> db.arts().recordReturn(id("art-1"), T0.plusSeconds(i), id("log-" + i), i,
              new byte[] {(byte) i},
              current -> new ArtRegistry.ReturnDecision(true, current.isEmpty(), false)));
      for (Outcome<ArtRegistry.ReturnDecision> o : outcomes) {
        assertTrue(o.succeeded(), () -> String.valueOf(o.failure()));
      }
      assertEquals(1, outcomes.stream().filter(o -> o.value().becomesCurrent()).count());
      assertEquals(8, db.arts().returnedLogs(id("art-1")).size());
    }
  }

  @Nested
  class Inspection_store {
    final Bytes art = id("art-1");

    InspectionStore.SeenRecord seen(int seq, String hash, boolean verified) {
      return new InspectionStore.SeenRecord(seq, id(hash), verified);
    }

    InspectionStore.Finding finding(int record, String code) {
      return new InspectionStore.Finding(record, code, code.toLowerCase(Locale.ROOT));
    }

    @Test
    void a_first_inspection_creates_the_report_with_its_anomalies_in_order() throws Exception {
      List<Anomaly> added = db.inspections().addInspection(art, T0,
          List.of(seen(1, "h1", true), seen(2, "h2", false)),
          List.of(finding(-1, "UNKNOWN_ISSUER"), finding(1, "BAD_SIGNATURE")));

      assertEquals(List.of(new Anomaly(art, 1, "UNKNOWN_ISSUER", "unknown_issuer"),
          new Anomaly(art, 2, "BAD_SIGNATURE", "bad_signature")), added);
      assertEquals(added, db.inspections().anomalies(art));
      assertEquals(Optional.of(T0), db.inspections().inspectedAt(art));
      assertEquals(1, db.inspections().countInspected());
      assertEquals(Set.of(seen(1, "h1", true), seen(2, "h2", false)),
          Set.copyOf(db.inspections().records(art)));
    }

    @Test
    void a_later_inspection_adds_only_what_is_new_numbered_after_the_earlier_anomalies()
        throws Exception {
      db.inspections().addInspection(art, T0, List.of(seen(1, "h1", true)),
          List.of(finding(0, "FIRST")));

      List<Anomaly> added = db.inspections().addInspection(art, T0.plusSeconds(9),
          List.of(seen(1, "h1", true), seen(2, "h2", false)),
          List.of(finding(-1, "ABOUT_THE_ART"), finding(0, "OLD"), finding(1, "NEW")));

      assertEquals(List.of(new Anomaly(art, 2, "NEW", "new")), added);
      assertEquals(List.of("FIRST", "NEW"),
          db.inspections().anomalies(art).stream().map(Anomaly::code).toList());
      assertEquals(Optional.of(T0), db.inspections().inspectedAt(art));
      assertEquals(1, db.inspections().countInspected());
    }

    @Test
    void a_record_seen_before_without_verifying_is_claimed_again_once_it_verifies()
        throws Exception {
      db.inspections().addInspection(art, T0, List.of(seen(2, "h2", false)),
          List.of(finding(0, "ART_STATE_INVALID")));

      assertEquals(1, db.inspections().addInspection(art, T0, List.of(seen(2, "h2", true)),
          List.of(finding(0, "KEY_USE_REPEATED"))).size());
      assertEquals(List.of(), db.inspections().addInspection(art, T0,
          List.of(seen(2, "h2", false)), List.of(finding(0, "AGAIN"))));
      assertEquals(List.of(), db.inspections().addInspection(art, T0,
          List.of(seen(2, "h2", true)), List.of(finding(0, "AGAIN"))));

      assertEquals(List.of(seen(2, "h2", true)), db.inspections().records(art));
      assertEquals(2, db.inspections().anomalies(art).size());
    }

    @Test
    void a_clean_first_inspection_counts_as_inspected_without_anomalies() throws Exception {
      assertEquals(0, db.inspections().countInspected());
      assertEquals(List.of(), db.inspections().addInspection(art, T0, List.of(), List.of()));
      assertEquals(List.of(), db.inspections().anomalies(art));
      assertEquals(1, db.inspections().countInspected());
      assertEquals(Optional.empty(), db.inspections().inspectedAt(id("art-2")));
    }

    @Test
    void all_anomalies_are_listed_by_art_then_seq() throws Exception {
      db.inspections().addInspection(id("art-b"), T0, List.of(), List.of(finding(-1, "X")));
      db.inspections().addInspection(id("art-c"), T0, List.of(), List.of());
      db.inspections().addInspection(id("art-a"), T0, List.of(seen(1, "h", false)),
          List.of(finding(0, "Z"), finding(0, "Y")));

      assertEquals(List.of(new Anomaly(id("art-a"), 1, "Z", "z"),
          new Anomaly(id("art-a"), 2, "Y", "y"), new Anomaly(id("art-b"), 1, "X", "x")),
          db.inspections().allAnomalies());
      assertEquals(3, db.inspections().countInspected());
    }

    @Test
    void findings_about_no_given_record_or_without_a_code_are_refused_and_nothing_is_saved() {
      assertThrows(IllegalArgumentException.class, () -> db.inspections().addInspection(art, T0,
          List.of(), List.of(finding(0, "X"))));
      assertThrows(IllegalArgumentException.class, () -> db.inspections().addInspection(art, T0,
          List.of(seen(1, "h", false)), List.of(new InspectionStore.Finding(0, "", "no code"))));
      assertThrows(IllegalArgumentException.class, () -> finding(-2, "X"));
      assertEquals(0, db.inspections().countInspected());
      assertEquals(List.of(), db.inspections().records(art));
    }

    @Test
    void of_eight_concurrent_inspections_of_one_record_one_claims_it() throws Exception {
      List<Outcome<List<Anomaly>>> outcomes = Concurrently.run(8,
          i -> () -> db.inspections().addInspection(art, T0.plusSeconds(i),
              List.of(seen(1, "h1", true)), List.of(finding(-1, "ART"), finding(0, "RECORD"))));
      for (Outcome<List<Anomaly>> o : outcomes) {
        assertTrue(o.succeeded(), () -> String.valueOf(o.failure()));
      }
      assertEquals(List.of("ART", "RECORD"),
          db.inspections().anomalies(art).stream().map(Anomaly::code).toList());
      assertEquals(1, db.inspections().countInspected());
    }
  }

  @Nested
  class Supply_ledger {
    /** An issuance order signed by {@code members} (indexes of committee keys). */
    byte[] order(long seq, SupplyKind kind, String currency, long amount, int... members) {
      IssuanceOrder o = IssuanceOrder.draft(id("issuer-box"), seq,
          IssuanceOrder.Kind.valueOf(kind.name()), Amount.of(Currency.of(currency), amount), T0);
      for (int m : members.length == 0 ? new int[] {0, 1} : members) {
        o = o.signedBy(m, COMMITTEE.get(m));
      }
      return o.encode();
    }

    @Test
    void issue_and_destroy_orders_add_up_per_currency() throws Exception {
      SupplyLedger ledger = db.supply();
      assertTrue(ledger.record(1, SupplyKind.ISSUE, "EUR", 100_000, T0,
          order(1, SupplyKind.ISSUE, "EUR", 100_000)));
      assertTrue(ledger.record(2, SupplyKind.ISSUE, "EUR", 50_000, T0,
          order(2, SupplyKind.ISSUE, "EUR", 50_000)));
      assertTrue(ledger.record(3, SupplyKind.DESTROY, "EUR", 30_000, T0,
          order(3, SupplyKind.DESTROY, "EUR", 30_000)));
      assertTrue(ledger.record(4, SupplyKind.ISSUE, "USD", 7, T0,
          order(4, SupplyKind.ISSUE, "USD", 7)));

      SupplyTotals eur = ledger.totals("EUR");
      assertEquals(new SupplyTotals("EUR", 150_000, 30_000), eur);
      assertEquals(120_000, eur.outstandingMinor());
      assertEquals(new SupplyTotals("USD", 7, 0), ledger.totals("USD"));
    }

    @Test
    void a_currency_without_orders_has_zero_totals() throws Exception {
      assertEquals(new SupplyTotals("GBP", 0, 0), db.supply().totals("GBP"));
    }

    @Test
    void recording_the_same_order_again_returns_false_and_changes_nothing() throws Exception {
      byte[] order = order(1, SupplyKind.ISSUE, "EUR", 500);
      assertTrue(db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0, order));
      assertFalse(db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0.plusSeconds(60),
          order.clone()));
      assertEquals(new SupplyTotals("EUR", 500, 0), db.supply().totals("EUR"));
    }

    @Test
    void the_same_order_signed_by_other_members_is_the_same_order_and_keeps_the_first_copy()
        throws Exception {
      byte[] first = order(1, SupplyKind.ISSUE, "EUR", 500, 0, 1);
      assertTrue(db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0, first));

      assertFalse(db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0,
          order(1, SupplyKind.ISSUE, "EUR", 500, 1, 2)));

      assertEquals(new SupplyTotals("EUR", 500, 0), db.supply().totals("EUR"));
      assertArrayEquals(first, db.inTransaction(c -> Jdbc.queryOne(c,
          "SELECT order_bytes FROM supply_order WHERE order_seq = 1", rs -> rs.getBytes(1))
          .orElseThrow()));
    }

    @Test
    void a_different_order_under_a_recorded_sequence_number_is_a_conflicting_retry()
        throws Exception {
      db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0,
          order(1, SupplyKind.ISSUE, "EUR", 500));

      assertFails(Reason.CONFLICTING_RETRY, () -> db.supply().record(1, SupplyKind.ISSUE, "EUR",
          501, T0, order(1, SupplyKind.ISSUE, "EUR", 501)));
      assertFails(Reason.CONFLICTING_RETRY, () -> db.supply().record(1, SupplyKind.DESTROY,
          "EUR", 500, T0, order(1, SupplyKind.DESTROY, "EUR", 500)));
      assertFails(Reason.CONFLICTING_RETRY, () -> db.supply().record(1, SupplyKind.ISSUE, "USD",
          500, T0, order(1, SupplyKind.ISSUE, "USD", 500)));
      byte[] later = IssuanceOrder.draft(id("issuer-box"), 1, IssuanceOrder.Kind.ISSUE,
          Amount.of(Currency.of("EUR"), 500), T0.plusSeconds(1)).signedBy(0, COMMITTEE.get(0))
          .encode();
      assertFails(Reason.CONFLICTING_RETRY,
          () -> db.supply().record(1, SupplyKind.ISSUE, "EUR", 500, T0, later));
      assertEquals(new SupplyTotals("EUR", 500, 0), db.supply().totals("EUR"));
    }

    @Test
    void the_last_order_sequence_is_the_highest_recorded_or_zero() throws Exception {
      assertEquals(0, db.supply().lastOrderSeq());
      db.supply().record(2, SupplyKind.ISSUE, "EUR", 1, T0, order(2, SupplyKind.ISSUE, "EUR", 1));
      db.supply().record(1, SupplyKind.ISSUE, "EUR", 1, T0, order(1, SupplyKind.ISSUE, "EUR", 1));
      assertEquals(2, db.supply().lastOrderSeq());
      db.supply().record(3, SupplyKind.DESTROY, "EUR", 1, T0,
          order(3, SupplyKind.DESTROY, "EUR", 1));
      assertEquals(3, db.supply().lastOrderSeq());
    }

    @Test
    void amounts_up_to_the_largest_long_add_up_exactly_and_beyond_it_are_amount_overflow()
        throws Exception {
      SupplyLedger ledger = db.supply();
      ledger.record(1, SupplyKind.ISSUE, "EUR", Long.MAX_VALUE - 1, T0,
          order(1, SupplyKind.ISSUE, "EUR", Long.MAX_VALUE - 1));
      ledger.record(2, SupplyKind.ISSUE, "EUR", 1, T0, order(2, SupplyKind.ISSUE, "EUR", 1));
      ledger.record(3, SupplyKind.DESTROY, "EUR", Long.MAX_VALUE, T0,
          order(3, SupplyKind.DESTROY, "EUR", Long.MAX_VALUE));
      assertEquals(new SupplyTotals("EUR", Long.MAX_VALUE, Long.MAX_VALUE), ledger.totals("EUR"));

      assertFails(Reason.AMOUNT_OVERFLOW, () -> ledger.record(4, SupplyKind.ISSUE, "EUR", 1, T0,
          order(4, SupplyKind.ISSUE, "EUR", 1)));
      assertEquals(3, ledger.lastOrderSeq());
      assertEquals(new SupplyTotals("EUR", Long.MAX_VALUE, Long.MAX_VALUE), ledger.totals("EUR"));
    }

    @Test
    void negative_amounts_and_sequence_numbers_below_one_are_refused() {
      assertThrows(IllegalArgumentException.class,
          () -> db.supply().record(1, SupplyKind.ISSUE, "EUR", -1, T0, new byte[0]));
      assertThrows(IllegalArgumentException.class,
          () -> db.supply().record(0, SupplyKind.ISSUE, "EUR", 1, T0, new byte[0]));
      assertThrows(IllegalArgumentException.class,
          () -> db.supply().record(1, SupplyKind.ISSUE, "euro", 1, T0, new byte[0]));
      assertThrows(IllegalArgumentException.class,
          () -> db.supply().record(1, SupplyKind.ISSUE, "EUR", 1, T0, randomBytes(60)));
      assertThrows(IllegalArgumentException.class, () -> db.supply().record(2, SupplyKind.ISSUE,
          "EUR", 1, T0, order(1, SupplyKind.ISSUE, "EUR", 1)));
      assertThrows(IllegalArgumentException.class, () -> db.supply().record(1, SupplyKind.ISSUE,
          "EUR", 2, T0, order(1, SupplyKind.ISSUE, "EUR", 1)));
      assertEquals(0, db.supply().lastOrderSeq());
    }

    @Test
    void of_eight_concurrent_recordings_of_one_order_exactly_one_records_it() throws Exception {
      byte[] order = order(1, SupplyKind.ISSUE, "EUR", 900);
      List<Outcome<Boolean>> outcomes = Concurrently.run(8,
          i -> () -> db.supply().record(1, SupplyKind.ISSUE, "EUR", 900, T0, order));
      for (Outcome<Boolean> o : outcomes) {
        assertTrue(o.succeeded(), () -> String.valueOf(o.failure()));
      }
      assertEquals(1, outcomes.stream().filter(Outcome::value).count());
      assertEquals(new SupplyTotals("EUR", 900, 0), db.supply().totals("EUR"));
    }
  }

  @Nested
  class Issuance_journal {
    IssuanceJournal journal;

    @BeforeEach
    void openJournal() {
      journal = new IssuanceJournal(db);
    }

    IssuanceOrder draft(long seq, long amount) {
      return IssuanceOrder.draft(id("issuer-box"), seq, IssuanceOrder.Kind.ISSUE,
          Amount.of(Currency.of("EUR"), amount), T0);
    }

    byte[] signed(IssuanceOrder draft, int... members) {
      IssuanceOrder o = draft;
      for (int m : members) {
        o = o.signedBy(m, COMMITTEE.get(m));
      }
      return o.encode();
    }

    @Test
    void the_same_order_signed_by_other_members_is_written_once_and_keeps_the_first_copy()
        throws Exception {
      byte[] first = signed(draft(1, 500), 0, 1);
      journal.write(1, first, T0);

      journal.write(1, signed(draft(1, 500), 1, 2), T0.plusSeconds(5));

      assertArrayEquals(first, journal.find(1).orElseThrow());
    }

    @Test
    void another_order_under_a_written_number_is_a_conflicting_retry() throws Exception {
      byte[] first = signed(draft(1, 500), 0, 1);
      journal.write(1, first, T0);

      assertFails(Reason.CONFLICTING_RETRY,
          () -> journal.write(1, signed(draft(1, 501), 0, 1), T0));
      assertArrayEquals(first, journal.find(1).orElseThrow());
    }

    @Test
    void an_order_is_discarded_by_its_body_whoever_signed_it() throws Exception {
      journal.write(1, signed(draft(1, 500), 0, 1), T0);

      assertFalse(journal.discard(1, signed(draft(1, 501), 0, 1)));
      assertTrue(journal.find(1).isPresent());
      assertTrue(journal.discard(1, signed(draft(1, 500), 1, 2)));
      assertEquals(Optional.empty(), journal.find(1));
    }

    @Test
    void bytes_that_are_not_the_order_numbered_so_are_refused() {
      assertThrows(IllegalArgumentException.class,
          () -> journal.write(1, randomBytes(80), T0));
      assertThrows(IllegalArgumentException.class,
          () -> journal.write(2, signed(draft(1, 500), 0, 1), T0));
      assertEquals(Optional.empty(), journal.find(1));
      assertEquals(Optional.empty(), journal.find(2));
    }
  }

  @Nested
  class Revocation_store {
    @Test
    void revoking_a_key_is_idempotent_and_keeps_the_first_reason() {
      assertTrue(db.revocations().revoke(id("key-1"), "compromised", T0));
      assertFalse(db.revocations().revoke(id("key-1"), "again", T0.plusSeconds(1)));
      assertEquals(List.of(new Revocation(id("key-1"), "compromised", T0)),
          db.revocations().list());
    }

    @Test
    void the_list_holds_every_revoked_key_oldest_first() {
      assertEquals(List.of(), db.revocations().list());
      db.revocations().revoke(id("key-b"), "b", T0.plusSeconds(2));
      db.revocations().revoke(id("key-a"), "a", T0.plusSeconds(1));
      db.revocations().revoke(id("key-c"), "c", T0.plusSeconds(2));
      assertEquals(List.of(new Revocation(id("key-a"), "a", T0.plusSeconds(1)),
              new Revocation(id("key-b"), "b", T0.plusSeconds(2)),
              new Revocation(id("key-c"), "c", T0.plusSeconds(2))),
          db.revocations().list());
    }

    @Test
    void list_sequence_numbers_count_up_from_one() {
      assertEquals(1, db.revocations().nextListSequence());
      assertEquals(2, db.revocations().nextListSequence());
      assertEquals(3, db.revocations().nextListSequence());
    }

    @Test
    void concurrent_list_sequence_numbers_are_distinct_and_without_gaps() throws Exception {
      List<Outcome<long[]>> outcomes = Concurrently.run(8, i -> () ->
          LongStream.range(0, 10).map(n -> db.revocations().nextListSequence()).toArray());
      Set<Long> seen = new HashSet<>();
      for (Outcome<long[]> o : outcomes) {
        assertTrue(o.succeeded(), () -> String.valueOf(o.failure()));
        long previous = 0;
        for (long s : o.value()) {
          assertTrue(s > previous, "each caller sees its numbers increase");
          previous = s;
          assertTrue(seen.add(s), "number " + s + " handed out twice");
        }
      }
      assertEquals(LongStream.rangeClosed(1, 80).boxed().collect(Collectors.toSet()), seen);
      assertEquals(81, db.revocations().nextListSequence());
    }
  }

  @Nested
  class Issuer_certificate_register {
    private Certificate selfSigned() {
      EcSigner key = TestDevice.softwareKey(new SecureRandom());
      return Certificate.issue(key, TestDevice.randomBytes(new SecureRandom()), CertRole.ROOT,
          KeyAlgorithm.EC_P256, key.publicKey(), new byte[0], T0, T0.plus(Duration.ofDays(1)));
    }

    @Test
    void stored_certificates_are_found_by_label_and_storing_one_again_does_nothing()
        throws ArtcashException {
      Certificate root = selfSigned();
      Certificate ca = selfSigned();
      assertEquals(Map.of(), db.issuerCertificates().all());

      db.issuerCertificates().storeAll(Map.of("root", root, "ca", ca), T0);
      db.issuerCertificates().storeAll(Map.of("root", root), T0.plusSeconds(1));

      assertEquals(List.of("ca", "root"), List.copyOf(db.issuerCertificates().all().keySet()));
      assertEquals(root, db.issuerCertificates().all().get("root"));
      assertEquals(ca, db.issuerCertificates().all().get("ca"));
    }

    @Test
    void another_certificate_under_a_stored_label_is_refused_and_none_of_its_batch_is_stored()
        throws ArtcashException {
      Certificate root = selfSigned();
      db.issuerCertificates().storeAll(Map.of("root", root), T0);

      ArtcashException e = assertThrows(ArtcashException.class, () -> db.issuerCertificates()
          .storeAll(Map.of("art-factory", selfSigned(), "root", selfSigned()), T0));

      assertEquals(Reason.WRONG_STATE, e.reason());
      assertEquals(Map.of("root", root), db.issuerCertificates().all());
    }
  }
}
