package io.gitmesh.app.demo;

import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.ProxyStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's live view. On a terminal, a panel at the bottom that redraws in place (ANSI cursor
 * movement) every {@code refresh}, with the demo's messages scrolling above it; its lines are cut to
 * the terminal's width, so that none wraps and the redraw stays in place. Elsewhere (a pipe, a log),
 * one status line every {@code refresh} between the messages.
 */
final class LiveView implements AutoCloseable {
    private static final String ESC = "\u001b[";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DemoMesh mesh;
    private final PrintWriter out;
    private final boolean ansi;
    private final int columns;
    private final double seconds;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("gitmesh-demo-view").unstarted(runnable));
    private SortedMap<String, SortedMap<String, Long>> lastTotals;
    private List<String> panel = List.of();

    private LiveView(DemoMesh mesh, PrintWriter out, OptionalInt terminalColumns, Duration refresh) {
        this.mesh = mesh;
        this.out = out;
        this.ansi = terminalColumns.isPresent();
        this.columns = terminalColumns.orElse(Integer.MAX_VALUE);
        this.seconds = refresh.toMillis() / 1000.0;
        this.lastTotals = mesh.recorder().totals();
    }

    /** Starts refreshing every {@code refresh}; with the terminal's width, redrawing in place. */
    static LiveView start(DemoMesh mesh, PrintWriter out, OptionalInt terminalColumns, Duration refresh) {
        LiveView view = new LiveView(mesh, out, terminalColumns, refresh);
        view.ticker.scheduleAtFixedRate(view::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        return view;
    }

    /** Prints {@code lines} above the panel. */
    synchronized void say(List<String> lines) {
        erasePanel();
        lines.forEach(out::println);
        drawPanel();
        out.flush();
    }

    private synchronized void refresh() {
        SortedMap<String, SortedMap<String, Long>> totals = mesh.recorder().totals();
        LiveFrame frame = new LiveFrame(mesh.controlPlane().reconciler().status(),
                LiveFrame.rates(lastTotals, totals, seconds), proxies(), failures());
        lastTotals = totals;
        if (ansi) {
            erasePanel();
            panel = frame.lines(true).stream()
                    .map(line -> line.length() < columns ? line : line.substring(0, Math.max(columns - 1, 0)))
                    .toList();
            drawPanel();
        } else {
            out.println(LocalTime.now().format(CLOCK) + " " + frame.line());
        }
        out.flush();
    }

    private void erasePanel() {
        if (ansi && !panel.isEmpty()) {
            out.print(ESC + panel.size() + "F" + ESC + "J");
        }
    }

    private void drawPanel() {
        if (ansi) {
            panel.forEach(line -> out.print(line + ESC + "K\n"));
        }
    }

    private List<String> proxies() {
        return mesh.controlPlane().proxies().stream()
                .map(ProxyStatus::group)
                .map(SnapshotGroup::serviceAccount)
                .sorted()
                .toList();
    }

    private Map<String, String> failures() {
        return DemoWorkload.CALLERS.stream()
                .flatMap(caller -> mesh.recorder().lastFailure(caller.name()).stream()
                        .map(reason -> Map.entry(caller.name(), reason)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
