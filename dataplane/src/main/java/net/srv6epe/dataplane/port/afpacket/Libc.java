package net.srv6epe.dataplane.port.afpacket;

import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The C library calls of the AF_PACKET port, bound with JNA direct mapping ({@code Native.register}) and only
 * primitive arguments on the packet path, so a call allocates nothing. Pointers are passed as {@code long}
 * addresses of memory the caller allocated once. Errors are read with {@link #errno()} right after the call that
 * failed (JNA keeps the value per thread).
 *
 * <p>Constants are the Linux values, identical on x86_64 and aarch64 (asm-generic); the struct layouts used with
 * these calls (see {@link PacketAbi}) are those of 64-bit little-endian Linux, so the binding declares itself
 * unavailable anywhere else ({@link #UNAVAILABLE_REASON}).
 */
final class Libc
{
    /** Null when the calls below are usable, else why not (not Linux, not 64-bit little-endian, no libc). */
    static final String UNAVAILABLE_REASON;

    // <sys/socket.h>, <linux/if_ether.h>
    static final int AF_UNIX = 1;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_SNDBUFFORCE = 32;
    static final int MSG_DONTWAIT = 0x40;
    /** {@code htons(ETH_P_ALL)} on a little-endian host. */
    static final short ETH_P_ALL_NETWORK_ORDER = 0x0300;

    // <sys/mman.h>
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_POPULATE = 0x8000;
    static final long MAP_FAILED = -1L;

    // <poll.h>
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    // <errno.h> (asm-generic/errno-base.h, errno.h)
    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENOPROTOOPT = 92;
    static final int EPROTONOSUPPORT = 93;
    static final int ESOCKTNOSUPPORT = 94;
    static final int EAFNOSUPPORT = 97;
    static final int ENOBUFS = 105;

    static
    {
        String reason = null;
        if (!Platform.isLinux())
        {
            reason = "not Linux (" + System.getProperty("os.name") + ")";
        }
        else if (Native.POINTER_SIZE != 8 || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            reason = "the ring layouts are written for 64-bit little-endian Linux, this is " +
                System.getProperty("os.arch");
        }
        else
        {
            try
            {
                Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
            catch (final Throwable ex)
            {
                reason = "cannot bind the C library through JNA: " + ex;
            }
        }
        UNAVAILABLE_REASON = reason;
    }

    private Libc()
    {
    }

    /** The calling thread's {@code errno} as left by the last native call. Allocation free. */
    static int errno()
    {
        return Native.getLastError();
    }

    /** A short description of an errno value, e.g. {@code EPERM (Operation not permitted)}. Cold path. */
    static String describe(final int errno)
    {
        final String name = switch (errno)
        {
            case EPERM -> "EPERM";
            case EINTR -> "EINTR";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EINVAL -> "EINVAL";
            case ENOPROTOOPT -> "ENOPROTOOPT";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case ESOCKTNOSUPPORT -> "ESOCKTNOSUPPORT";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            case ENOBUFS -> "ENOBUFS";
            default -> "errno " + errno;
        };
        String text;
        try
        {
            text = strerror(errno);
        }
        catch (final Throwable ex)
        {
            text = null;
        }
        return text == null ? name : name + " (" + text + ")";
    }

    static native int socket(int domain, int type, int protocol);

    static native int socketpair(int domain, int type, int protocol, long fdsOut);

    static native int bind(int fd, long address, int addressLength);

    static native int setsockopt(int fd, int level, int name, long value, int valueLength);

    static native int getsockopt(int fd, int level, int name, long value, long valueLengthInOut);

    static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    static native int munmap(long address, long length);

    static native int poll(long fds, long count, int timeoutMs);

    static native int sendmmsg(int fd, long messages, int count, int flags);

    static native long recv(int fd, long buffer, long length, int flags);

    static native int close(int fd);

    static native int if_nametoindex(String name);

    static native String strerror(int errno);
}
