package io.gitmesh.model.graph;

/** How an edge changes in the graph of a plan; {@code UNCHANGED} in the graph of one mesh. */
public enum EdgeChange {
    UNCHANGED,
    /** Access the source did not have before. */
    GRANTED,
    /** Access the source had before and loses. */
    REVOKED,
    /** A backend's share of the traffic moves. */
    MOVED
}
