package org.hielements.check;

/**
 * How far a run is: elements and checks done out of the totals of the run (a skipped check counts as done).
 *
 * @param elementsDone  elements whose checks are all done
 * @param elementsTotal elements of the files being checked
 * @param checksDone    checks run or skipped so far
 * @param checksTotal   checks of the run: check statements, pattern checks and connection checks
 */
public record Progress(int elementsDone, int elementsTotal, int checksDone, int checksTotal) {
    /** Percentage of checks done, 0 to 100 (100 for a run without checks). */
    public int percent() {
        return checksTotal == 0 ? 100 : (int) (100L * checksDone / checksTotal);
    }
}
