package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabOptionsTest
{
    @TempDir
    Path dir;

    /** A command carrying only the shared lab options, as compare and search carry them. */
    @CommandLine.Command(name = "probe")
    static final class Probe
    {
        @CommandLine.Mixin
        LabOptions lab;
    }

    private LabOptions parse(final String... args) throws Exception
    {
        final Path jar = Files.writeString(dir.resolve("router.jar"), "");
        final Probe command = new Probe();
        final String[] all = new String[args.length + 4];
        all[0] = "--router-jar";
        all[1] = jar.toString();
        all[2] = "--work-dir";
        all[3] = dir.resolve("work").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        new CommandLine(command).parseArgs(all);
        return command.lab;
    }

    @Test
    void theDefaultsAreTheFairestPlacementAndThePerFrameRing() throws Exception
    {
        final LabOptions lab = parse();
        final LabRunner.Settings settings = lab.runner().settings();

        assertTrue(settings.workerOnly());
        assertFalse(settings.sinkRps());
        assertTrue(settings.dutRps());
        assertEquals("frames", settings.routerRxRing());
        assertEquals("backoff", settings.routerWorkerIdle());
        assertEquals(1, settings.routerWorkers());
        assertEquals("generator + sink on CPU 1, DUT on CPU 0 (router's forwarding worker pinned there " +
            "(router.worker-cpus), its other JVM threads on CPU 1, its receive ring frames, worker idle backoff; " +
            "kernel DUT forwarding in softirq moved there with RPS on in0; sink receive work where the DUT transmits " +
            "(no RPS))", lab.placement());
        assertTrue(parse("--router-workers", "2", "--router-placement", "whole").placement()
            .startsWith("generator + sink on CPU 1, DUT on CPU 0 (router JVM pinned with taskset, 2 workers, "),
            "whole placement with two workers");
    }

    @Test
    void withAfXdpTheWorkerYieldsToTheNapiThreadUnlessToldOtherwise() throws Exception
    {
        final LabOptions xdp = parse("--router-backend", "af-xdp");

        assertEquals("yield", xdp.runner().settings().routerWorkerIdle());
        assertTrue(xdp.placement().contains(", its ports af-xdp (in0's NAPI thread there, SCHED_BATCH), worker idle " +
            "yield;"), xdp.placement());
        assertEquals("batch", xdp.runner().settings().javaNapiPolicy());
        assertEquals("backoff", parse("--router-backend", "af-xdp", "--router-worker-idle", "backoff").runner()
            .settings().routerWorkerIdle());
        // a worker that waits in ppoll has the NAPI thread run only while it waits
        final LabOptions wait = parse("--router-backend", "af-xdp", "--router-worker-idle", "wait");
        assertEquals("idle", wait.runner().settings().javaNapiPolicy());
        assertTrue(wait.placement().contains(", its ports af-xdp (in0's NAPI thread there, SCHED_IDLE), worker idle " +
            "wait;"), wait.placement());
    }

    @Test
    void aBadChoiceIsRefusedNamingTheOptionBeforeAnythingIsCreated() throws Exception
    {
        final LabOptions lab = parse("--router-rx-ring", "v2");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, lab::runner);
        assertEquals("--router-rx-ring is blocks or frames, not v2", ex.getMessage());
        assertFalse(Files.exists(dir.resolve("work")), "no work directory made for a refused run");
        assertEquals("--router-workers is 1..8, not 9",
            assertThrows(IllegalArgumentException.class, parse("--router-workers", "9")::runner).getMessage());
    }
}
