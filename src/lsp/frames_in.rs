//! Frames from the client: `Content-Length` headers and the bodies they announce, read so
//! that a bad frame costs itself and at most the frame it ran into.
//!
//! Clients and the pipes between them are not always right: a stray write before a header
//! (no line break between), a `Content-Length` a few bytes short or long. A reader that
//! trusts every header loses its place for good and the server never answers again. This
//! one finds the next header wherever it starts on a line: after a bad frame, reading goes on
//! from the next header it can find (a length that said too much costs the frame it ran
//! into). A body is always what its header says: a frame framed right is never cut.

use std::io::{BufRead, BufReader, Read};

/// Larger bodies are read and dropped: they cannot be a document anyone edits.
const MAX_BODY: usize = 512 << 20;
/// Longer header lines are not LSP headers: their bytes are skipped.
const MAX_HEADER_LINE: usize = 8 << 10;

const HEADER: &[u8] = b"content-length:";

/// One message body, or the reason there is none.
pub enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`, or a body over the limit (already skipped).
    Unusable(String),
}

/// Reads frames from a byte stream; see the module's comment.
pub struct FrameReader<R> {
    input: BufReader<R>,
    /// The header line being read.
    line: Vec<u8>,
}

impl<R: Read> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader { input: BufReader::with_capacity(64 << 10, input), line: Vec::new() }
    }

    /// The next frame; `None` at the end of the input (a frame cut short by it included).
    pub fn next(&mut self) -> std::io::Result<Option<Frame>> {
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            if !self.next_line()? {
                return Ok(None);
            }
            let text = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue; // stray blank lines between frames
            }
            saw_header = true;
            // Anything before the header on its line is debris of an earlier write.
            if let Some(at) = last_header(text) {
                if at > 0 {
                    tracing::warn!("skipped {at} bytes before a Content-Length header");
                }
                length = String::from_utf8_lossy(&text[at + HEADER.len()..]).trim().parse().ok();
            }
        }
        let Some(len) = length else { return Ok(Some(Frame::Unusable("missing or invalid Content-Length".into()))) };
        // A body is what its header says, whatever it holds: only then are the frames after
        // a frame framed right read right. A header that said too much costs the frame it
        // ran into; the reading finds the next header after that.
        let mut body = (&mut self.input).take(len as u64);
        if len > MAX_BODY {
            let skipped = std::io::copy(&mut body, &mut std::io::sink())?;
            let why = format!("message of {len} bytes is over the limit of {MAX_BODY}");
            return Ok((skipped == len as u64).then_some(Frame::Unusable(why)));
        }
        let mut bytes = Vec::with_capacity(len);
        body.read_to_end(&mut bytes)?;
        Ok((bytes.len() == len).then_some(Frame::Body(bytes)))
    }

    /// Reads the next line (its `\n` included); false at the end of the input. A run of
    /// bytes longer than any header line without a line break is skipped, up to a header
    /// that may begin in it (after its first byte), or up to a tail that may be the start of
    /// a header cut by the read.
    fn next_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        loop {
            let read = (&mut self.input).take(MAX_HEADER_LINE as u64).read_until(b'\n', &mut self.line)?;
            if self.line.ends_with(b"\n") {
                return Ok(true);
            }
            if read < MAX_HEADER_LINE {
                return Ok(false);
            }
            let tail = self.line.len() - (HEADER.len() - 1);
            self.line.drain(..last_header(&self.line[1..]).map_or(tail, |at| at + 1));
        }
    }
}

/// Where the last `Content-Length:` header of a header line starts: what comes before it
/// on the line is debris (garbage, or what a broken frame left), even another header.
fn last_header(text: &[u8]) -> Option<usize> {
    text.windows(HEADER.len()).rposition(|w| w.eq_ignore_ascii_case(HEADER))
}
