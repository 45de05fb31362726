package io.gitmesh.schema;

/**
 * What the policy checks need to know about the cluster: which Services and ServiceAccounts exist.
 * {@link #UNKNOWN} when no cluster state is given, in which case references are not checked.
 */
public interface ClusterCatalog {
    ClusterCatalog UNKNOWN = new ClusterCatalog() {
        @Override
        public boolean known() {
            return false;
        }

        @Override
        public boolean hasService(String namespace, String name) {
            return true;
        }

        @Override
        public boolean hasServiceAccount(String namespace, String name) {
            return true;
        }
    };

    /** Whether anything is known about the cluster; when false every lookup answers true. */
    boolean known();

    boolean hasService(String namespace, String name);

    boolean hasServiceAccount(String namespace, String name);
}
