/* For checking the Windows build under Wine only; never shipped.
 *
 * Rust 1.78 and later link ProcessPrng from bcryptprimitives.dll, which every Windows 10 and
 * 11 has and Wine 8 lacks (the exes then fail to start with status c0000135). This stand-in,
 * placed beside the installed exes in a throwaway Wine prefix, fills the buffer through
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) {
            return FALSE;
        }
        data += n;
        len -= n;
    }
    return TRUE;
}
