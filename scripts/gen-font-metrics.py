import re
latin1 = "space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis".split()
win = {0x80:"Euro",0x85:"ellipsis",0x91:"quoteleft",0x92:"quoteright",0x93:"quotedblleft",0x94:"quotedblright",0x95:"bullet",0x96:"endash",0x97:"emdash"}
ascii_names = {}
def table(path):
    by_name = {}; by_code = {}
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C (-?\d+) ; WX (\d+) ; N (\S+)", line)
        if m:
            by_name[m.group(3)] = int(m.group(2))
            c = int(m.group(1))
            if 32 <= c <= 126: by_code[c] = int(m.group(2))
    w = [0]*256
    for c in range(32,127): w[c] = by_code[c]
    # StandardEncoding differs from WinAnsi at 0x27 (quoteright vs quotesingle) and 0x60 (quoteleft vs grave)
    w[0x27] = by_name["quotesingle"]; w[0x60] = by_name["grave"]
    for i,n in enumerate(latin1): w[0xA0+i] = by_name[n]
    for c,n in win.items(): w[c] = by_name[n]
    return w
out = ["//! Glyph widths of Helvetica and Helvetica-Bold in WinAnsiEncoding (1/1000 em), for laying",
"//! out the report's text. Read from the URW base 35 AFM files (Nimbus Sans, metric-compatible",
"//! with Helvetica) by scripts/gen-font-metrics.py; 0 marks a code with no glyph.",""]
for name, f in [("HELVETICA","NimbusSans-Regular"),("HELVETICA_BOLD","NimbusSans-Bold")]:
    w = table(f"/usr/share/fonts/type1/urw-base35/{f}.afm")
    out.append(f"/// Widths of {name.title().replace('_','-')}, by WinAnsi code.")
    out.append(f"pub const {name}: [u16; 256] = [")
    for i in range(0,256,16):
        out.append("    " + ", ".join(str(x) for x in w[i:i+16]) + ",")
    out.append("];")
    out.append("")
open("src/report/metrics.rs","w").write("\n".join(out))
