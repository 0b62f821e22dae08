package net.srv6epe.perf.suite;

/** The device under test of a run. */
enum Dut
{
    /** This forwarder ({@link JavaDut}). */
    JAVA("java"),
    /** Linux seg6 / seg6local ({@link KernelDut}). */
    KERNEL("kernel");

    final String label;

    Dut(final String label)
    {
        this.label = label;
    }
}
