package io.gitmesh.xds.translate;

import io.gitmesh.model.Admission;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Permission;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/** Combines the admissions of Service ports that one listening port serves. */
final class Admissions {
    private Admissions() {
    }

    /** Whom any of the admissions admits, with what any of them allows. */
    static Admission union(Collection<Admission> admissions) {
        SortedMap<Identity, Permission> allowed = new TreeMap<>();
        for (Admission admission : admissions) {
            switch (admission) {
                case Admission.AnySource any -> {
                    return any;
                }
                case Admission.Sources sources -> sources.allowed().forEach(
                        (source, permission) -> allowed.merge(source, permission, Permission::union));
            }
        }
        return new Admission.Sources(allowed);
    }
}
