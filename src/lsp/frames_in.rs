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

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Option<String>> {
        let mut r = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = r.next().expect("in-memory read") {
            out.push(match f {
                Frame::Body(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                Frame::Unusable(_) => None,
            });
        }
        out
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn headers_are_case_insensitive_and_content_type_is_optional() {
        let input = b"content-length: 2\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{}Content-Length:3\n\n[1]";
        assert_eq!(frames(input), [some("{}"), some("[1]")]);
    }

    #[test]
    fn a_frame_without_length_is_reported_and_reading_goes_on() {
        let input = b"X-Foo: 1\r\n\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input), [None, some("{}")]);
    }

    #[test]
    fn garbage_before_a_header_on_its_line_is_skipped() {
        let input = b"garbageContent-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input), [some("{}")]);
    }

    #[test]
    fn after_a_body_shorter_than_its_header_the_next_frame_is_read() {
        // Says 10, sends 12: the two bytes left over come before the next header.
        let input = b"Content-Length: 10\r\n\r\n{\"a\":12345}Content-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input), [some("{\"a\":12345"), some("{}")]);
    }

    #[test]
    fn after_a_body_longer_than_its_header_the_frame_after_next_is_read() {
        // Says 16, sends 11: the body runs 5 bytes into the next frame, which is lost.
        let input = b"Content-Length: 16\r\n\r\n{\"a\":12345}Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]";
        assert_eq!(frames(input), [some("{\"a\":12345}Conte"), None, some("[]")]);
    }

    #[test]
    fn a_body_framed_right_is_read_whole_whatever_it_holds() {
        // Found by the `lsp` fuzz target: a value, then text holding a header. Cut after the
        // value (as once, to recover from a length that said too much), the rest was read
        // as a frame that swallowed the frames after it.
        let body = b"{\"a\":1}x\r\nContent-Length: 99\r\n\r\n";
        let mut input = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        assert_eq!(frames(&input), [some(std::str::from_utf8(body).expect("utf-8")), some("{}")]);
    }

    #[test]
    fn the_last_header_on_a_line_is_the_one_that_counts() {
        let input = b"Content-Length: 5Content-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input), [some("{}")]);
    }

    #[test]
    fn a_long_run_without_line_breaks_is_skipped_up_to_the_next_header() {
        // The header after the run, or across the end of one read of the run.
        for run in [3 * MAX_HEADER_LINE, MAX_HEADER_LINE - 5] {
            let mut input = vec![b'x'; run];
            input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
            assert_eq!(frames(&input), [some("{}")]);
        }
    }

    #[test]
    fn a_frame_cut_by_the_end_of_the_input_ends_the_reading() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), []);
        assert_eq!(frames(b"Content-Len"), []);
    }
}
