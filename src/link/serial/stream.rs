//! What a link talks through: a serial port, or a TCP connection (to a Modbus TCP controller
//! or gateway, or to a transparent gateway carrying RTU frames).

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A link's connection to its controller.
#[derive(Debug)]
pub enum Stream {
    /// A serial port.
    Serial(tokio_serial::SerialStream),
    /// A TCP connection.
    Tcp(tokio::net::TcpStream),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Serial(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tcp(s) => Pin::new(s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Stream::Serial(s) => Pin::new(s).poll_write(cx, b),
            Stream::Tcp(s) => Pin::new(s).poll_write(cx, b),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Serial(s) => Pin::new(s).poll_flush(cx),
            Stream::Tcp(s) => Pin::new(s).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Serial(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tcp(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

/// A Modbus client over `io` for slave `slave`: Modbus TCP framing (MBAP) for a `tcp://`
/// address, RTU framing otherwise (a serial port, or a transparent gateway).
pub fn attach<T>(port: &str, io: T, slave: u8) -> tokio_modbus::client::Context
where
    T: AsyncRead + AsyncWrite + std::fmt::Debug + Send + Unpin + 'static,
{
    let slave = tokio_modbus::slave::Slave(slave);
    match crate::model::serial::Transport::of(port) {
        crate::model::serial::Transport::ModbusTcp(_) => {
            tokio_modbus::client::tcp::attach_slave(io, slave)
        }
        _ => tokio_modbus::client::rtu::attach_slave(io, slave),
    }
}
