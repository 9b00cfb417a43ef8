package dev.keepalivelab.checkcmd;

import java.util.List;

/** The lab's checks as the command drives them: a run of one check at a time, told what the command did. */
interface CheckLab extends AutoCloseable {
    /** A new run of {@code check} alone. */
    CheckRun start(String check);

    /** One run of one check on the lab. */
    interface CheckRun {
        /** The absolute URL the command is given. */
        String url();

        /** What the lab judged of the run, told how the command ended. */
        CheckLine finish(CommandOutcome outcome);
    }
}
