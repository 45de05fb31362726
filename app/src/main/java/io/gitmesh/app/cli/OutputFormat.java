package io.gitmesh.app.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Output formats of the subcommands; each subcommand accepts the ones that make sense for it. */
public enum OutputFormat {
    text,
    json,
    markdown,
    yaml,
    mermaid,
    dot;

    /** This format, when {@code command} prints it; otherwise a {@link UserError} listing those it does. */
    OutputFormat requireOneOf(String command, OutputFormat... accepted) {
        List<OutputFormat> formats = List.of(accepted);
        if (!formats.contains(this)) {
            String names = formats.stream().map(Enum::name).collect(Collectors.joining(", "));
            throw new UserError(command + " prints " + names + "; not " + this);
        }
        return this;
    }
}
