"""Modbus/TCP client for the kernel oracle (Debian python3-pymodbus 3.0).

Usage: mb_client.py SERVER PORT SOURCE OP...
OP: fc3 (read 2 holding registers with pymodbus), fc6 (write register 50 := 42 with
pymodbus), raw:N (one request with function code N over a plain socket, e.g. raw:8
diagnostics "return query data", a code that is neither a read nor a listed write).
Each operation uses a new TCP connection from SOURCE, so a reset ends only that one.
Prints one JSON object per operation: {"op", "connected", "ok", "detail"}.
"""
import json
import socket
import struct
import sys

from pymodbus.client import ModbusTcpClient

server, port, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
family = socket.AF_INET6 if ":" in server else socket.AF_INET


def pymodbus_op(op):
    client = ModbusTcpClient(server, port=port, source_address=(source, 0), timeout=2, retries=0)
    connected = bool(client.connect())
    try:
        if op == "fc3":
            r = client.read_holding_registers(0, 2, slave=1)
            ok = not r.isError() and list(r.registers) == [7, 7]
            detail = str(r.registers) if not r.isError() else str(r)
        else:
            r = client.write_register(50, 42, slave=1)  # outside the registers fc3 reads (clients run in parallel)
            ok = not r.isError()
            detail = str(r)
    except Exception as e:  # the reset surfaces as a ConnectionException / ModbusIOException
        ok, detail = False, f"{type(e).__name__}: {e}"
    finally:
        client.close()
    return connected, ok, detail


def raw_op(fc):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(2)
    s.bind((source, 0))
    try:
        s.connect((server, port))
    except OSError as e:
        return False, False, f"connect: {e}"
    try:
        pdu = bytes([fc, 0, 0, 0xAB, 0xCD])  # FC 8: sub-function 0 (return query data), data 0xABCD
        s.sendall(struct.pack(">HHHB", 1, 0, len(pdu) + 1, 1) + pdu)
        reply = s.recv(256)
        return True, len(reply) >= 8 and reply[7] == fc, reply.hex()
    except OSError as e:
        return True, False, f"{type(e).__name__}: {e}"
    finally:
        s.close()


for op in sys.argv[4:]:
    connected, ok, detail = raw_op(int(op[4:])) if op.startswith("raw:") else pymodbus_op(op)
    print(json.dumps({"op": op, "connected": connected, "ok": ok, "detail": detail}), flush=True)
