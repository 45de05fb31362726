package io.gitmesh.app.cli;

/** Output formats of the subcommands; each subcommand accepts the ones that make sense for it. */
public enum OutputFormat {
    text,
    json,
    markdown,
    yaml
}
