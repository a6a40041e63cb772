//! Writing a command's output to stdout, buffered. A reader that goes away before the end
//! (`workplan rules | head -1`) ends the output quietly: that is how pipes are used, not an
//! error of the command, and `print!` would panic on it.

use std::io::{self, BufWriter, Write};

/// Runs `write` on buffered stdout; a closed pipe counts as success.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
