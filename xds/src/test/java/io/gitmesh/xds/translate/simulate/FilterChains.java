package io.gitmesh.xds.translate.simulate;

import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Envoy's filter chain selection: criteria are applied in order (destination port, destination
 * address with the longest prefix winning, server name, transport protocol); at each step the chains
 * that name the criterion and match win, and if none does, the chains that do not name it remain.
 */
final class FilterChains {
    private FilterChains() {
    }

    /**
     * The chain a connection lands on; empty when none matches (the connection is closed).
     *
     * @throws IllegalStateException when several chains match alike, which Envoy refuses to load
     */
    static Optional<FilterChain> select(Listener listener, int port, Optional<String> address, Optional<String> sni,
            boolean tls) {
        List<FilterChain> chains = listener.getFilterChainsList();
        chains = narrow(chains, FilterChainMatch::hasDestinationPort,
                match -> match.getDestinationPort().getValue() == port);
        chains = byAddress(chains, address);
        chains = narrow(chains, match -> match.getServerNamesCount() > 0,
                match -> sni.isPresent() && match.getServerNamesList().contains(sni.get()));
        chains = narrow(chains, match -> !match.getTransportProtocol().isEmpty(),
                match -> match.getTransportProtocol().equals(tls ? "tls" : "raw_buffer"));
        if (chains.size() > 1) {
            throw new IllegalStateException("listener " + listener.getName() + " has several chains alike: "
                    + chains.stream().map(FilterChain::getName).toList());
        }
        return chains.stream().findFirst();
    }

    private static List<FilterChain> narrow(List<FilterChain> chains, Predicate<FilterChainMatch> names,
            Predicate<FilterChainMatch> matches) {
        List<FilterChain> matching = chains.stream()
                .filter(c -> names.test(c.getFilterChainMatch()) && matches.test(c.getFilterChainMatch()))
                .toList();
        return matching.isEmpty() ? chains.stream().filter(c -> !names.test(c.getFilterChainMatch())).toList()
                : matching;
    }

    private static List<FilterChain> byAddress(List<FilterChain> chains, Optional<String> address) {
        Function<FilterChain, OptionalInt> longest = chain -> address.isEmpty() ? OptionalInt.empty()
                : chain.getFilterChainMatch().getPrefixRangesList().stream()
                        .filter(range -> contains(range, address.get()))
                        .mapToInt(range -> range.getPrefixLen().getValue())
                        .max();
        int best = chains.stream().map(longest).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt)
                .max().orElse(-1);
        if (best >= 0) {
            return chains.stream().filter(c -> longest.apply(c).orElse(-1) == best).toList();
        }
        return chains.stream().filter(c -> c.getFilterChainMatch().getPrefixRangesCount() == 0).toList();
    }

    private static boolean contains(CidrRange range, String address) {
        byte[] prefix = bytes(range.getAddressPrefix());
        byte[] candidate = bytes(address);
        if (prefix.length != candidate.length) {
            return false;
        }
        int bits = 8 * prefix.length;
        int length = range.getPrefixLen().getValue();
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(length).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, prefix).and(mask).equals(new BigInteger(1, candidate).and(mask));
    }

    /** An IP literal's bytes (InetAddress resolves nothing for a literal). */
    private static byte[] bytes(String ipLiteral) {
        try {
            return InetAddress.getByName(ipLiteral).getAddress();
        } catch (UnknownHostException notALiteral) {
            throw new IllegalArgumentException("not an IP address: " + ipLiteral, notALiteral);
        }
    }
}
