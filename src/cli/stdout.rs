//! Standard output written by a thread of its own, so that a slow reader of it (a pipe into a
//! script that is busy) never blocks the runtime that answers the modems.
//!
//! The front end formats its lines into a buffer of its own and hands them over at the end of
//! each batch ([`Stdout::hand_over`]). The writer thread takes whatever has gathered, writes it
//! in one go, and naps [`COALESCE`] before it looks again, so that under load it wakes a few
//! hundred times a second whatever the rate of lines, and the runtime's thread signals it only
//! when it sleeps with nothing to write. With nothing to write it waits without waking at all.
//!
//! What waits is bounded: beyond [`LIMIT`] bytes the front end waits for room, which slows the
//! reports behind it as a blocking write to the console did, and no line is dropped.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::Notify;

/// Bytes waiting for the writer beyond which the front end waits.
pub const LIMIT: usize = 4 << 20;

/// How long the writer naps after a write before it takes what gathered meanwhile.
pub const COALESCE: Duration = Duration::from_millis(2);

/// A buffer given back to the allocator once written, when it grew beyond this.
const KEEP: usize = 256 << 10;

#[derive(Default)]
struct Queue {
    bytes: Vec<u8>,
    /// The writer sleeps until signalled.
    idle: bool,
    /// No more bytes will come: the writer ends once it wrote what is left.
    closed: bool,
    /// A write failed (the reader went away); what comes after is discarded.
    failed: bool,
}

struct Inner {
    queue: Mutex<Queue>,
    more: Condvar,
    room: Notify,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        crate::sync::lock(&self.queue)
    }
}

/// Standard output (or any writer) behind its own thread.
pub struct Stdout {
    inner: Arc<Inner>,
    thread: Option<JoinHandle<()>>,
}

impl Stdout {
    /// Writes to the process's standard output.
    pub fn spawn() -> std::io::Result<Stdout> {
        Self::over(std::io::stdout())
    }

    /// Writes to `sink`.
    pub fn over(sink: impl std::io::Write + Send + 'static) -> std::io::Result<Stdout> {
        let inner = Arc::new(Inner {
            queue: Mutex::new(Queue::default()),
            more: Condvar::new(),
            room: Notify::new(),
        });
        let i = inner.clone();
        let thread = std::thread::Builder::new()
            .name("cmm-stdout".into())
            .spawn(move || write_loop(&i, sink))?;
        Ok(Stdout {
            inner,
            thread: Some(thread),
        })
    }

    /// Hands `bytes` (left empty) to the writer, waiting while more than [`LIMIT`] bytes wait;
    /// false once a write failed (the reader is gone).
    pub async fn hand_over(&self, bytes: &mut Vec<u8>) -> bool {
        if bytes.is_empty() {
            return !self.inner.lock().failed;
        }
        {
            let mut q = self.inner.lock();
            if q.failed {
                bytes.clear();
                return false;
            }
            if q.bytes.is_empty() {
                std::mem::swap(&mut q.bytes, bytes);
            } else {
                q.bytes.append(bytes);
            }
            if q.idle {
                q.idle = false;
                self.inner.more.notify_one();
            }
        }
        loop {
            let room = self.inner.room.notified();
            tokio::pin!(room);
            room.as_mut().enable();
            {
                let q = self.inner.lock();
                if q.failed {
                    return false;
                }
                if q.bytes.len() <= LIMIT {
                    return true;
                }
            }
            room.await;
        }
    }

    /// Writes what is left, ends the thread and waits for it (off the runtime's threads).
    pub async fn finish(mut self) {
        {
            let mut q = self.inner.lock();
            q.closed = true;
            self.inner.more.notify_one();
        }
        if let Some(t) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || t.join()).await;
        }
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        let mut q = self.inner.lock();
        q.closed = true;
        self.inner.more.notify_one();
    }
}

fn write_loop(inner: &Inner, mut sink: impl std::io::Write) {
    let mut mine = Vec::new();
    loop {
        {
            let mut q = inner.lock();
            while q.bytes.is_empty() && !q.closed {
                q.idle = true;
                q = crate::sync::wait(&inner.more, q);
            }
            q.idle = false;
            if q.bytes.is_empty() {
                return;
            }
            std::mem::swap(&mut mine, &mut q.bytes);
        }
        inner.room.notify_waiters();
        let ok = sink.write_all(&mine).and_then(|()| sink.flush()).is_ok();
        mine.clear();
        if mine.capacity() > KEEP {
            mine = Vec::new();
        }
        if !ok {
            let mut q = inner.lock();
            q.failed = true;
            q.bytes = Vec::new();
            drop(q);
            inner.room.notify_waiters();
            return;
        }
        std::thread::sleep(COALESCE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that keeps what it is given, or fails after `fail_after` bytes.
    #[derive(Clone, Default)]
    struct Sink {
        got: Arc<Mutex<Vec<u8>>>,
        fail_after: Option<usize>,
    }

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut g = self.got.lock().unwrap();
            if self.fail_after.is_some_and(|n| g.len() + buf.len() > n) {
                return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
            }
            g.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn every_line_is_written_in_order_and_finish_waits_for_them() {
        let sink = Sink::default();
        let out = Stdout::over(sink.clone()).unwrap();
        let mut expected = Vec::new();
        for i in 0..10_000 {
            let mut b = format!("line {i}\n").into_bytes();
            expected.extend_from_slice(&b);
            assert!(out.hand_over(&mut b).await);
            assert!(b.is_empty());
            if i % 1000 == 0 {
                tokio::task::yield_now().await;
            }
        }
        out.finish().await;
        assert_eq!(*sink.got.lock().unwrap(), expected);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_failed_write_is_reported_to_the_front_end() {
        let sink = Sink {
            fail_after: Some(100),
            ..Default::default()
        };
        let out = Stdout::over(sink.clone()).unwrap();
        let mut ok = true;
        for _ in 0..1000 {
            let mut b = vec![b'x'; 60];
            ok = out.hand_over(&mut b).await;
            if !ok {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        assert!(!ok, "the failure reached the front end");
        assert!(sink.got.lock().unwrap().len() <= 100);
        out.finish().await;
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_slow_reader_makes_the_front_end_wait_beyond_the_limit() {
        /// A sink that takes a while for each write.
        struct Slow(Arc<Mutex<usize>>);
        impl std::io::Write for Slow {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                std::thread::sleep(Duration::from_millis(20));
                *self.0.lock().unwrap() += buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let written = Arc::new(Mutex::new(0));
        let out = Stdout::over(Slow(written.clone())).unwrap();
        let chunk = LIMIT / 4;
        let mut max_waiting = 0;
        for _ in 0..16 {
            let mut b = vec![b'y'; chunk];
            assert!(out.hand_over(&mut b).await);
            max_waiting = max_waiting.max(out.inner.lock().bytes.len());
        }
        assert!(
            max_waiting <= LIMIT,
            "at most the limit waits: {max_waiting}"
        );
        out.finish().await;
        assert_eq!(*written.lock().unwrap(), 16 * chunk);
    }
}
