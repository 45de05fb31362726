package io.gitmesh.app.cli;

import io.gitmesh.model.Identity;
import picocli.CommandLine;

/** Reads an identity written {@code NS/SA}: a namespace and a ServiceAccount. */
final class IdentityConverter implements CommandLine.ITypeConverter<Identity> {
    @Override
    public Identity convert(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new CommandLine.TypeConversionException("write an identity as NS/SA (namespace/ServiceAccount), "
                    + "not \"" + value + "\"");
        }
        return new Identity(parts[0], parts[1]);
    }
}
