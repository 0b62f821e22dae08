package net.srv6epe.dataplane.interop;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** TEMPORARY: keeps the lab up for manual inspection. */
@EnabledIfSystemProperty(named = "srv6epe.interop.debug", matches = "true")
class KernelInteropDebugIT
{
    @Test
    void keep() throws Exception
    {
        try (InteropLab l = InteropLab.start())
        {
            Files.writeString(Path.of("/tmp/h5/lab.txt"), String.join("\n", l.lab.namespaces()) + "\n" +
                String.join(" ", l.rWest, l.hostIf, l.rEast, l.knodeWest, l.knodeEast, l.dhostIf, l.rBlue, l.bhostIf,
                    l.rGreen, l.ghostIf) + "\n" + l.socket + "\n");
            Thread.sleep(Long.getLong("srv6epe.interop.keep", 300) * 1000);
        }
    }
}
