package io.gitmesh.app.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** {@code HOST:PORT} (IPv6 in brackets: {@code [::1]:15012}); port 0 picks a free one. */
final class AddressConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("\"" + value + "\" is not HOST:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("\"" + value + "\": the port is not a number");
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.TypeConversionException("\"" + value + "\": the port is outside 0-65535");
        }
        return new InetSocketAddress(host, port);
    }
}
