package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.purse.budget.Budget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artcash purse jar}: the budget manager (de Jong 2024, sec. 4.1, footnote 17). */
@Command(name = "jar", mixinStandardHelpOptions = true,
    description = "Budget jars: set money aside for a purpose, like coins in jars. The money stays"
        + " in your MonEbox; 'pay --jar NAME' takes a payment from a jar.",
    subcommands = {JarCommand.List_.class, JarCommand.Add.class, JarCommand.Put.class,
        JarCommand.Take.class, JarCommand.Remove.class})
final class JarCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void show(Common c, PurseHome home, Budget.Overview o) {
    if (c.json) {
      Json j = Json.object();
      List<Object> jars = j.list("jars");
      for (Budget.Jar jar : o.jars()) {
        jars.add(Json.object().put("name", jar.name()).put("balance", Show.money(jar.balance())));
      }
      j.put("inJars", Show.money(o.inJars())).put("outsideJars", Show.money(o.outsideJars()))
          .put("overAllocated", Show.money(o.overAllocated()))
          .put("spendable", Show.money(o.spendable()));
      c.print(j);
      return;
    }
    PrintWriter out = c.out();
    for (Budget.Jar jar : o.jars()) {
      out.println(String.format("  %-24s %s", jar.name(), Show.money(jar.balance())));
    }
    out.println(String.format("  %-24s %s", "(in no jar)", Show.money(o.outsideJars())));
    out.println(String.format("  %-24s %s", "spendable in all", Show.money(o.spendable())));
    if (!o.overAllocated().isZero()) {
      out.println("Warning: the jars hold " + Show.money(o.overAllocated()) + " more than the"
          + " e-purse (payments made without a jar took it); take it out of a jar.");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Shows every jar.")
  static final class List_ extends Common {
    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        show(this, home, new Budget(home.store()).overview(home.spendable()));
        return 0;
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Makes a jar, optionally putting an amount in it.")
  static final class Add extends Common {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "AMOUNT") String amount;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        Budget budget = new Budget(home.store());
        Amount spendable = home.spendable();
        Amount a = amount == null ? null : amount(home.currency(), amount, "the amount");
        Amount free = budget.overview(spendable).outsideJars();
        if (a != null && free.compareTo(a) < 0) {
          throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "only " + Show.money(free)
              + " is in no jar; " + Show.money(a) + " cannot be put in a new jar");
        }
        budget.create(name, home.currency(), home.now());
        if (a != null) {
          budget.put(name, a, spendable, home.now());
        }
        show(this, home, budget.overview(spendable));
        return 0;
      }
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Puts money that is in no jar into a jar.")
  static final class Put extends Common {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "AMOUNT") String amount;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        Budget budget = new Budget(home.store());
        Amount spendable = home.spendable();
        budget.put(name, amount(home.currency(), amount, "the amount"), spendable, home.now());
        show(this, home, budget.overview(spendable));
        return 0;
      }
    }
  }

  @Command(name = "take", mixinStandardHelpOptions = true,
      description = "Takes money out of a jar, back to the money in no jar.")
  static final class Take extends Common {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "AMOUNT") String amount;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        Budget budget = new Budget(home.store());
        budget.take(name, amount(home.currency(), amount, "the amount"), home.now());
        show(this, home, budget.overview(home.spendable()));
        return 0;
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Removes a jar; what it held goes back to the money in no jar.")
  static final class Remove extends Common {
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        Budget budget = new Budget(home.store());
        budget.remove(name);
        show(this, home, budget.overview(home.spendable()));
        return 0;
      }
    }
  }
}
