package net.srv6epe.perf.suite;

/**
 * How the generator puts frames on its interface ({@link GeneratorRole}): the stream of a scenario's frames, round
 * robin over the flows, each with its {@link FrameTrailer}, at the rate it was made for (or flat out), counted per
 * window (warm-up, then the measured seconds).
 */
interface FrameEmitter extends AutoCloseable
{
    /** Starts a window: the following frames carry {@code magic}, numbered from 0; the counts start from 0. */
    void window(int magic);

    /** Emits the frames due by {@code nowNs} (a burst at most); returns how many, 0 when none was due. */
    int run(long nowNs);

    /** Frames of this window the kernel took. */
    long sent();

    /** Frames of this window refused even after retries: never sent, so not the DUT's loss. */
    long backpressureDrops();

    /** Frames of this window that failed otherwise. */
    long errors();

    @Override
    void close();
}
