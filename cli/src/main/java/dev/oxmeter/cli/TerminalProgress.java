package dev.oxmeter.cli;

import dev.oxmeter.model.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, one per phase; only used when stderr is a terminal and --quiet is not given. */
final class TerminalProgress implements Progress {
    private ProgressBar bar;

    /** A progress reporter suited to the environment: a bar on a terminal, nothing otherwise. */
    static Progress create(boolean quiet) {
        if (quiet || System.console() == null || System.getenv("CI") != null) {
            return Progress.NONE;
        }
        return new TerminalProgress();
    }

    @Override
    public synchronized void phase(String name, long total) {
        done();
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate().build();
    }

    @Override
    public void step(long n) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepBy(n);
        }
    }

    @Override
    public synchronized void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
