package io.gitmesh.ca.store;

/** A CA store that cannot be read or written; the message names the place and what to do. */
public final class CaStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaStoreException(String message) {
        super(message);
    }

    public CaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
