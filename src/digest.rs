//! Input files → their SHA-256, computed from the bytes as they are read for checking (one
//! pass, nothing held), so every report can say exactly which inputs it describes.

use sha2::{Digest as _, Sha256};
use std::io::{self, BufRead, Read};

/// One input of a run as reports list it: its path and, when it was read to its end, the
/// SHA-256 and length of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputFile {
    /// The path as given on the command line or found in a folder.
    pub path: String,
    /// Lowercase hex SHA-256 of the file's bytes; `None` when the file could not be read
    /// whole (unreadable, too large, a read error).
    pub sha256: Option<String>,
    /// Its length in bytes, with the same condition.
    pub bytes: Option<u64>,
}

impl InputFile {
    /// An input that could not be read (whole).
    pub fn unread(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            sha256: None,
            bytes: None,
        }
    }

    /// An input held in memory.
    pub fn of_bytes(path: impl Into<String>, bytes: &[u8]) -> Self {
        Self {
            path: path.into(),
            sha256: Some(hex(&Sha256::digest(bytes))),
            bytes: Some(bytes.len() as u64),
        }
    }
}

/// The running digest of one file being read.
#[derive(Default)]
pub struct FileDigest {
    hasher: Sha256,
    bytes: u64,
    at_end: bool,
}

impl FileDigest {
    /// The input record: hashed only if every byte up to the end passed through and the
    /// file is within the size limit (a larger file is read only up to just past the limit,
    /// so the end seen is not the file's).
    pub fn finish(self, path: impl Into<String>, max_bytes: u64) -> InputFile {
        if !self.at_end || self.bytes > max_bytes {
            return InputFile::unread(path);
        }
        InputFile {
            path: path.into(),
            sha256: Some(hex(&self.hasher.finalize())),
            bytes: Some(self.bytes),
        }
    }
}

/// A buffered reader that feeds every byte it hands on into a [`FileDigest`].
pub struct Digesting<'d, R> {
    inner: R,
    digest: &'d mut FileDigest,
}

impl<'d, R: BufRead> Digesting<'d, R> {
    /// Wraps `inner`; the digest is complete once the reader has reached the end.
    pub fn new(inner: R, digest: &'d mut FileDigest) -> Self {
        Self { inner, digest }
    }
}

impl<R: BufRead> Read for Digesting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Digesting<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let buffer = self.inner.fill_buf()?;
        if buffer.is_empty() {
            self.digest.at_end = true;
        }
        Ok(buffer)
    }

    fn consume(&mut self, amount: usize) {
        if amount > 0 {
            // A buffered reader hands back the same, unconsumed buffer without reading, so
            // this sees exactly the bytes being consumed.
            if let Ok(buffer) = self.inner.fill_buf() {
                let taken = &buffer[..amount.min(buffer.len())];
                self.digest.hasher.update(taken);
                self.digest.bytes += taken.len() as u64;
            }
        }
        self.inner.consume(amount);
    }
}

/// Lowercase hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        // Writing into a String cannot fail.
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_to_its_end_has_the_sha256_of_its_bytes() {
        let mut digest = FileDigest::default();
        let mut text = String::new();
        Digesting::new(&b"abc"[..], &mut digest)
            .read_to_string(&mut text)
            .expect("reads");
        let input = digest.finish("a.yaml", 3);
        assert_eq!(
            input.sha256.as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(input.bytes, Some(3));
    }

    #[test]
    fn a_file_over_the_limit_has_no_hash() {
        let mut digest = FileDigest::default();
        let mut text = String::new();
        Digesting::new(&b"abcd"[..], &mut digest)
            .read_to_string(&mut text)
            .expect("reads");
        assert_eq!(digest.finish("a.yaml", 3), InputFile::unread("a.yaml"));
    }

    #[test]
    fn a_file_not_read_to_its_end_has_no_hash() {
        let mut digest = FileDigest::default();
        let mut line = Vec::new();
        Digesting::new(&b"a\nb\n"[..], &mut digest)
            .read_until(b'\n', &mut line)
            .expect("reads");
        assert_eq!(digest.finish("a.yaml", 100), InputFile::unread("a.yaml"));
    }
}
