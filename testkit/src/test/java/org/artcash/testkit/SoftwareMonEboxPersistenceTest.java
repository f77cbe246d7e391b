package org.artcash.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.software.FileMonotonicCounter;
import org.artcash.monebox.software.FileStateStore;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The software MonEbox's storage: a power cut at any point of a commit loses and creates nothing
 * (de Jong 2024, sec. 2.3: the payer stores the result before sending it, so a retry completes the
 * payment), an older state file put back is detected, and a damaged one is refused clearly.
 */
class SoftwareMonEboxPersistenceTest {
  @TempDir
  Path dir;

  private final PowerCut cut = new PowerCut();
  private SoftwareMonEbox running;
  private TestIssuer issuer;
  private TestMint mint;
  private Path stateFile;
  private Path counterFile;

  @BeforeEach
  void setUp() throws ArtcashException {
    issuer = TestIssuer.create();
    mint = new TestMint(issuer, inMemory());
    stateFile = dir.resolve("state").resolve("monebox");
    counterFile = dir.resolve("counter").resolve("monebox");
  }

  private static MonEbox inMemory() {
    return SoftwareMonEbox.open(new InMemoryStateStore(), new InMemoryMonotonicCounter());
  }

  /**
   * The MonEbox under test: its files, behind the power-cut switch. Each call is a restart: the
   * object before it lets go of the files, as a process does when it ends or the power goes.
   */
  private MonEbox onFiles() throws ArtcashException {
    if (running != null) {
      running.close();
    }
    running = SoftwareMonEbox.open(cut.around(new FileStateStore(stateFile)),
        cut.around(new FileMonotonicCounter(counterFile)));
    return running;
  }

  @AfterEach
  void tearDown() throws ArtcashException {
    if (running != null) {
      running.close();
    }
  }

  private static Amount eur(long minor) {
    return Amount.of(TestIssuer.EUR, minor);
  }

  private long supply() throws ArtcashException {
    MonEboxStatus.Supply s = mint.party().box().status().supply().orElseThrow();
    return s.issued().minor() - s.destroyed().minor();
  }

  /** Whatever is asked, the MonEbox gives the same refusal. */
  private void assertEveryOperationRefused(Reason reason, MonEbox box) {
    List<Executable> operations = List.of(box::status, box::balance, box::generateDeviceKey,
        box::pressButton, box::rootOfTrust, box::deviceCertificate, box::tamper,
        box::recoveryStatement, () -> box.setButtonThreshold(0),
        () -> box.requestArts(new ArtRequest.Wish(ArtKind.PAYMENT, 1, 10, 10_00, 100_00),
            issuer.now()),
        () -> box.requestPaymentKeyCertification(issuer.smallCertifier().certificate(),
            issuer.smallCertifier().chain(), issuer.now()),
        () -> box.updateRevocationList(issuer.revocationList(9), List.of(issuer.ca())),
        () -> box.execute(issuer.issuanceOrder(mint.party().device().deviceId(), 1,
            IssuanceOrder.Kind.ISSUE, eur(1_00), 0, 1)));
    for (Executable op : operations) {
      ArtcashException e = assertThrows(ArtcashException.class, op);
      assertEquals(reason, e.reason(), e::describe);
    }
  }

  // --- power cuts

  @ParameterizedTest
  @EnumSource(PowerCut.Point.class)
  void pay_powerCutAtEachPoint_restartedMonEboxPaysExactlyOnce(PowerCut.Point point)
      throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    TestParty payee = TestParty.create(issuer, inMemory(), 0, false);
    PaymentRequest request = issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(payee.pseudonym())), 30_00);
    PaymentInstruction instruction = payer.host().approve(request, 30_00, issuer.now());

    cut.arm(point);
    assertThrows(PowerCut.Lost.class, () -> payer.box().pay(instruction));
    assertTrue(cut.fired());

    MonEbox restarted = onFiles();
    long expected = point == PowerCut.Point.BEFORE_STATE_WRITE ? 100_00 : 70_00;
    assertEquals(eur(expected), restarted.balance(), "after the restart, before the retry");
    TransferToken token = restarted.pay(instruction); // the host retries the same instruction
    assertEquals(eur(70_00), restarted.balance());
    assertEquals(1, token.record().keyUse(), "the payment key signed once");
    ArtRules.accept(request.state(), token, request.requestedAmount(), issuer.rootOnlyTrust());
    payee.box().redeem(issuer.forRedemption(token));
    assertEquals(supply(), restarted.balance().minor() + payee.box().balance().minor()
        + mint.party().box().balance().minor(), "no money created or lost");
  }

  @ParameterizedTest
  @EnumSource(PowerCut.Point.class)
  void redeem_powerCutAtEachPoint_restartedMonEboxCreditsExactlyOnce(PowerCut.Point point)
      throws Exception {
    TestParty payee = TestParty.create(issuer, onFiles(), 0, false);
    mint.issue(50_00);
    TransferToken token = mint.payOut(payee.pseudonym(), 50_00);

    cut.arm(point);
    assertThrows(PowerCut.Lost.class, () -> payee.box().redeem(issuer.forRedemption(token)));

    MonEbox restarted = onFiles();
    long expected = point == PowerCut.Point.BEFORE_STATE_WRITE ? 0 : 50_00;
    assertEquals(eur(expected), restarted.balance());
    assertEquals(eur(50_00 - expected), restarted.redeem(issuer.forRedemption(token)).credited());
    assertEquals(eur(50_00), restarted.balance());
    assertEquals(supply(), restarted.balance().minor() + mint.party().box().balance().minor());
  }

  @ParameterizedTest
  @EnumSource(PowerCut.Point.class)
  void execute_powerCutAtEachPoint_restartedMonEboxIssuesExactlyOnce(PowerCut.Point point)
      throws Exception {
    TestParty central = TestParty.create(issuer, onFiles(), 1, true);
    IssuanceOrder order = issuer.issuanceOrder(central.device().deviceId(), 1,
        IssuanceOrder.Kind.ISSUE, eur(1_000_00), 0, 1);

    cut.arm(point);
    assertThrows(PowerCut.Lost.class, () -> central.box().execute(order));

    MonEbox restarted = onFiles();
    MonEboxStatus.Supply supply = restarted.execute(order);
    assertEquals(new MonEboxStatus.Supply(eur(1_000_00), eur(0), 1), supply);
    assertEquals(eur(1_000_00), restarted.balance());
  }

  @ParameterizedTest
  @EnumSource(PowerCut.Point.class)
  void pay_diskErrorDuringCommit_retryOnTheSameObjectPaysExactlyOnce(PowerCut.Point point)
      throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    PaymentRequest request = issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 30_00);
    PaymentInstruction instruction = payer.host().approve(request, 30_00, issuer.now());

    cut.armDiskError(point);
    ArtcashException e = assertThrows(ArtcashException.class, () -> payer.box().pay(instruction));
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("Retry"), e.getMessage());

    TransferToken token = payer.box().pay(instruction);
    assertEquals(eur(70_00), payer.box().balance());
    assertEquals(1, token.record().keyUse());
  }

  // --- restarts

  @Test
  void restart_keepsBalanceKeysBindingsAndTheLog() throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    PaymentRequest request = issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 10_00);
    PaymentInstruction instruction = payer.host().approve(request, 10_00, issuer.now());
    TransferToken token = payer.box().pay(instruction);
    MonEboxStatus before = payer.box().status();

    TestParty restarted = payer.restartedAs(onFiles());
    assertEquals(before, restarted.box().status());
    assertEquals(token.record(), restarted.box().pay(instruction).record());
    restarted.pay(issuer, issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 5_00), 5_00);
    assertEquals(eur(85_00), restarted.box().balance());
  }

  @Test
  void restart_halfWrittenTemporaryFile_isIgnored() throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    Path temporary = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    Files.write(temporary, new byte[] {0x40, 1, 7}); // a write the power cut short

    TestParty restarted = payer.restartedAs(onFiles());
    assertEquals(eur(100_00), restarted.box().balance());
    restarted.pay(issuer, issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 5_00), 5_00);
    assertEquals(eur(95_00), onFiles().balance());
  }

  @Test
  void open_noFilesYet_isABlankMonEbox() throws Exception {
    MonEbox box = onFiles();
    assertEquals(DeviceState.BLANK, box.status().state());
    assertTrue(Files.notExists(stateFile));
    box.generateDeviceKey();
    assertEquals(DeviceState.KEYED, onFiles().status().state());
  }

  @Test
  void open_filesInUseByAnotherMonEboxObject_refusedUntilItIsClosed() throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    MonEbox second = SoftwareMonEbox.open(stateFile, counterFile);
    ArtcashException e = assertThrows(ArtcashException.class, second::balance);
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
    assertEquals(eur(0), payer.box().balance(), "the first one carries on");

    running.close();
    assertEquals(eur(0), second.balance());
    ((SoftwareMonEbox) second).close();
  }

  @Test
  void stateFile_isReadableByItsOwnerOnly() throws Exception {
    TestParty.create(issuer, onFiles(), 0, false);
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(stateFile));
  }

  // --- rollback and damage

  @Test
  void rollback_olderStateFilePutBack_isDetectedAndEverythingRefused() throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    byte[] rich = Files.readAllBytes(stateFile);
    PaymentRequest request = issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 40_00);
    TransferToken spent = payer.pay(issuer, request, 40_00);
    Files.write(stateFile, rich); // the owner puts back the copy taken before paying

    MonEbox restored = onFiles();
    ArtcashException e = assertThrows(ArtcashException.class, restored::balance);
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
    assertTrue(e.getMessage().contains("older copy"), e.getMessage());
    assertEveryOperationRefused(Reason.ROLLBACK_DETECTED, restored);
    PaymentRequest again = issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 40_00);
    e = assertThrows(ArtcashException.class,
        () -> restored.pay(payer.host().approve(again, 40_00, issuer.now())));
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
    e = assertThrows(ArtcashException.class, () -> restored.redeem(issuer.forRedemption(spent)));
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
  }

  /**
   * A second program's MonEbox object meets the lock, then retries after the first has committed
   * more and exited and an older backup of the state was put back. It must judge the backup
   * against the counter as it is now, and never write the counter down to the backup's number.
   */
  @Test
  void rollback_backupPutBackWhileASecondObjectWaited_detectedAndTheCounterStays()
      throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    SoftwareMonEbox second = SoftwareMonEbox.open(stateFile, counterFile);
    ArtcashException locked = assertThrows(ArtcashException.class, second::balance);
    assertEquals(Reason.STORAGE_FAILURE, locked.reason());
    mint.fund(payer, 100_00);
    byte[] backup = Files.readAllBytes(stateFile);
    payer.pay(issuer, issuer.paymentRequest(
        ArtState.fresh(issuer.freshArt(mint.party().pseudonym())), 40_00), 40_00);
    long newest = new FileMonotonicCounter(counterFile).read();
    running.close(); // the first program exits
    Files.write(stateFile, backup);

    ArtcashException e = assertThrows(ArtcashException.class, second::balance);
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason(), e::describe);
    assertEquals(newest, new FileMonotonicCounter(counterFile).read(),
        "the counter never goes down");
    second.close();
  }

  @Test
  void rollback_stateFileDeleted_isDetected() throws Exception {
    TestParty.create(issuer, onFiles(), 0, false);
    Files.delete(stateFile);
    assertEveryOperationRefused(Reason.ROLLBACK_DETECTED, onFiles());
  }

  @Test
  void damagedStateFile_isRefusedWithAClearError() throws Exception {
    TestParty payer = TestParty.create(issuer, onFiles(), 0, false);
    mint.fund(payer, 100_00);
    byte[] raw = Files.readAllBytes(stateFile);
    raw[raw.length / 2] ^= 0x10;
    Files.write(stateFile, raw);

    MonEbox damaged = onFiles();
    ArtcashException e = assertThrows(ArtcashException.class, damaged::status);
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains(stateFile.toString()), e.getMessage());
    assertEveryOperationRefused(Reason.STORAGE_FAILURE, damaged);
  }

  @Test
  void truncatedStateFile_isRefusedWithAClearError() throws Exception {
    TestParty.create(issuer, onFiles(), 0, false);
    byte[] raw = Files.readAllBytes(stateFile);
    Files.write(stateFile, Arrays.copyOf(raw, raw.length - 40));

    ArtcashException e = assertThrows(ArtcashException.class, onFiles()::status);
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }
}
