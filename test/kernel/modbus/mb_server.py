"""Minimal Modbus/TCP server for the kernel oracle (Debian python3-pymodbus 3.0).

Usage: mb_server.py ADDRESS PORT
Holding registers 0..99 hold 7 (an FC 3 read returns [7, 7]); writes are accepted.
Run inside the PLC's network namespace, bounded by `timeout` (test/kernel/modbus.test.ts).
"""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer

store = ModbusSlaveContext(
    hr=ModbusSequentialDataBlock(0, [7] * 100),
    co=ModbusSequentialDataBlock(0, [0] * 100),
)
context = ModbusServerContext(slaves=store, single=True)
address = (sys.argv[1], int(sys.argv[2]))
print("listening", address, flush=True)
asyncio.run(StartAsyncTcpServer(context=context, address=address))
