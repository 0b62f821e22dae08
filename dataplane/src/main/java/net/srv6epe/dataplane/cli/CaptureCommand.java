package net.srv6epe.dataplane.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import net.srv6epe.dataplane.capture.CaptureBatch;
import net.srv6epe.dataplane.capture.CaptureClient;
import net.srv6epe.dataplane.capture.CaptureFile;
import net.srv6epe.dataplane.capture.CaptureFilter;
import net.srv6epe.dataplane.capture.CapturePoint;
import net.srv6epe.dataplane.capture.CapturedFrame;
import net.srv6epe.dataplane.control.ControlException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code srv6 capture --port P [--sid S] [--point in|out|drop|all] [--count N] [--seconds S] [--snaplen B] -w FILE}:
 * asks the running router to copy matching frames, polls them over the control socket every
 * {@value #POLL_MS} ms (which also keeps the capture alive: the router stops a capture nobody polls), and writes
 * them into a pcapng file this process owns, until {@code --count} frames, {@code --seconds}, or Ctrl-C.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = "Copy the running router's frames (as received, as sent, dropped with their reason) into a " +
        "pcapng file for Wireshark / tshark.")
final class CaptureCommand implements Callable<Integer>
{
    /** Pause between two reads that found nothing more to read. */
    static final long POLL_MS = 50;
    /** How long Ctrl-C waits for the last frames to be written. */
    private static final long STOP_WAIT_MS = 5_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT",
        description = "the port whose frames to copy (a configured name), or 'any'")
    private String port;

    @Option(names = "--sid", paramLabel = "SID",
        description = "only frames whose outer IPv6 destination is this SID, and the frames the router sends for them")
    private String sid;

    @Option(names = "--point", paramLabel = "POINTS", defaultValue = "all",
        description = "in (as received), out (as sent), drop (dropped, with the reason), all, or a comma list " +
            "(default ${DEFAULT-VALUE})")
    private String point;

    @Option(names = "--count", paramLabel = "N", description = "stop after N frames")
    private Long count;

    @Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds")
    private Long seconds;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "" + CaptureFilter.DEFAULT_SNAP_LENGTH,
        description = "bytes kept of each frame (default ${DEFAULT-VALUE})")
    private int snapLength;

    @Option(names = { "-w", "--write" }, required = true, paramLabel = "FILE",
        description = "the pcapng file to write (replaced if it exists)")
    private Path file;

    @Mixin
    private SocketOptions socket;

    @Override
    public Integer call()
    {
        checkOptions();
        final CaptureClient client = new CaptureClient(socket.client());
        final OutputStream stream;
        try
        {
            stream = Files.newOutputStream(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new CliException("cannot write " + file + ": " + ex.getMessage(), ExitCodes.FAILURE);
        }
        final CaptureClient.Started started;
        try
        {
            started = client.start(port, sid, point, snapLength, count);
        }
        catch (final ControlException ex)
        {
            discard(stream);
            throw new CliException(ex.getMessage(), ExitCodes.FAILURE);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.println("capturing " + started.filter() + " into " + file +
            (seconds == null ? "" : " for " + seconds + " s") + "; Ctrl-C stops");
        out.flush();

        final AtomicBoolean interrupted = new AtomicBoolean();
        final CountDownLatch written = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            interrupted.set(true);
            try
            {
                written.await(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "srv6-capture-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return capture(client, started, stream, interrupted, out);
        }
        finally
        {
            written.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // Ctrl-C: the JVM is shutting down and runs the hook, which we just released
            }
        }
    }

    private int capture(
        final CaptureClient client,
        final CaptureClient.Started started,
        final OutputStream stream,
        final AtomicBoolean interrupted,
        final PrintWriter out)
    {
        final long limit = count == null ? Long.MAX_VALUE : count;
        final long startNs = System.nanoTime();
        final long durationNs = seconds == null ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(seconds);
        CaptureFile capture = null;
        CaptureBatch batch = null;
        try
        {
            capture = new CaptureFile(stream, started.portNames(), started.snapLength());
            while (true)
            {
                batch = client.read(started.id());
                write(capture, batch, limit);
                if (capture.frames() >= limit || !batch.state().running() && !batch.more() || interrupted.get() ||
                    System.nanoTime() - startNs >= durationNs)
                {
                    break;
                }
                if (!batch.more() && !pause())
                {
                    break;
                }
            }
            if (batch.state().problem() == null)
            {
                batch = client.stop(started.id());
                write(capture, batch, limit);
                while (batch.more() && capture.frames() < limit)
                {
                    batch = client.read(started.id());
                    write(capture, batch, limit);
                }
            }
            capture.close();
        }
        catch (final ControlException ex)
        {
            closeQuietly(capture, stream);
            throw new CliException(ex.getMessage() + saved(capture), ExitCodes.FAILURE);
        }
        catch (final IOException ex)
        {
            closeQuietly(capture, stream);
            stopQuietly(client, started.id());
            throw new CliException("cannot write " + file + ": " + ex.getMessage(), ExitCodes.FAILURE);
        }
        if (batch.state().problem() != null)
        {
            throw new CliException(batch.state().problem() + saved(capture), ExitCodes.FAILURE);
        }
        out.println(capture.frames() + " frames written to " + file + "; " + batch.ringFull() +
            " not captured (ring full)");
        out.flush();
        return ExitCodes.OK;
    }

    private void checkOptions()
    {
        if (count != null && count < 1)
        {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        if (seconds != null && seconds < 1)
        {
            throw new ParameterException(spec.commandLine(), "--seconds must be at least 1, not " + seconds);
        }
        if (snapLength < CaptureFilter.MIN_SNAP_LENGTH || snapLength > CaptureFilter.MAX_SNAP_LENGTH)
        {
            throw new ParameterException(spec.commandLine(), "--snaplen must be between " +
                CaptureFilter.MIN_SNAP_LENGTH + " and " + CaptureFilter.MAX_SNAP_LENGTH + ", not " + snapLength);
        }
        try
        {
            CapturePoint.parseMask(point);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

    private static void write(final CaptureFile capture, final CaptureBatch batch, final long limit) throws IOException
    {
        for (final CapturedFrame frame : batch.frames())
        {
            if (capture.frames() >= limit)
            {
                break;
            }
            capture.write(frame);
        }
        capture.flush();
    }

    /** Waits before the next read; false when interrupted. */
    private static boolean pause()
    {
        try
        {
            Thread.sleep(POLL_MS);
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String saved(final CaptureFile capture)
    {
        return capture == null ? "" : " (" + capture.frames() + " frames written to " + file + ")";
    }

    private void discard(final OutputStream stream)
    {
        try
        {
            stream.close();
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            // the capture did not start: the error the operator needs is the router's
        }
    }

    private static void closeQuietly(final CaptureFile capture, final OutputStream stream)
    {
        try
        {
            if (capture != null)
            {
                capture.close();
            }
            else
            {
                stream.close();
            }
        }
        catch (final IOException ex)
        {
            // already failing: the first error is the one reported
        }
    }

    private static void stopQuietly(final CaptureClient client, final long id)
    {
        try
        {
            client.stop(id);
        }
        catch (final ControlException ex)
        {
            // the router stops a capture nobody polls by itself
        }
    }
}
