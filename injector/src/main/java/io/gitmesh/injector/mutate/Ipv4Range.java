package io.gitmesh.injector.mutate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 network in CIDR form, kept canonical (host bits cleared: {@code 10.1.2.3/8} is
 * {@code 10.0.0.0/8}). Parsed by hand: no name lookup can happen.
 */
public record Ipv4Range(int network, int prefixLength) implements Comparable<Ipv4Range> {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})"
            + "(?:/([0-9]{1,2}))?");

    public Ipv4Range {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-32");
        }
        network &= mask(prefixLength);
    }

    /** {@code a.b.c.d/n}, or an address alone ({@code /32}); empty when the text is neither. */
    public static Optional<Ipv4Range> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int address = 0;
        for (int octet = 1; octet <= 4; octet++) {
            int value = Integer.parseInt(m.group(octet));
            if (value > 255) {
                return Optional.empty();
            }
            address = address << 8 | value;
        }
        int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Range(address, prefix));
    }

    @Override
    public int compareTo(Ipv4Range o) {
        int byNetwork = Integer.compareUnsigned(network, o.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, o.prefixLength);
    }

    /** {@code a.b.c.d/n}, as iptables reads it. */
    @Override
    public String toString() {
        return (network >>> 24) + "." + (network >>> 16 & 0xff) + "." + (network >>> 8 & 0xff) + "."
                + (network & 0xff) + "/" + prefixLength;
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }
}
