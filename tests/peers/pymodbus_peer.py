#!/usr/bin/env python3
"""An independent Modbus peer for the tests: pymodbus serving two devices, unit 1 whose
holding registers 0-99 hold 1000-1099 and input registers 0-99 hold 1500-1599, and unit 2
whose hold 2000-2099 and 2500-2599.

    pymodbus_peer.py tcp            Modbus TCP on a free port of 127.0.0.1
    pymodbus_peer.py serial PATH    Modbus RTU on a serial port (one end of a pty pair)

Prints one JSON line when it serves: {"event": "peer", "address": "tcp://127.0.0.1:PORT"}.
"""

import asyncio
import json
import socket
import sys

from pymodbus.datastore import (
    ModbusDeviceContext,
    ModbusSequentialDataBlock,
    ModbusServerContext,
)
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer


def device(base):
    values = [base + i for i in range(100)]
    # A block given address 1 holds register 0 (pymodbus counts from 1 there).
    return ModbusDeviceContext(
        hr=ModbusSequentialDataBlock(1, values),
        ir=ModbusSequentialDataBlock(1, [base + 500 + i for i in range(100)]),
        co=ModbusSequentialDataBlock(1, [0] * 100),
        di=ModbusSequentialDataBlock(1, [0] * 100),
    )


def say(address):
    print(json.dumps({"event": "peer", "address": address}), flush=True)


async def main():
    context = ModbusServerContext(devices={1: device(1000), 2: device(2000)}, single=False)
    if sys.argv[1] == "tcp":
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        asyncio.get_running_loop().call_later(0.5, say, f"tcp://127.0.0.1:{port}")
        await StartAsyncTcpServer(context, address=("127.0.0.1", port))
    else:
        path = sys.argv[2]
        asyncio.get_running_loop().call_later(0.5, say, path)
        await StartAsyncSerialServer(context, port=path, baudrate=9600)


asyncio.run(main())
