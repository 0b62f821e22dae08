package net.srv6epe.dataplane.port.afxdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class BpfTest
{
    @Test
    void theRedirectProgramIsTheSixInstructionsOfItsComment()
    {
        // struct bpf_insn { u8 code; u8 dst:4, src:4; s16 off; s32 imm; }, little-endian, for
        //   return bpf_redirect_map(&xsks, ctx->rx_queue_index, XDP_PASS);
        final String expected =
            "6112100000000000" +   // r2 = *(u32 *)(r1 + 16)
            "1811000007000000" +   // r1 = map fd 7 (src_reg 1: BPF_PSEUDO_MAP_FD)
            "0000000000000000" +   // (second half of the 64-bit load)
            "b703000002000000" +   // r3 = 2 (XDP_PASS)
            "8500000033000000" +   // call 51 (bpf_redirect_map)
            "9500000000000000";    // exit
        assertArrayEquals(HexFormat.of().parseHex(expected), Bpf.redirectProgram(7));
    }

    @Test
    void theAbiNumbersAreTheKernelHeaders()
    {
        // <linux/bpf.h>, <linux/if_xdp.h>, <asm/unistd_64.h>
        assertEquals(321, XdpAbi.SYS_BPF);
        assertEquals(17, XdpAbi.BPF_MAP_TYPE_XSKMAP);
        assertEquals(37, XdpAbi.BPF_XDP);
        assertEquals(28, XdpAbi.BPF_LINK_CREATE);
        assertEquals(44, XdpAbi.AF_XDP);
        assertEquals(283, XdpAbi.SOL_XDP);
        assertEquals(0x100000000L, XdpAbi.XDP_UMEM_PGOFF_FILL_RING);
    }
}
