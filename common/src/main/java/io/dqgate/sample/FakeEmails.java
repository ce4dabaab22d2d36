package io.dqgate.sample;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Email addresses that look like what applicants type, on domains reserved for examples (RFC 2606), so
 * no generated address can belong to anyone. A few come with a display name, some of which hold a comma
 * or non-ASCII letters, so that CSV quoting and UTF-8 handling are exercised by ordinary data.
 */
final class FakeEmails {
  private record Name(String display, String ascii) {}

  private static final List<Name> FEMALE = List.of(
      n("Anna"), n("Maria"), n("Laura"), n("Sofia"), n("Emma"), n("Olivia"), n("Chloé", "chloe"),
      n("Zoë", "zoe"), n("Ingrid"), n("Aisha"), n("Mei"), n("Priya"), n("Fatima"), n("Elena"), n("Hannah"),
      n("Sarah"), n("Julia"), n("Nora"));
  private static final List<Name> MALE = List.of(
      n("James"), n("John"), n("David"), n("Michael"), n("Thomas"), n("Lucas"), n("Noah"), n("Omar"),
      n("Wei"), n("Rahul"), n("José", "jose"), n("Łukasz", "lukasz"), n("Jürgen", "juergen"), n("Mateo"),
      n("Daniel"), n("Peter"), n("Ahmed"), n("Kenji"));
  private static final List<Name> LAST = List.of(
      n("Smith"), n("Johnson"), n("Brown"), n("Garcia"), n("Miller"), n("Davis"), n("Martin"), n("Wilson"),
      n("Anderson"), n("Taylor"), n("Thomas"), n("Moore"), n("Jackson"), n("White"), n("Harris"), n("Clark"),
      n("Lewis"), n("Walker"), n("Hall"), n("Young"), n("King"), n("Wright"), n("Lopez"), n("Hill"),
      n("Müller", "mueller"), n("Nguyễn", "nguyen"), n("O'Brien", "obrien"), n("Kowalski"), n("Rossi"),
      n("Dubois"), n("Novák", "novak"), n("Yamamoto"), n("Khan"), n("Patel"), n("Silva"), n("Jensen"));
  private static final List<String> DOMAINS = List.of("example.com", "example.com", "example.com",
      "example.net", "example.org", "mail.example.com", "inbox.example.net", "post.example.org");

  private FakeEmails() {}

  private static Name n(String display) {
    return new Name(display, display.toLowerCase(Locale.ROOT));
  }

  private static Name n(String display, String ascii) {
    return new Name(display, ascii);
  }

  /** An address whose first name fits the applicant's gender (either for "Undeclared"). */
  static String next(Random random, String gender, int birthYear) {
    boolean female = gender.equals("Female") || (!gender.equals("Male") && random.nextBoolean());
    List<Name> firstNames = female ? FEMALE : MALE;
    Name first = firstNames.get(random.nextInt(firstNames.size()));
    Name last = LAST.get(random.nextInt(LAST.size()));
    String domain = DOMAINS.get(random.nextInt(DOMAINS.size()));
    String f = first.ascii();
    String l = last.ascii();
    double style = random.nextDouble();
    String local;
    if (style < 0.35) {
      local = f + "." + l;
    } else if (style < 0.50) {
      local = f + "." + l + (10 + random.nextInt(90));
    } else if (style < 0.65) {
      local = f.charAt(0) + l;
    } else if (style < 0.77) {
      local = f + "_" + l + String.format(Locale.ROOT, "%02d", birthYear % 100);
    } else if (style < 0.89) {
      local = f + (100 + random.nextInt(900));
    } else {
      local = l + "." + f;
    }
    String address = local + "@" + domain;
    double decoration = random.nextDouble();
    if (decoration < 0.02) {
      return last.display() + ", " + first.display() + " <" + address + ">";
    } else if (decoration < 0.05) {
      return first.display() + " " + last.display() + " <" + address + ">";
    } else if (decoration < 0.07) {
      // Some people capitalise their address; it is still the same mailbox.
      return capitalise(f) + "." + capitalise(l) + "@" + domain;
    }
    return address;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
