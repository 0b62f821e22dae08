package net.srv6epe.dataplane.port;

import java.nio.file.Files;
import java.nio.file.Path;

/** The MAC address of a Linux interface, as {@code /sys/class/net/IF/address} gives it (live ports without one). */
public final class InterfaceMac
{
    private InterfaceMac()
    {
    }

    /**
     * @param portName      the configured port, for the message
     * @param interfaceName the Linux interface
     * @return the MAC, 48 bits in the low bits of the long
     * @throws PortException naming the port and the interface when it cannot be read
     */
    public static long of(final String portName, final String interfaceName)
    {
        try
        {
            return MacAddress.parse(Files.readString(Path.of("/sys/class/net", interfaceName, "address")).trim());
        }
        catch (final Exception ex)
        {
            throw new PortException("port '" + portName + "': cannot read the MAC of '" + interfaceName +
                "'; configure one", ex);
        }
    }
}
