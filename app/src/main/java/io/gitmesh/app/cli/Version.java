package io.gitmesh.app.cli;

import picocli.CommandLine;

/** The version shown by {@code gitmesh --version}, from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"gitmesh " + (v == null ? "development build" : v)};
    }
}
