package io.gitmesh.ca.rotation;

import io.gitmesh.ca.Validity;
import java.time.Instant;

/**
 * When a leaf is renewed: at {@code fraction} of its validity, moved by up to {@code jitter} of it either
 * way so that certificates issued together (a rollout, a restart of the control plane) are not all renewed
 * together. The default renews between 40 % and 60 % of the validity: a 24 h certificate is renewed after
 * 9.6 to 14.4 h, leaving the other half of its life to retry in if the control plane is away.
 *
 * @param fraction  share of the validity after which to renew, before jitter
 * @param jitter    largest share of the validity by which the renewal moves, either way
 */
public record RenewalPolicy(double fraction, double jitter) {
    public static final RenewalPolicy DEFAULT = new RenewalPolicy(0.5, 0.1);

    public RenewalPolicy {
        if (!(jitter >= 0 && fraction - jitter > 0 && fraction + jitter < 1)) {
            throw new IllegalArgumentException("renewal must fall strictly inside the validity: fraction " + fraction
                    + " ± jitter " + jitter + " is not within (0, 1)");
        }
    }

    /**
     * The renewal time of a certificate valid for {@code validity}.
     *
     * @param sample a uniform random value in [0, 1) (e.g. {@code random.nextDouble()}): 0 renews earliest,
     *               0.5 at {@code fraction}, values near 1 latest
     */
    public Instant renewalTime(Validity validity, double sample) {
        if (!(sample >= 0 && sample < 1)) {
            throw new IllegalArgumentException("the random sample must be in [0, 1), not " + sample);
        }
        double share = fraction + jitter * (2 * sample - 1);
        return validity.notBefore().plusMillis(Math.round(validity.length().toMillis() * share));
    }
}
