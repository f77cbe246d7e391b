package org.artcash.cli.purse;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Consumer;
import org.artcash.cli.console.Show;
import org.artcash.cli.http.WebServer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.money.Amount;
import org.artcash.purse.Receipt;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.pos.PosBundle;
import org.artcash.purse.pos.ShopCounter;
import org.artcash.purse.schedule.StandingArts;

/**
 * A payee's e-purse on HTTP (de Jong 2024, sec. 4.1: "as internet communication via the web" and
 * "a dedicated service message, send to a WEB API"): it hands out payment requests and accepts
 * tokens, and serves the shop's points of sale. Messages travel as artcash: links in plain text.
 * Requests and tokens reach the e-purse with nothing more than this program's own checks: anyone
 * who can reach the port can ask for requests, so listen only where your payers are.
 */
public final class PayeeServer implements AutoCloseable {
  static final String REQUEST = "/artcash/request";
  static final String TOKEN = "/artcash/token";
  static final String POS_ARTS = "/artcash/pos/arts";
  static final String POS_HAND_IN = "/artcash/pos/hand-in";

  private final WebServer web;

  private PayeeServer(WebServer web) {
    this.web = web;
  }

  /** Serves {@code home} until closed; {@code log} hears of every payment received. */
  public static PayeeServer start(PurseHome home, String host, int port, Consumer<String> log)
      throws ArtcashException {
    return new PayeeServer(WebServer.start(host, port, app -> routes(app, home, log)));
  }

  public int port() {
    return web.port();
  }

  private static void routes(Javalin app, PurseHome home, Consumer<String> log) {
    app.get(REQUEST, ctx -> {
      Optional<Amount> amount = amount(ctx, home);
      boolean early = "1".equals(ctx.queryParam("early"));
      PaymentRequest r = early ? new StandingArts(home.purse(), home.store()).open()
          : home.purse().requestPayment(amount);
      log.accept("request handed out: " + amount.map(Show::money).orElse("any amount")
          + " on ART " + r.state().config().artId().shortHex());
      text(ctx, Messages.link(Messages.REQUEST, r.encode()));
    });
    app.post(TOKEN, ctx -> {
      Receipt r = home.purse().accept(Messages.readFile(ctx.bodyAsBytes(), "the message sent")
          .token());
      String line = AcceptCommand.receipt(r);
      if (r.amountDiffers()) {
        line += " But " + Show.money(r.differsFrom().get()) + " was asked: the difference must"
            + " be settled.";
      }
      log.accept(line);
      text(ctx, line);
    });
    app.post(POS_ARTS, ctx -> {
      String device = ctx.queryParam("device");
      int count = count(ctx.queryParam("count"));
      PosBundle.Arts arts = new ShopCounter(home.purse(), home.store(), home.clock())
          .handOut(device == null ? "" : device, count, home.box().rootOfTrust());
      log.accept(arts.arts().size() + " ART(s) handed to point of sale '" + device + "'");
      text(ctx, Messages.link(PosBundle.ARTS_KIND, arts.encode()));
    });
    app.post(POS_HAND_IN, ctx -> {
      Messages.Message m = Messages.readFile(ctx.bodyAsBytes(), "the hand-in");
      if (!m.kind().equals(PosBundle.HAND_IN_KIND)) {
        throw new ArtcashException(Reason.WRONG_TYPE, "this is " + Messages.describe(m.kind())
            + ", not a hand-in from a point of sale");
      }
      ShopCounter.Collected c = new ShopCounter(home.purse(), home.store(), home.clock())
          .collect(PosBundle.HandIn.decode(m.payload()));
      String line = PosShopCommand.summary(c);
      log.accept(line);
      text(ctx, line);
    });
  }

  private static Optional<Amount> amount(Context ctx, PurseHome home) throws ArtcashException {
    String a = ctx.queryParam("amount");
    return a == null || a.isBlank() ? Optional.empty()
        : Optional.of(Common.amount(home.currency(), a, "the amount"));
  }

  private static int count(String text) throws ArtcashException {
    try {
      return text == null ? 4 : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ArtcashException(Reason.MALFORMED, "count is a number of ARTs, not '" + text
          + "'");
    }
  }

  private static void text(Context ctx, String body) {
    ctx.contentType(WebServer.TEXT);
    ctx.result(body);
  }

  @Override
  public void close() {
    web.close();
  }
}
