#!/usr/bin/env bash
# pcap-to-flows.sh: one record per TCP/UDP conversation of a packet capture, initiator first,
# as an otpc flow CSV or a Zeek-style conn.log (TSV). Used to derive test/data/flows/ from the
# real captures in ../shared/data/pcaps (see test/data/flows/README.md for the attribution and
# the exact commands). Needs Debian's `tshark` (Wireshark 4.0 field names) and a POSIX awk with
# strftime (mawk >= 1.3.4 or gawk). Not needed in CI: the derived files are committed.
#
# Orientation (who is `src` / `id.orig_h`), first rule that decides wins:
#   1. TCP: the sender of the first SYN without ACK;
#   2. TCP: the receiver of the first SYN+ACK (the SYN itself was not captured);
#   3. exactly one side uses a system port (< 1024): that side is the service (responder);
#   4. exactly one side uses a port of the otpc protocol catalogue (catalogs/protocols.yaml,
#      same transport): that side is the service (IEC 104 2404 against a Windows XP client
#      port 1075 in 090813_diverse.pcap);
#   5. the port (per transport) that occurs in more conversations of the capture is the
#      service: a server port serves many peers, an ephemeral port is used once (Wonderware
#      NmxSvc 5026 and SuiteLink 5413 in mb2.pcap are decided here);
#   6. exactly one side uses a port of the IANA dynamic range 49152-65535: the other side is the
#      service;
#   7. the lower port is the service;
#   8. equal ports (e.g. NetBIOS 138 <-> 138): the sender of the first packet is the initiator.
# Rules 3-8 apply to UDP and to TCP conversations already running when the capture started.
#
# CSV columns (header included): src,dst,proto,sport,dport,packets,bytes,first,last,operations
#   packets, bytes: both directions; bytes are IP-layer octets (IPv4 total length, IPv6 payload
#   length + 40), as NetFlow/IPFIX count them. first/last: ISO-8601 UTC with microseconds.
#   operations: the ICS operation codes seen in either direction, decimal, ascending, `;`-separated:
#   Modbus modbus.func_code, DNP3 dnp3.al.func, S7 s7comm.param.func (Job/Ack_Data function),
#   IEC 104 iec60870_asdu.typeid, and EtherNet/IP's CIP service cip.sc (request/response bit
#   cleared by the dissector; the otpc catalogue field cip-service-code). Rows sorted by first,
#   then by the whole line (C locale).
#
# conn.log: the Zeek 4-6 conn.log columns. orig_bytes/resp_bytes are TCP/UDP payload octets,
#   *_ip_bytes IP octets; conn_state and history follow Zeek's letters (S0 SF S1 S2 S3 REJ RSTO
#   RSTR SHR OTH; S H A D F R, upper case = originator, `^` = direction flipped by the rules
#   above); duration and *_bytes are unset (`-`) for a single-packet connection, as Zeek writes
#   them; uid is a deterministic function of the conversation (Zeek's are random).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/pcap-to-flows.sh [--format csv|zeek-tsv] [--catalog FILE] [--] CAPTURE

Write one record per TCP/UDP conversation of CAPTURE (pcap or pcapng) to stdout,
with the initiator as source.

Options:
  -f, --format csv       otpc flow CSV (default)
  -f, --format zeek-tsv  Zeek-style conn.log (tab-separated, with #fields/#types)
  --catalog FILE         protocol catalogue whose ports mark the service side
                         (default: catalogs/protocols.yaml next to this script)
  -h, --help             this text

Examples:
  scripts/pcap-to-flows.sh ../shared/data/pcaps/mb2.pcap > test/data/flows/mb2.csv
  scripts/pcap-to-flows.sh -f zeek-tsv ../shared/data/pcaps/mb2.pcap > test/data/flows/mb2.conn.log
EOF
}

format=csv
capture=
catalog="$(cd "$(dirname "$0")/.." && pwd)/catalogs/protocols.yaml"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -f|--format)
      [ $# -ge 2 ] || { echo "pcap-to-flows: $1 needs a value (csv or zeek-tsv)" >&2; exit 2; }
      format=$2; shift 2 ;;
    --format=*) format=${1#--format=}; shift ;;
    --catalog)
      [ $# -ge 2 ] || { echo "pcap-to-flows: $1 needs a file" >&2; exit 2; }
      catalog=$2; shift 2 ;;
    --) shift; [ $# -eq 1 ] || { usage >&2; exit 2; }; capture=$1; shift ;;
    -*) echo "pcap-to-flows: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$capture" ] || { echo "pcap-to-flows: only one capture file" >&2; exit 2; }; capture=$1; shift ;;
  esac
done
case "$format" in csv|zeek-tsv) ;; *) echo "pcap-to-flows: unknown format '$format' (csv or zeek-tsv)" >&2; exit 2 ;; esac
[ -n "$capture" ] || { usage >&2; exit 2; }
[ -r "$capture" ] || { echo "pcap-to-flows: cannot read $capture" >&2; exit 2; }
[ -r "$catalog" ] || { echo "pcap-to-flows: cannot read the protocol catalogue $catalog" >&2; exit 2; }
# "tcp:502:502 udp:20000:20000 ...": every `{ transport: T, ports: [LO, HI] }` of the catalogue.
svcports=$(sed -En 's/.*\{ *transport: *(tcp|udp), *ports: *\[ *([0-9]+), *([0-9]+) *\] *\}.*/\1:\2:\3/p' "$catalog" | tr '\n' ' ')
[ -n "$svcports" ] || { echo "pcap-to-flows: no ports found in $catalog" >&2; exit 2; }
command -v tshark >/dev/null 2>&1 || { echo "pcap-to-flows: tshark not found (Debian: apt-get install tshark)" >&2; exit 2; }

# An empty personal configuration, so a user's Wireshark profile (disabled protocols, port
# preferences) cannot change the output; -n: no name resolution.
confdir=$(mktemp -d)
trap 'rm -rf "$confdir"' EXIT
mkdir "$confdir/wireshark"
export WIRESHARK_CONFIG_DIR="$confdir/wireshark"

fields=(frame.time_epoch ip.src ip.dst ipv6.src ipv6.dst ip.len ipv6.plen tcp.stream udp.stream
  tcp.srcport tcp.dstport udp.srcport udp.dstport tcp.flags.syn tcp.flags.ack tcp.flags.fin
  tcp.flags.reset tcp.len udp.length modbus.func_code dnp3.al.func s7comm.param.func
  iec60870_asdu.typeid frame.protocols cip.sc)
targs=()
for f in "${fields[@]}"; do targs+=(-e "$f"); done

# ICMP errors quote a TCP/UDP header of another packet: they are not part of that conversation.
if ! tshark -n -r "$capture" -Y '(tcp or udp) and not icmp and not icmpv6' -T fields \
  -E separator=/t -E occurrence=a -E aggregator=, "${targs[@]}" >"$confdir/packets" 2>"$confdir/tshark.err"; then
  # A capture cut off mid-packet (the capturing process was killed) still has usable packets.
  if grep -q 'cut short in the middle of a packet' "$confdir/tshark.err"; then
    echo "pcap-to-flows: warning: $capture is cut short; converting the packets before the cut" >&2
  else
    echo "pcap-to-flows: could not read $capture" >&2
    grep -v '^Running as user' "$confdir/tshark.err" >&2 || true
    exit 1
  fi
fi
TZ=UTC LC_ALL=C awk -F '\t' -v format="$format" -v closefile="$confdir/close" -v svcports="$svcports" '
function last(s,   a, n) { n = split(s, a, ","); return n ? a[n] : "" }
function hexval(s,   i, c, v) {
  v = 0; s = tolower(substr(s, 3))
  for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)); v = v * 16 + c - 1 }
  return v
}
function addops(k, s,   a, n, i, v) {
  n = split(s, a, ",")
  for (i = 1; i <= n; i++) {
    if (a[i] == "") continue
    v = (substr(a[i], 1, 2) == "0x") ? hexval(a[i]) : a[i] + 0
    ops[k, v] = 1; opsk[k] = 1
  }
}
# Time as integer microseconds (exact in a double until year 2255), parsed from the text.
function usec(s,   p) {
  p = index(s, ".")
  if (!p) return s * 1000000
  return substr(s, 1, p - 1) * 1000000 + substr(substr(s, p + 1) "000000", 1, 6)
}
function iso(t,   s) { s = int(t / 1000000); return strftime("%Y-%m-%dT%H:%M:%S", s) sprintf(".%06dZ", t - s * 1000000) }
function epoch(t,   s) { s = int(t / 1000000); return sprintf("%d.%06d", s, t - s * 1000000) }
{
  proto = ($8 != "") ? "tcp" : ($9 != "") ? "udp" : ""
  if (proto == "") next
  src = last($2); dst = last($3)
  if (src == "") { src = last($4); dst = last($5) }
  if (src == "") next
  if (proto == "tcp") { sp = $10; dp = $11; k = "t" $8 } else { sp = last($12); dp = last($13); k = "u" $9 }
  ipb = ($6 != "") ? last($6) + 0 : last($7) + 40
  plb = (proto == "tcp") ? $18 + 0 : last($19) - 8
  t = usec($1)
  if (!(k in A)) {
    A[k] = src; AP[k] = sp; B[k] = dst; BP[k] = dp; P[k] = proto; F[k] = t; L[k] = t; keys[++nk] = k
  }
  d = (src == A[k] && sp == AP[k]) ? 0 : 1
  if (t < F[k]) F[k] = t
  if (t > L[k]) L[k] = t
  pk[k, d]++; ib[k, d] += ipb; pb[k, d] += plb
  if (proto == "tcp") {
    if ($14 == 1 && $15 == 0 && !(k in syn)) syn[k] = d
    if ($14 == 1 && $15 == 1 && !(k in synack)) synack[k] = d
    if ($14 == 1 && $15 == 0) ev = "S"; else if ($14 == 1) ev = "H"; else if ($17 == 1) ev = "R"
    else if ($16 == 1) ev = "F"; else if (plb > 0) ev = "D"; else ev = "A"
    if (!((k, d, ev) in hs)) { hs[k, d, ev] = 1; hseq[k] = hseq[k] " " d ev }
    if (plb > 0 && ev != "D" && !((k, d, "D") in hs)) { hs[k, d, "D"] = 1; hseq[k] = hseq[k] " " d "D" }
  } else if (plb > 0 && !((k, d, "D") in hs)) { hs[k, d, "D"] = 1; hseq[k] = hseq[k] " " d "D" }
  addops(k, $20); addops(k, $21); addops(k, $22); addops(k, $23); addops(k, $25)
  pr[k] = pr[k] ":" $24
}
function svc(k,   s, out) {
  out = ""
  # Zeek service names (stock analyzers, and the CISA ICSNPP plugins for S7 and EtherNet/IP).
  if (pr[k] ~ /:dcerpc(:|$)/) out = out ",dce_rpc"
  if (pr[k] ~ /:dnp3(:|$)/) out = out ",dnp3"
  if (pr[k] ~ /:dns(:|$)/) out = out ",dns"
  if (pr[k] ~ /:enip(:|$)/) out = out ",enip"
  if (pr[k] ~ /:http(:|$)/) out = out ",http"
  if (pr[k] ~ /:iec60870_104(:|$)/) out = out ",iec104"
  if (pr[k] ~ /:mbtcp(:|$)/) out = out ",modbus"
  if (pr[k] ~ /:ntp(:|$)/) out = out ",ntp"
  if (pr[k] ~ /:s7comm(:|$)/) out = out ",s7comm"
  if (pr[k] ~ /:smb(:|$)/) out = out ",smb"
  return out == "" ? "-" : substr(out, 2)
}
function catport(proto, port,   i) {
  for (i = 1; i <= nsvc; i++) if (svt[i] == proto && svlo[i] <= port && port <= svhi[i]) return 1
  return 0
}
function initiator(k,   pa, pb, ca, cb) {
  if (k in syn) return syn[k]
  if (k in synack) return 1 - synack[k]
  pa = AP[k] + 0; pb = BP[k] + 0
  if ((pa < 1024) != (pb < 1024)) return (pa < 1024) ? 1 : 0
  ca = catport(P[k], pa); cb = catport(P[k], pb)
  if (ca != cb) return ca ? 1 : 0
  ca = use[P[k], pa]; cb = use[P[k], pb]
  if (ca != cb) return (ca > cb) ? 1 : 0
  if ((pa >= 49152) != (pb >= 49152)) return (pa >= 49152) ? 0 : 1
  if (pa != pb) return (pa < pb) ? 1 : 0
  return 0
}
function opslist(k,   v, out) {
  out = ""
  if (!(k in opsk)) return ""
  for (v = 0; v <= 255; v++) if ((k, v) in ops) out = out ";" v
  return substr(out, 2)
}
function uid(k, t,   x, i, s, al) {
  al = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
  x = (substr(k, 2) * 7919 + (t % 1000003) + (P[k] == "tcp" ? 17 : 29)) % 2147483647
  s = "C"
  for (i = 0; i < 17; i++) { x = (x * 48271) % 2147483647; s = s substr(al, (x % 62) + 1, 1) }
  return s
}
function zstate(k, o,   r, n, has) {
  r = 1 - o
  if (P[k] == "udp") return (pk[k, o] && pk[k, r]) ? "SF" : pk[k, o] ? "S0" : "SHR"
  n = hseq[k]
  if (!(k in syn) && !(k in synack)) return "OTH"
  if ((k in syn) && !pk[k, r]) return "S0"
  if ((k in syn) && !(k in synack) && index(n, r "R")) return "REJ"
  if (index(n, o "R")) return "RSTO"
  if (index(n, r "R")) return "RSTR"
  if (index(n, o "F") && index(n, r "F")) return "SF"
  if (index(n, o "F")) return "S2"
  if (index(n, r "F")) return "S3"
  return "S1"
}
function zhist(k, o,   a, n, i, d, e, out) {
  out = (o == 1) ? "^" : ""
  n = split(hseq[k], a, " ")
  for (i = 1; i <= n; i++) {
    d = substr(a[i], 1, 1) + 0; e = substr(a[i], 2, 1)
    out = out ((d == o) ? e : tolower(e))
  }
  return out == "" ? "-" : out
}
END {
  n = split(svcports, sv, " ")
  for (i = 1; i <= n; i++) { split(sv[i], f3, ":"); nsvc++; svt[nsvc] = f3[1]; svlo[nsvc] = f3[2] + 0; svhi[nsvc] = f3[3] + 0 }
  for (i = 1; i <= nk; i++) { k = keys[i]; use[P[k], AP[k] + 0]++; if (BP[k] != AP[k]) use[P[k], BP[k] + 0]++ }
  if (format == "csv") print "src,dst,proto,sport,dport,packets,bytes,first,last,operations"
  else {
    tmin = ""; tmax = ""
    for (i = 1; i <= nk; i++) { k = keys[i]; if (tmin == "" || F[k] < tmin) tmin = F[k]; if (tmax == "" || L[k] > tmax) tmax = L[k] }
    print "#separator \\x09"
    print "#set_separator\t,"
    print "#empty_field\t(empty)"
    print "#unset_field\t-"
    print "#path\tconn"
    print "#open\t" strftime("%Y-%m-%d-%H-%M-%S", int(tmin / 1000000))
    print "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents"
    print "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]"
  }
  for (i = 1; i <= nk; i++) {
    k = keys[i]; o = initiator(k); r = 1 - o
    if (o == 0) { s = A[k]; sp = AP[k]; d = B[k]; dp = BP[k] } else { s = B[k]; sp = BP[k]; d = A[k]; dp = AP[k] }
    if (format == "csv") {
      line = s "," d "," P[k] "," sp "," dp "," (pk[k, 0] + pk[k, 1]) "," (ib[k, 0] + ib[k, 1]) "," iso(F[k]) "," iso(L[k]) "," opslist(k)
      print iso(F[k]) "|" line
    } else {
      dur = L[k] - F[k]
      if (dur > 0) { dtext = epoch(dur); ob = pb[k, o] + 0; rb = pb[k, r] + 0 } else { dtext = "-"; ob = "-"; rb = "-" }
      line = epoch(F[k]) "\t" uid(k, F[k]) "\t" s "\t" sp "\t" d "\t" dp "\t" P[k] "\t" svc(k) "\t" dtext "\t" ob "\t" rb "\t" zstate(k, o) "\t-\t-\t0\t" zhist(k, o) "\t" (pk[k, o] + 0) "\t" (ib[k, o] + 0) "\t" (pk[k, r] + 0) "\t" (ib[k, r] + 0) "\t-"
      print epoch(F[k]) "|" line
    }
  }
  if (format != "csv") print "#close\t" strftime("%Y-%m-%d-%H-%M-%S", int(tmax / 1000000)) > closefile
}' "$confdir/packets" | {
  # Header lines (no "|" sort key) stay first; records sorted by time, then by content.
  IFS= read -r first || exit 0
  if [ "$format" = csv ]; then
    printf '%s\n' "$first"
  else
    printf '%s\n' "$first"
    for _ in 1 2 3 4 5 6 7; do IFS= read -r l; printf '%s\n' "$l"; done
  fi
  LC_ALL=C sort | cut -d'|' -f2-
} >"$confdir/out"
# Nothing half-written on stdout: the output is buffered and printed only on success.
cat "$confdir/out"
if [ "$format" = zeek-tsv ]; then
  # awk wrote the #close line to a side file so the records could be sorted first.
  cat "$confdir/close"
fi
