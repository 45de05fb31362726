package io.gitmesh.ca;

/** A certificate request the authority refuses; the message says why and what the requester should do. */
public final class RejectedRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedRequestException(String message) {
        super(message, null, false, false);
    }
}
