package org.artcash.cli.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for {@code --json} output: objects keep their keys in insertion order;
 * values are strings, numbers, booleans, null, lists and nested objects.
 */
public final class Json {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public static Json object() {
    return new Json();
  }

  public Json put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** A list field, added to with {@link #add}. */
  public List<Object> list(String key) {
    List<Object> list = new ArrayList<>();
    fields.put(key, list);
    return list;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    write(out, this);
    return out.toString();
  }

  private static void write(StringBuilder out, Object v) {
    switch (v) {
      case null -> out.append("null");
      case Json j -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : j.fields.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, e.getKey());
          out.append(':');
          write(out, e.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, list.get(i));
        }
        out.append(']');
      }
      case Boolean b -> out.append(b);
      case Integer n -> out.append(n);
      case Long n -> out.append(n);
      case java.util.Optional<?> o -> write(out, o.orElse(null));
      default -> string(out, v.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
