package io.gitmesh.app.cli;

import picocli.CommandLine;

/** The version shown by {@code gitmesh --version}, from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"gitmesh " + number()};
    }

    /** The version of this build, or {@code development} when it runs from classes, not a released jar. */
    static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
